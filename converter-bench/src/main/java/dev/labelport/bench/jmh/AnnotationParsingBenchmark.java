package dev.labelport.bench.jmh;

import dev.labelport.FormatRegistry;
import dev.labelport.bench.CocoGenerator;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading annotations: a generated COCO file of {@value #ANNOTATIONS} shuffled annotations read
 * through the COCO provider and drained (header, then every item with its annotations). The score
 * is annotations per second, so it includes the reader's grouping of shuffled annotations under
 * their images, the model building and the file I/O (from the page cache).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AnnotationParsingBenchmark {
    static final int ANNOTATIONS = 2_000;

    private Path dir;
    private Path file;
    private FormatProvider coco;

    @Setup(Level.Trial)
    public void setUp() {
        coco = FormatRegistry.discover().require("coco");
        if (!coco.descriptor().canRead()) {
            throw new IllegalStateException("the coco format on the class path cannot read yet (placeholder?)");
        }
        dir = BenchFiles.tempDirectory("labelport-jmh-parse");
        file = dir.resolve("instances.json");
        new CocoGenerator(CocoGenerator.Spec.withAnnotations(ANNOTATIONS, CocoGenerator.DEFAULT_SEED)).write(file);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchFiles.deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(ANNOTATIONS)
    public long readCoco(Blackhole bh) {
        long annotations = 0;
        try (AnnotationSource src = coco.open(file, ReadContext.of(file.getFileName().toString()))) {
            bh.consume(src.header());
            for (Item item = src.next(); item != null; item = src.next()) {
                annotations += item.annotations().size();
                bh.consume(item);
            }
        }
        if (annotations != ANNOTATIONS) {
            throw new IllegalStateException("read " + annotations + " annotations, expected " + ANNOTATIONS);
        }
        return annotations;
    }
}
