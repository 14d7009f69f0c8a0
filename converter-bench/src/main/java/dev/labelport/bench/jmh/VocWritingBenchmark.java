package dev.labelport.bench.jmh;

import dev.labelport.FormatRegistry;
import dev.labelport.internal.OutputFolders;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing Pascal VOC objects: {@value #ANNOTATIONS} boxes with pose/truncated/difficult on
 * {@value #IMAGES} images (a train/val split, so the split and per-class lists are written at
 * {@code finish} too), into a fresh folder per invocation. {@code decimals=false} rounds the
 * two-decimal coordinates (one ROUNDING entry per object); {@code true} writes them as they are.
 * The score is objects per second, files and lists included.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class VocWritingBenchmark {
    static final int ANNOTATIONS = 2_000;
    static final int IMAGES = 275;
    private static final List<String> CLASSES = List.of("person", "car", "dog", "bicycle", "chair", "bottle");

    @Param({"false", "true"})
    public String decimals;

    private Path dir;
    private FormatProvider provider;
    private List<Item> items;
    private int run;

    @Setup(Level.Trial)
    public void setUp() {
        provider = FormatRegistry.discover().require("voc");
        dir = BenchFiles.tempDirectory("labelport-jmh-voc");
        Random r = new Random(42);
        items = new ArrayList<>(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            int n = ANNOTATIONS / IMAGES + (i < ANNOTATIONS % IMAGES ? 1 : 0);
            List<Annotation> anns = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                double x = Math.round(r.nextDouble() * 50000) / 100.0;
                double y = Math.round(r.nextDouble() * 35000) / 100.0;
                Box box = new Box(x, y, 1 + Math.round(r.nextDouble() * 10000) / 100.0, 1 + Math.round(r.nextDouble() * 10000) / 100.0);
                String name = CLASSES.get(r.nextInt(CLASSES.size()));
                anns.add(Annotation.builder(box).category(Category.of(Id.of(name), name))
                        .attributes(JsonObject.builder().put("pose", new JsonString("Unspecified"))
                                .put("truncated", JsonBoolean.of(r.nextBoolean()))
                                .put("difficult", JsonBoolean.of(r.nextInt(10) == 0)).build())
                        .build());
            }
            String id = String.format(Locale.ROOT, "2007_%06d", i);
            items.add(Item.image(Id.of(id)).fileName(id + ".jpg").size(640, 480).split(i % 5 == 0 ? "val" : "train")
                    .annotations(anns).build());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchFiles.deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(ANNOTATIONS)
    public WriteContext write() {
        Path out = dir.resolve("out" + (run++));
        BenchFiles.createDirectory(out);
        WriteContext ctx = WriteContext.of(out.getFileName().toString())
                .withOptions(FormatOptions.of(Map.of("decimals", decimals)));
        try (ExportWriter w = provider.createWriter(OutputFolders.directory(out, out.getFileName().toString()), ctx)) {
            w.begin(DatasetHeader.of(List.of()));
            for (Item item : items) {
                w.write(item);
            }
            w.finish();
        }
        BenchFiles.deleteTree(out);
        return ctx;
    }
}
