package dev.labelport.masks;

import dev.labelport.model.Box;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RleTest {

    @Test
    void boxCoversThePixelsWhoseCentresItHolds() {
        Mask m = Rle.fromBox(new Box(0, 0, 2, 2), 4, 4);
        assertArrayEquals(new int[] {0, 2, 2, 2, 10}, m.counts());
        assertEquals("02208", m.compressedCounts()); // maskApi.c gives the same (oracle)
        assertArrayEquals(new double[] {0, 0, 2, 2}, Rle.toBbox(m));
    }

    @Test
    void triangleAsPycocotools() {
        Mask m = Rle.fromRing(PointList.of(0, 0, 2, 0, 0, 2), 4, 4);
        assertEquals("01?", m.compressedCounts()); // maskApi.c: 01? area 1
        assertEquals(1, m.area());
    }

    @Test
    void ringOutsideTheImageIsEmpty() {
        Mask m = Rle.fromRing(PointList.of(-10, -10, -5, -10, -5, -5), 3, 3);
        assertArrayEquals(new int[] {9}, m.counts());
        assertArrayEquals(new double[4], Rle.toBbox(m));
        assertNull(m.bounds());
    }

    @Test
    void unionIntersectionInvert() {
        Mask a = Mask.ofCounts(2, 2, new int[] {0, 2, 2});
        Mask b = Mask.ofCounts(2, 2, new int[] {1, 2, 1});
        assertArrayEquals(new int[] {0, 3, 1}, Rle.union(List.of(a, b)).counts());
        assertArrayEquals(new int[] {1, 1, 2}, Rle.intersection(List.of(a, b)).counts());
        assertArrayEquals(new int[] {2, 2}, Rle.invert(a).counts());
        assertEquals(1.0 / 3, Rle.iou(a, b, false), 1e-12);
        assertEquals(0.5, Rle.iou(a, b, true), 1e-12);
    }

    @Test
    void bboxOfARunSpanningColumnsTakesTheFullHeight() {
        Mask m = Mask.ofCounts(3, 2, new int[] {2, 2, 2}); // (x0,y2) and (x1,y0)
        assertArrayEquals(new double[] {0, 0, 2, 3}, Rle.toBbox(m));
    }

    @Test
    void polygonWithHoleSubtractsIt() {
        Polygon p = new Polygon(List.of(new Polygon.Part(PointList.of(0, 0, 3, 0, 3, 3, 0, 3),
                List.of(PointList.of(1, 1, 2, 1, 2, 2, 1, 2)))));
        Mask m = Rle.fromPolygon(p, 3, 3);
        assertEquals(8, m.area());
        assertArrayEquals(new int[] {0, 4, 1, 4}, m.counts());
    }

    @Test
    void farVerticesCostOnlyTheImageWidth() {
        // rleFrPoly would walk 6e8 points per edge here; the walk skips all but the image's columns
        double far = 6e7;
        Mask m = Rle.fromRing(PointList.of(-far, -far, far, -far, far, far, -far, far), 100, 100);
        assertArrayEquals(new int[] {0, 10_000}, m.counts());
        Mask steep = Rle.fromRing(PointList.of(10, -far, 20, -far, 20, far, 10, far), 100, 100);
        assertEquals(1_000, steep.area());
        assertArrayEquals(new double[] {10, 0, 10, 100}, Rle.toBbox(steep));
    }

    @Test
    void codecEdgeCasesAsMaskApiGivesThem() {
        // values printed by maskApi.c (testdata/masks-oracle/expected.tsv)
        assertEquals("1", Mask.encode(new int[] {1}));                       // one background pixel
        assertEquals("09", Mask.encode(new int[] {0, 9}));                   // first run 0: all ones
        assertEquals("", Mask.encode(new int[0]));
        // runs beyond 2^25 take 6 characters; from the fourth count on, the delta from two back is coded
        assertEquals("PPPPP1QPPPP1oWh[o0", Mask.encode(new int[] {33554432, 33554433, 32891135}));
        assertEquals("5PPPPPP13XPZM", Mask.encode(new int[] {5, 1073741824, 3, 1073653768}));
        assertArrayEquals(new int[] {5, 1073741824, 3, 1073653768}, Mask.decode("5PPPPPP13XPZM"));
        // rleToBbox's quirk: a zero-length foreground run still counts the pixel before it
        assertArrayEquals(new double[] {0, 2, 1, 2}, Rle.toBbox(Mask.ofCounts(4, 4, new int[] {3, 0, 13})));
    }

    @Test
    void tooLargeOrAbsurdInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Rle.fromBox(new Box(0, 0, 1, 1), 100_000, 100_000));
        assertThrows(IllegalArgumentException.class, () -> Rle.fromRing(PointList.of(0, 0, 1e9, 0, 0, 1), 4, 4));
    }
}
