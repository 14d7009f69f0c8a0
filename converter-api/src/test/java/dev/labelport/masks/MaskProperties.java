package dev.labelport.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** RLE, rasterisation and contours against naive bitmaps, on small sizes. */
class MaskProperties {

    /** A column-major bitmap and its size. */
    record Bitmap(int h, int w, boolean[] bits) {
        boolean at(int x, int y) {
            return bits[x * h + y];
        }

        /** rleEncode, naively. */
        Mask mask() {
            int[] c = new int[bits.length + 1];
            int k = 0;
            boolean p = false;
            int run = 0;
            for (boolean b : bits) {
                if (b != p) {
                    c[k++] = run;
                    run = 0;
                    p = b;
                }
                run++;
            }
            c[k++] = run;
            return Mask.ofCounts(h, w, java.util.Arrays.copyOf(c, k));
        }
    }

    @Provide
    Arbitrary<Bitmap> bitmaps() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 12),
                Arbitraries.of(0.05, 0.3, 0.5, 0.8, 0.97), Arbitraries.longs())
                .as((h, w, density, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    boolean[] bits = new boolean[h * w];
                    for (int i = 0; i < bits.length; i++) {
                        bits[i] = r.nextDouble() < density;
                    }
                    return new Bitmap(h, w, bits);
                });
    }

    @Property(tries = 500)
    void decodeOfEncodeIsIdentity(@ForAll("runArrays") int[] counts) {
        assertArrayEquals(counts, Mask.decode(Mask.encode(counts)));
    }

    @Provide
    Arbitrary<int[]> runArrays() {
        Arbitrary<Integer> run = Arbitraries.oneOf(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.of(0, 1, 15, 16, 31, 32, 1 << 25, (1 << 25) + 1, (1 << 29) - 1, 1 << 29, Integer.MAX_VALUE));
        return run.list().ofMaxSize(40).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    @Property(tries = 400)
    void areaAndBoxAgreeWithTheBitmap(@ForAll("bitmaps") Bitmap b) {
        Mask m = b.mask();
        long area = 0;
        int x0 = b.w(), y0 = b.h(), x1 = -1, y1 = -1;
        for (int x = 0; x < b.w(); x++) {
            for (int y = 0; y < b.h(); y++) {
                if (b.at(x, y)) {
                    area++;
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        assertEquals(area, m.area());
        if (area == 0) {
            assertNull(m.bounds());
            return;
        }
        double[] box = Rle.toBbox(m);
        boolean spansColumns = x0 != x1 && crossesColumn(b);
        if (!spansColumns) {
            assertArrayEquals(new double[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1}, box);
        } else {
            // rleToBbox's quirk: a run wrapping from one column into the next takes the full height
            assertArrayEquals(new double[] {x0, 0, x1 - x0 + 1, b.h()}, box);
        }
    }

    private static boolean crossesColumn(Bitmap b) {
        for (int x = 0; x + 1 < b.w(); x++) {
            if (b.at(x, b.h() - 1) && b.at(x + 1, 0)) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 400)
    void rowsBuildAndPaintTheSameMask(@ForAll("bitmaps") Bitmap b) {
        MaskBuilder builder = new MaskBuilder(b.h(), b.w());
        for (int y = 0; y < b.h(); y++) {
            int x = 0;
            while (x < b.w()) {
                if (!b.at(x, y)) {
                    x++;
                    continue;
                }
                int end = x;
                while (end < b.w() && b.at(end, y)) {
                    end++;
                }
                builder.addRun(y, x, end);
                x = end;
            }
        }
        Mask m = b.mask();
        assertArrayEquals(m.counts(), builder.build().counts());
        MaskRows rows = new MaskRows(m);
        int[] row = new int[b.w()];
        for (int y = 0; y < b.h(); y++) {
            java.util.Arrays.fill(row, 0);
            rows.paint(y, row, 7);
            for (int x = 0; x < b.w(); x++) {
                assertEquals(b.at(x, y) ? 7 : 0, row[x], "pixel " + x + "," + y);
            }
        }
    }

    @Property(tries = 400)
    void contoursRasteriseBackToTheSamePixels(@ForAll("bitmaps") Bitmap b) {
        Mask m = b.mask();
        Polygon p = Contours.toPolygon(m);
        if (m.area() == 0) {
            assertNull(p);
            return;
        }
        assertArrayEquals(m.counts(), Rle.fromPolygon(p, b.h(), b.w()).counts(), String.valueOf(p));
        double area = 0;
        for (Polygon.Part part : p.parts()) {
            area += Math.abs(part.shell().ringArea());
            for (PointList hole : part.holes()) {
                area -= Math.abs(hole.ringArea());
            }
        }
        assertEquals(m.area(), area, 1e-9, "the outline encloses exactly the pixels");
    }

    @Property(tries = 300)
    void polygonToMaskToPolygonToMaskIsStable(@ForAll("polygons") Polygon p) {
        Mask first = Rle.fromPolygon(p, 40, 50);
        Polygon traced = Contours.toPolygon(first);
        if (first.area() == 0) {
            assertNull(traced);
            return;
        }
        Mask second = Rle.fromPolygon(traced, 40, 50);
        long differing = Rle.union(List.of(first, second)).area() - Rle.intersection(List.of(first, second)).area();
        assertEquals(0, differing);
    }

    @Provide
    Arbitrary<Polygon> polygons() {
        Arbitrary<PointList> ring = Arbitraries.doubles().between(-5, 55).ofScale(2).list().ofMinSize(6).ofMaxSize(40)
                .filter(l -> l.size() % 2 == 0).map(l -> PointList.wrap(l.stream().mapToDouble(Double::doubleValue).toArray()));
        return ring.list().ofMinSize(1).ofMaxSize(3).map(rings -> Polygon.of(rings.toArray(PointList[]::new)));
    }

    @Property(tries = 300)
    void unionAndIntersectionAgreeWithTheBitmaps(@ForAll("bitmaps") Bitmap a, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        boolean[] other = new boolean[a.bits().length];
        boolean[] or = new boolean[other.length];
        boolean[] and = new boolean[other.length];
        for (int i = 0; i < other.length; i++) {
            other[i] = r.nextBoolean();
            or[i] = a.bits()[i] || other[i];
            and[i] = a.bits()[i] && other[i];
        }
        Bitmap b = new Bitmap(a.h(), a.w(), other);
        assertArrayEquals(new Bitmap(a.h(), a.w(), or).mask().counts(), Rle.union(List.of(a.mask(), b.mask())).counts());
        assertArrayEquals(new Bitmap(a.h(), a.w(), and).mask().counts(),
                Rle.intersection(List.of(a.mask(), b.mask())).counts());
    }
}
