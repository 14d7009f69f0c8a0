package dev.labelport.model;

import java.util.Arrays;

/** An immutable list of 2-D points stored flat as {@code x0, y0, x1, y1, ...}. */
public final class PointList {
    public static final PointList EMPTY = new PointList(new double[0]);

    private final double[] xy;

    private PointList(double[] xy) {
        this.xy = xy;
    }

    /** Copies {@code xy}; its length must be even and every value finite. */
    public static PointList of(double... xy) {
        return wrap(xy.clone());
    }

    /** Takes ownership of {@code xy} without copying: the caller must not change it afterwards. */
    public static PointList wrap(double[] xy) {
        if ((xy.length & 1) != 0) {
            throw new IllegalArgumentException("odd number of coordinates: " + xy.length);
        }
        for (double v : xy) {
            Checks.finite(v, "coordinate");
        }
        return new PointList(xy);
    }

    public int size() {
        return xy.length >> 1;
    }

    public boolean isEmpty() {
        return xy.length == 0;
    }

    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    /** Number of coordinates (twice {@link #size()}). */
    public int coordinateCount() {
        return xy.length;
    }

    /** The i-th coordinate in flat order. */
    public double coordinate(int i) {
        return xy[i];
    }

    public double[] toArray() {
        return xy.clone();
    }

    /** Axis-aligned bounding box of the points; {@code null} when empty. */
    public Box bounds() {
        if (xy.length == 0) {
            return null;
        }
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xy.length; i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    /** Shoelace area of the ring formed by the points (implicitly closed). */
    public double ringArea() {
        double s = 0;
        int n = size();
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += x(i) * y(j) - x(j) * y(i);
        }
        return Math.abs(s) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointList p && Arrays.equals(xy, p.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return Arrays.toString(xy);
    }
}
