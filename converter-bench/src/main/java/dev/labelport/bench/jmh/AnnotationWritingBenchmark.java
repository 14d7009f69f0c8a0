package dev.labelport.bench.jmh;

import dev.labelport.FormatRegistry;
import dev.labelport.bench.CocoGenerator;
import dev.labelport.bench.SyntheticCoco;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import java.nio.file.Path;
import java.util.List;
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
 * Serialising annotations: {@value #ANNOTATIONS} polygon annotations (10–40 points, two-decimal
 * coordinates) on {@value #IMAGES} images, built once in memory, written through a format's
 * {@link ExportWriter} into a temp file (begin, write every item, finish, close). The score is
 * annotations per second, including whatever the writer spills and appends at {@code finish}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AnnotationWritingBenchmark {
    static final int ANNOTATIONS = 2_000;
    static final int IMAGES = 275;

    @Param({"coco", "avala"})
    public String format;

    private Path dir;
    private Path out;
    private FormatProvider provider;
    private DatasetHeader header;
    private List<Item> items;
    private boolean directoryLayout;

    @Setup(Level.Trial)
    public void setUp() {
        provider = FormatRegistry.discover().require(format);
        if (!provider.descriptor().canWrite()) {
            throw new IllegalStateException("the " + format + " format on the class path cannot write yet (placeholder?)");
        }
        dir = BenchFiles.tempDirectory("labelport-jmh-write");
        directoryLayout = provider.descriptor().layout() == FormatDescriptor.Layout.DIRECTORY;
        out = dir.resolve(directoryLayout ? "out" : "out.json");
        header = SyntheticCoco.header();
        items = new SyntheticCoco(CocoGenerator.DEFAULT_SEED).items(IMAGES, ANNOTATIONS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchFiles.deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(ANNOTATIONS)
    public WriteContext write() {
        if (directoryLayout) {
            // A directory format writes into an existing empty directory: a fresh one per invocation.
            BenchFiles.deleteTree(out);
            BenchFiles.createDirectory(out);
        }
        WriteContext ctx = WriteContext.of(out.getFileName().toString());
        try (ExportWriter w = provider.createWriter(out, ctx)) {
            w.begin(header);
            for (Item item : items) {
                w.write(item);
            }
            w.finish();
        }
        return ctx;
    }
}
