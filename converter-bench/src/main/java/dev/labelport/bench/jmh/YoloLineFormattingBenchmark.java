package dev.labelport.bench.jmh;

import dev.labelport.formats.yolo.FixedDecimal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Formatting YOLO detect lines ({@code class cx cy w h} with 6 decimals), the bulk of a YOLO
 * write: {@code fixedDecimal} = {@link FixedDecimal#append} (what the YOLO writer uses),
 * against {@code stringFormat} = {@code String.format("%.6f")} and {@code bigDecimal} =
 * {@code new BigDecimal(v).setScale(6, HALF_EVEN)}, which give the same digits. Realistic
 * values: normalised boxes with up to 17 significant digits (pixel values divided by a size).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class YoloLineFormattingBenchmark {
    static final int LINES = 256;

    private double[] values;
    private int[] classes;
    private final StringBuilder sb = new StringBuilder(64 * LINES);

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        values = new double[LINES * 4];
        classes = new int[LINES];
        for (int i = 0; i < LINES; i++) {
            classes[i] = r.nextInt(80);
            double w = 640;
            double h = 480;
            values[4 * i] = r.nextInt(64_000) / 100.0 / w;
            values[4 * i + 1] = r.nextInt(48_000) / 100.0 / h;
            values[4 * i + 2] = r.nextInt(1, 20_000) / 100.0 / w;
            values[4 * i + 3] = r.nextInt(1, 20_000) / 100.0 / h;
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void fixedDecimal(Blackhole bh) {
        sb.setLength(0);
        for (int i = 0; i < LINES; i++) {
            sb.append(classes[i]);
            for (int k = 0; k < 4; k++) {
                sb.append(' ');
                FixedDecimal.append(sb, values[4 * i + k], 6);
            }
            sb.append('\n');
        }
        bh.consume(sb.length());
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void stringFormat(Blackhole bh) {
        sb.setLength(0);
        for (int i = 0; i < LINES; i++) {
            sb.append(classes[i]);
            for (int k = 0; k < 4; k++) {
                sb.append(' ').append(String.format(Locale.ROOT, "%.6f", values[4 * i + k]));
            }
            sb.append('\n');
        }
        bh.consume(sb.length());
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void bigDecimal(Blackhole bh) {
        sb.setLength(0);
        for (int i = 0; i < LINES; i++) {
            sb.append(classes[i]);
            for (int k = 0; k < 4; k++) {
                sb.append(' ').append(new BigDecimal(values[4 * i + k]).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
            }
            sb.append('\n');
        }
        bh.consume(sb.length());
    }
}
