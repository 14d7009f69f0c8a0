package dev.labelport.core;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.MediaKind;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.Detection;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.OptionSpec;
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A tiny DIRECTORY-layout test format: {@code items/<id>.txt} holds one box per line
 * ({@code label x y w h}), {@code index.txt} lists the ids in order. Items are named
 * {@code <id>.jpg}. Options: {@code prefix} (write) is put before every path the writer
 * creates (to try escaping), {@code fail-at} (write) throws when writing that item.
 * {@code normalized} marks the read items as normalised and makes the writer a normalised one.
 */
final class FolderFormat implements FormatProvider {
    private final String id;
    private final boolean normalized;

    FolderFormat(String id, boolean normalized) {
        this.id = id;
        this.normalized = normalized;
    }

    @Override
    public FormatDescriptor descriptor() {
        return new FormatDescriptor(id, List.of(), "Folder", List.of(), FormatDescriptor.Layout.DIRECTORY,
                Set.of(MediaKind.IMAGE), Set.of(GeometryKind.BOX), true, true, "everything but boxes",
                List.of(new OptionSpec("prefix", OptionSpec.Direction.WRITE, "", "put before every path"),
                        new OptionSpec("fail-at", OptionSpec.Direction.WRITE, "", "fail writing this item")));
    }

    @Override
    public boolean writesNormalized() {
        return normalized;
    }

    @Override
    public int detect(Detection probe) {
        return probe.entries().contains("index.txt") && probe.entries().stream().anyMatch(e -> e.startsWith("items/")) ? 90 : 0;
    }

    @Override
    public AnnotationSource open(Path root, ReadContext ctx) {
        Path index = root.resolve("index.txt");
        List<String> ids;
        try {
            ids = Files.readAllLines(index, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(Location.of(ctx.sourceName()), "no index.txt", e);
        }
        Iterator<String> it = ids.iterator();
        return new AnnotationSource() {
            @Override
            public DatasetHeader header() {
                return new DatasetHeader("folder", id, null, List.of(), JsonObject.EMPTY);
            }

            @Override
            public Item next() {
                if (!it.hasNext()) {
                    return null;
                }
                String itemId = it.next();
                Path file = root.resolve("items").resolve(itemId + ".txt");
                List<Annotation> anns = new ArrayList<>();
                try {
                    int n = 0;
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        n++;
                        String[] f = line.split(" ");
                        if (f.length != 5) {
                            throw new InvalidInputException(Location.ofLine(ctx.sourceName() + "/items/" + itemId + ".txt", n),
                                    "expected 'label x y w h'");
                        }
                        anns.add(Annotation.builder(new Box(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                                Double.parseDouble(f[3]), Double.parseDouble(f[4]))).category(Category.of(Id.of(f[0]), f[0]))
                                .id(Id.of(n)).build());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Item.image(Id.of(itemId)).fileName(itemId + ".jpg").normalized(normalized).annotations(anns).build();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public ExportWriter createWriter(OutputFolder out, WriteContext ctx) {
        String prefix = ctx.options().get("prefix", "");
        String failAt = ctx.options().get("fail-at", "");
        List<String> ids = new ArrayList<>();
        return new ExportWriter() {
            @Override
            public void begin(DatasetHeader header) {
            }

            @Override
            public void write(Item item) {
                if (item.id().text().equals(failAt)) {
                    throw new IllegalStateException("failing at " + failAt + " as asked");
                }
                StringBuilder sb = new StringBuilder();
                for (Annotation a : item.annotations()) {
                    Box b = (Box) a.geometry();
                    sb.append(a.category().name()).append(' ').append(b.x()).append(' ').append(b.y()).append(' ')
                            .append(b.width()).append(' ').append(b.height()).append('\n');
                }
                put(prefix + "items/" + item.id().text() + ".txt", sb.toString());
                ids.add(item.id().text());
                ctx.written(1, item.annotations().size());
            }

            @Override
            public void finish() {
                put(prefix + "index.txt", String.join("\n", ids) + "\n");
            }

            private void put(String path, String text) {
                try (OutputStream o = out.create(path)) {
                    o.write(text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
