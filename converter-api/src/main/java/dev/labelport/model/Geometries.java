package dev.labelport.model;

import java.util.ArrayList;
import java.util.List;

/** Operations on geometry that more than one format needs. */
public final class Geometries {

    /** How far from a right angle (relative) a scaled rotated box may be and stay a rotated box. */
    private static final double RECTANGLE_TOLERANCE = 1e-9;

    private Geometries() {
    }

    /**
     * Scales image coordinates: x by {@code sx}, y by {@code sy} (to pixels from normalised
     * coordinates: the image's width and height; the other way, their inverses). Non-spatial
     * geometry (tags, captions, text spans, token tags, cuboids in metres) is returned as it is.
     *
     * <p>A rotated box stays a rotated box when the scaling keeps it rectangular (uniform
     * scaling, or an angle that is a multiple of 90°); otherwise its image is a parallelogram and
     * it comes back as a four-point {@link Polygon} of its scaled corners. A mask is a pixel grid
     * and cannot be scaled: it is refused with an {@link IllegalArgumentException}.
     */
    public static Geometry scale(Geometry g, double sx, double sy) {
        if (!(sx > 0) || !(sy > 0) || Double.isInfinite(sx) || Double.isInfinite(sy)) {
            throw new IllegalArgumentException("scale factors must be positive and finite: " + sx + ", " + sy);
        }
        if (g instanceof Box b) {
            return new Box(b.x() * sx, b.y() * sy, b.width() * sx, b.height() * sy);
        }
        if (g instanceof Polygon p) {
            List<Polygon.Part> parts = new ArrayList<>(p.parts().size());
            for (Polygon.Part part : p.parts()) {
                List<PointList> holes = new ArrayList<>(part.holes().size());
                for (PointList h : part.holes()) {
                    holes.add(scale(h, sx, sy));
                }
                parts.add(new Polygon.Part(scale(part.shell(), sx, sy), holes));
            }
            return new Polygon(parts);
        }
        if (g instanceof Polyline l) {
            return new Polyline(scale(l.points(), sx, sy));
        }
        if (g instanceof Points pts) {
            return new Points(scale(pts.points(), sx, sy));
        }
        if (g instanceof Keypoints k) {
            int[] vis = new int[k.size()];
            for (int i = 0; i < vis.length; i++) {
                vis[i] = k.visibility(i);
            }
            return Keypoints.of(scale(k.points(), sx, sy), vis);
        }
        if (g instanceof RotatedBox r) {
            return scale(r, sx, sy);
        }
        if (g instanceof Mask) {
            throw new IllegalArgumentException("a mask is a pixel grid and cannot be scaled");
        }
        return g;
    }

    /**
     * The axis-aligned bounds of a shape, in its own coordinates: a box itself, a rotated box's
     * corners, a polygon's, polyline's or points' extent, the extent of the <em>labelled</em>
     * keypoints (visibility above 0: an unlabelled point is usually at 0,0 and no part of the
     * object), a mask's pixels ({@link Mask#bounds()}). {@code null} when there is none: an empty
     * shape, keypoints with no labelled point, an empty or damaged mask, and kinds without an
     * image extent (tags, captions, text, cuboids).
     *
     * <p>This is the box derived when a source states none; {@link Annotation#box()} prefers the
     * one it states.
     */
    public static Box bounds(Geometry g) {
        if (g instanceof Box b) {
            return b;
        }
        if (g instanceof RotatedBox r) {
            return r.corners().bounds();
        }
        if (g instanceof Polygon p) {
            return p.parts().isEmpty() ? null : p.bounds();
        }
        if (g instanceof Polyline l) {
            return l.points().isEmpty() ? null : l.points().bounds();
        }
        if (g instanceof Points p) {
            return p.points().isEmpty() ? null : p.points().bounds();
        }
        if (g instanceof Keypoints k) {
            return labelledBounds(k);
        }
        if (g instanceof Mask m) {
            try {
                return m.bounds();
            } catch (RuntimeException e) {
                return null; // runs that do not fit the mask's size: no extent to give
            }
        }
        return null;
    }

    private static Box labelledBounds(Keypoints k) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k.size(); i++) {
            if (k.visibility(i) > 0) {
                double x = k.points().x(i);
                double y = k.points().y(i);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        return minX > maxX ? null : new Box(minX, minY, maxX - minX, maxY - minY);
    }

    private static Geometry scale(RotatedBox r, double sx, double sy) {
        double cos = Math.cos(r.angle());
        double sin = Math.sin(r.angle());
        double uniform = Math.abs(sx - sy) / Math.max(sx, sy);
        boolean axisAligned = Math.abs(sin * cos) < RECTANGLE_TOLERANCE;
        if (uniform < RECTANGLE_TOLERANCE || axisAligned) {
            // width runs along (cos, sin), height along (-sin, cos); both stay orthogonal
            double w = r.width() * Math.hypot(cos * sx, sin * sy);
            double h = r.height() * Math.hypot(sin * sx, cos * sy);
            double angle = Math.atan2(sin * sy, cos * sx);
            return new RotatedBox(r.cx() * sx, r.cy() * sy, w, h, angle);
        }
        return Polygon.of(scale(r.corners(), sx, sy));
    }

    private static PointList scale(PointList pts, double sx, double sy) {
        double[] xy = pts.toArray();
        for (int i = 0; i < xy.length; i += 2) {
            xy[i] *= sx;
            xy[i + 1] *= sy;
        }
        return PointList.wrap(xy);
    }
}
