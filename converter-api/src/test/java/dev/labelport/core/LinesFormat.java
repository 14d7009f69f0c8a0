package dev.labelport.core;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.MediaKind;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.Detection;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.OptionSpec;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny test format: one line per item, {@code LINES id [label x y w h]...}. It holds boxes
 * only; its writer reports anything else as dropped. Registered by hand in the pipeline tests.
 */
final class LinesFormat implements FormatProvider {
    private final String id;
    private final Set<MediaKind> kinds;

    LinesFormat(String id, Set<MediaKind> kinds) {
        this.id = id;
        this.kinds = kinds;
    }

    @Override
    public FormatDescriptor descriptor() {
        return new FormatDescriptor(id, List.of(id + "-alias"), "Lines", List.of("lines"), FormatDescriptor.Layout.FILE,
                kinds, Set.of(GeometryKind.BOX), true, true, "everything but boxes",
                List.of(new OptionSpec("fail-at", OptionSpec.Direction.READ, "-1", "fail when reading this line")));
    }

    @Override
    public int detect(Detection probe) {
        return probe.headText().startsWith("LINES") ? 80 : 0;
    }

    @Override
    public AnnotationSource open(Path input, ReadContext ctx) {
        int failAt = ctx.options().getInt("fail-at", -1, -1, Integer.MAX_VALUE);
        try {
            BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8);
            Map<String, Category> cats = new HashMap<>();
            return new AnnotationSource() {
                int line;

                @Override
                public DatasetHeader header() {
                    return new DatasetHeader("lines", id, null, List.of(), JsonObject.EMPTY);
                }

                @Override
                public Item next() {
                    try {
                        String s = r.readLine();
                        line++;
                        if (s == null) {
                            return null;
                        }
                        if (line == failAt || !s.startsWith("LINES ")) {
                            throw new InvalidInputException(Location.ofLine(ctx.sourceName(), line), "expected LINES");
                        }
                        String[] f = s.split(" ");
                        List<Annotation> anns = new ArrayList<>();
                        for (int i = 2; i + 4 < f.length; i += 5) {
                            Category c = cats.computeIfAbsent(f[i], n -> Category.of(Id.of(n), n));
                            anns.add(Annotation.builder(new Box(Double.parseDouble(f[i + 1]), Double.parseDouble(f[i + 2]),
                                    Double.parseDouble(f[i + 3]), Double.parseDouble(f[i + 4]))).category(c)
                                    .id(Id.of(anns.size() + 1)).extensions(JsonObject.builder()
                                            .put(id, JsonObject.builder().put("derived", JsonValue.of(1)).put("extra", "x").build())
                                            .build()).build());
                        }
                        return Item.image(Id.of(f[1])).annotations(anns).build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        r.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ExportWriter createWriter(Path output, WriteContext ctx) {
        try {
            Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
            return new ExportWriter() {
                @Override
                public void begin(DatasetHeader header) {
                }

                @Override
                public void write(Item item) {
                    try {
                        w.write("LINES " + item.id().text());
                        int n = 0;
                        for (Annotation a : item.annotations()) {
                            if (a.geometry() instanceof Box b) {
                                w.write(" " + a.category().name() + " " + b.x() + " " + b.y() + " " + b.width() + " " + b.height());
                                n++;
                            } else {
                                ctx.loss(LossCode.DROPPED_GEOMETRY, "item " + item.id(), a.geometry().kind().label());
                            }
                        }
                        w.write("\n");
                        ctx.written(1, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void finish() {
                }

                @Override
                public void close() {
                    try {
                        w.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
