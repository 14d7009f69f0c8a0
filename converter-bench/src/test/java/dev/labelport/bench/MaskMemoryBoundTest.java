package dev.labelport.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.masks.Contours;
import dev.labelport.masks.MaskBuilder;
import dev.labelport.masks.MaskRows;
import dev.labelport.masks.Rle;
import dev.labelport.model.Box;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 10,000 × 10,000 mask is runs, never a bitmap (issue 9): rasterising, tracing, painting row by
 * row and building from rows all run under {@code -Xmx64m} (a bitmap would be 100 MB), and the
 * bytes the rasteriser allocates are counted.
 */
@Tag("memory")
class MaskMemoryBoundTest {
    private static final int SIZE = 10_000;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Polygon star() {
        double[] xy = new double[60];
        for (int i = 0; i < 30; i++) {
            double angle = 2 * Math.PI * i / 30;
            double radius = i % 2 == 0 ? 4_900 : 3_000;
            xy[2 * i] = SIZE / 2.0 + radius * Math.cos(angle);
            xy[2 * i + 1] = SIZE / 2.0 + radius * Math.sin(angle);
        }
        return Polygon.of(PointList.wrap(xy));
    }

    @Test
    void aHundredMegapixelMaskStaysRuns() {
        assertTrue(Runtime.getRuntime().maxMemory() <= 96L << 20, "run with a small -Xmx");
        long before = allocated();
        Mask star = Rle.fromPolygon(star(), SIZE, SIZE);
        long rasterBytes = allocated() - before;
        assertTrue(star.area() > 40_000_000L, "area " + star.area());
        assertTrue(rasterBytes < 16L << 20, "rasterising allocated " + (rasterBytes >> 20) + " MB");

        Mask full = Rle.fromBox(new Box(0, 0, SIZE, SIZE), SIZE, SIZE);
        assertArrayEquals(new int[] {0, SIZE * SIZE}, full.counts());

        Polygon traced = Contours.toPolygon(star);
        assertArrayEquals(star.counts(), Rle.fromPolygon(traced, SIZE, SIZE).counts());

        MaskRows rows = new MaskRows(star);
        MaskBuilder builder = new MaskBuilder(SIZE, SIZE);
        int[] row = new int[SIZE];
        for (int y = 0; y < SIZE; y++) {
            java.util.Arrays.fill(row, 0);
            rows.paint(y, row, 1);
            int x = 0;
            while (x < SIZE) {
                if (row[x] == 0) {
                    x++;
                    continue;
                }
                int end = x;
                while (end < SIZE && row[end] == 1) {
                    end++;
                }
                builder.addRun(y, x, end);
                x = end;
            }
        }
        assertArrayEquals(star.counts(), builder.build().counts());
        assertEquals(star, Mask.ofCompressed(SIZE, SIZE, star.compressedCounts()));
    }
}
