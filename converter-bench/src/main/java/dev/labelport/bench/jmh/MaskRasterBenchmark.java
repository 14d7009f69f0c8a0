package dev.labelport.bench.jmh;

import dev.labelport.masks.Contours;
import dev.labelport.masks.Rle;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Polygon → RLE as pycocotools' {@code rleFrPoly} (issue 9's measure): a 30-vertex star-shaped
 * polygon over most of a 640×480 image, rasterised and encoded as a compressed string; and the
 * way back, mask → polygon. Scores are masks per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MaskRasterBenchmark {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int VERTICES = 30;

    private Polygon polygon;
    private Mask mask;

    @Setup
    public void setUp() {
        Random r = new Random(9);
        double[] xy = new double[2 * VERTICES];
        for (int i = 0; i < VERTICES; i++) {
            double angle = 2 * Math.PI * i / VERTICES;
            double radius = 120 + r.nextDouble() * 100;
            xy[2 * i] = WIDTH / 2.0 + radius * Math.cos(angle);
            xy[2 * i + 1] = HEIGHT / 2.0 + radius * Math.sin(angle);
        }
        polygon = Polygon.of(PointList.wrap(xy));
        mask = Rle.fromPolygon(polygon, HEIGHT, WIDTH);
    }

    @Benchmark
    public String polygonToRle() {
        return Rle.fromPolygon(polygon, HEIGHT, WIDTH).compressedCounts();
    }

    @Benchmark
    public Polygon rleToPolygon() {
        return Contours.toPolygon(mask);
    }
}
