package dev.labelport.bench.jmh;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import java.io.OutputStream;
import java.util.SplittableRandom;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writing coordinates, the bulk of every polygon format's output: {@link JsonSupport#writeCoordinate}
 * (what the writers use: integral values as longs) against {@link JsonGenerator#writeNumber(double)}
 * and against {@link Double#toString} handed to the generator as text. Realistic values: 0–640 with
 * two decimals, one in ten integral. Output goes to a null stream through the generator's own
 * buffer, so the score is the formatting and buffering cost per coordinate. {@code fastWriter}
 * toggles Jackson's {@code USE_FAST_DOUBLE_WRITER} (on in {@link JsonSupport#factory}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NumberFormattingBenchmark {
    static final int COORDINATES = 1_024;

    @Param({"true", "false"})
    public boolean fastWriter;

    private double[] values;
    private JsonGenerator generator;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        values = new double[COORDINATES];
        for (int i = 0; i < values.length; i++) {
            long cents = r.nextLong(64_001);
            values[i] = r.nextInt(10) == 0 ? Math.floor(cents / 100.0) : cents / 100.0;
        }
        JsonFactory base = JsonSupport.factory(Limits.DEFAULTS);
        JsonFactory factory = fastWriter ? base
                : base.rebuild().disable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        generator = factory.createGenerator(ObjectWriteContext.empty(), OutputStream.nullOutputStream());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        generator.close();
    }

    @Benchmark
    @OperationsPerInvocation(COORDINATES)
    public void writeCoordinate() {
        JsonGenerator g = generator;
        g.writeStartArray();
        for (double v : values) {
            JsonSupport.writeCoordinate(g, v);
        }
        g.writeEndArray();
        g.flush();
    }

    @Benchmark
    @OperationsPerInvocation(COORDINATES)
    public void writeNumberDouble() {
        JsonGenerator g = generator;
        g.writeStartArray();
        for (double v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        g.flush();
    }

    @Benchmark
    @OperationsPerInvocation(COORDINATES)
    public void doubleToString() {
        JsonGenerator g = generator;
        g.writeStartArray();
        for (double v : values) {
            g.writeNumber(Double.toString(v));
        }
        g.writeEndArray();
        g.flush();
    }
}
