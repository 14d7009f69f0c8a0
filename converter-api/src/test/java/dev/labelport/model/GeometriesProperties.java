package dev.labelport.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

class GeometriesProperties {

    private static final double TOLERANCE = 1e-9;

    private static Arbitrary<Double> coordinate() {
        return Arbitraries.doubles().between(-1e4, 1e4).ofScale(6);
    }

    private static Arbitrary<Double> positive() {
        return Arbitraries.doubles().between(1e-3, 1e4).ofScale(6);
    }

    @Provide
    Arbitrary<Double> factor() {
        return Arbitraries.oneOf(positive(), Arbitraries.of(1.0, 640.0, 1.0 / 640, 1e-3, 1e4));
    }

    private static Arbitrary<PointList> points(int min) {
        return coordinate().list().ofMinSize(2 * min).ofMaxSize(24).filter(l -> l.size() % 2 == 0)
                .map(l -> PointList.wrap(l.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    @Provide
    Arbitrary<Geometry> spatial() {
        Arbitrary<Geometry> box = Combinators.combine(coordinate(), coordinate(), positive(), positive()).as(Box::new);
        Arbitrary<Geometry> polygon = Combinators.combine(points(3), points(3).list().ofMaxSize(2))
                .as((shell, holes) -> new Polygon(List.of(new Polygon.Part(shell, holes))));
        Arbitrary<Geometry> polyline = points(2).map(Polyline::new);
        Arbitrary<Geometry> pts = points(1).map(Points::new);
        Arbitrary<Geometry> keypoints = points(1).flatMap(p -> Arbitraries.integers().between(0, 2).array(int[].class)
                .ofSize(p.size()).map(v -> Keypoints.of(p, v)));
        return Arbitraries.oneOf(box, polygon, polyline, pts, keypoints);
    }

    @Provide
    Arbitrary<RotatedBox> rotated() {
        return Combinators.combine(coordinate(), coordinate(), positive(), positive(), Arbitraries.doubles().between(-3, 3).ofScale(6))
                .as(RotatedBox::new);
    }

    @Property(tries = 300)
    void scaleThenInverseScaleGivesTheGeometryBack(@ForAll("spatial") Geometry g,
                                                   @ForAll("factor") double sx,
                                                   @ForAll("factor") double sy) {
        Geometry back = Geometries.scale(Geometries.scale(g, sx, sy), 1 / sx, 1 / sy);
        assertEquals(g.kind(), back.kind());
        assertClose(coordinates(g), coordinates(back));
        if (g instanceof Keypoints k) {
            Keypoints kb = (Keypoints) back;
            for (int i = 0; i < k.size(); i++) {
                assertEquals(k.visibility(i), kb.visibility(i));
            }
        }
    }

    @Property(tries = 200)
    void rotatedBoxesStayRotatedBoxesUnderUniformScale(@ForAll("rotated") RotatedBox r,
                                                       @ForAll("factor") double s) {
        Geometry scaled = Geometries.scale(r, s, s);
        RotatedBox rb = assertInstanceOf(RotatedBox.class, scaled);
        assertClose(new double[] {r.width() * s, r.height() * s}, new double[] {rb.width(), rb.height()});
        assertClose(scaledCorners(r, s, s), rb.corners().toArray());
        RotatedBox back = (RotatedBox) Geometries.scale(rb, 1 / s, 1 / s);
        assertClose(r.corners().toArray(), back.corners().toArray());
    }

    @Property(tries = 200)
    void nonUniformScaleTurnsARotatedBoxIntoThePolygonOfItsScaledCorners(
            @ForAll("rotated") RotatedBox r, @ForAll("factor") double sx,
            @ForAll("factor") double sy) {
        double sin = Math.sin(r.angle());
        double cos = Math.cos(r.angle());
        if (Math.abs(sx - sy) / Math.max(sx, sy) < 1e-6 || Math.abs(sin * cos) < 1e-6) {
            return; // uniform, or axis-aligned: stays a rotated box (the other properties)
        }
        Geometry scaled = Geometries.scale(r, sx, sy);
        Polygon p = assertInstanceOf(Polygon.class, scaled);
        assertEquals(1, p.parts().size());
        assertClose(scaledCorners(r, sx, sy), p.parts().get(0).shell().toArray());
    }

    @Property(tries = 100)
    void axisAlignedRotatedBoxesStayRotatedBoxesUnderAnyScale(@ForAll("rotated") RotatedBox r,
                                                             @ForAll("factor") double sx,
                                                             @ForAll("factor") double sy) {
        RotatedBox quarter = new RotatedBox(r.cx(), r.cy(), r.width(), r.height(), Math.PI / 2);
        RotatedBox rb = assertInstanceOf(RotatedBox.class, Geometries.scale(quarter, sx, sy));
        assertClose(scaledCorners(quarter, sx, sy), rb.corners().toArray());
    }

    @Example
    void nonSpatialGeometryPassesAndMasksAndBadFactorsAreRefused() {
        Tag tag = new Tag();
        assertTrue(Geometries.scale(tag, 2, 3) == tag);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> Geometries.scale(new Box(0, 0, 1, 1), bad, 1));
            assertThrows(IllegalArgumentException.class, () -> Geometries.scale(new Box(0, 0, 1, 1), 1, bad));
        }
    }

    private static double[] scaledCorners(RotatedBox r, double sx, double sy) {
        double[] c = r.corners().toArray();
        for (int i = 0; i < c.length; i += 2) {
            c[i] *= sx;
            c[i + 1] *= sy;
        }
        return c;
    }

    private static double[] coordinates(Geometry g) {
        if (g instanceof Box b) {
            return new double[] {b.x(), b.y(), b.width(), b.height()};
        }
        if (g instanceof Polygon p) {
            return java.util.stream.Stream.concat(p.parts().stream().map(Polygon.Part::shell),
                    p.parts().stream().flatMap(part -> part.holes().stream()))
                    .flatMapToDouble(l -> java.util.Arrays.stream(l.toArray())).toArray();
        }
        if (g instanceof Polyline l) {
            return l.points().toArray();
        }
        if (g instanceof Points p) {
            return p.points().toArray();
        }
        if (g instanceof Keypoints k) {
            return k.points().toArray();
        }
        throw new AssertionError(g);
    }

    /** Equal within {@value #TOLERANCE} of the larger magnitude (and of 1 near zero). */
    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * scale, "coordinate " + i);
        }
    }
}
