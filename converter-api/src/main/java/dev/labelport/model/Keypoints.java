package dev.labelport.model;

import java.util.Arrays;

/**
 * Named keypoints of one instance, in the order of its category's {@link Category#keypointNames()}.
 * Visibility follows COCO: 0 not labelled, 1 labelled but not visible, 2 labelled and visible.
 */
public final class Keypoints implements Geometry {
    private final PointList points;
    private final byte[] visibility;

    private Keypoints(PointList points, byte[] visibility) {
        this.points = points;
        this.visibility = visibility;
    }

    public static Keypoints of(PointList points, int[] visibility) {
        if (points.size() != visibility.length) {
            throw new IllegalArgumentException(points.size() + " points but " + visibility.length + " visibility flags");
        }
        byte[] v = new byte[visibility.length];
        for (int i = 0; i < v.length; i++) {
            if (visibility[i] < 0 || visibility[i] > 2) {
                throw new IllegalArgumentException("visibility must be 0, 1 or 2: " + visibility[i]);
            }
            v[i] = (byte) visibility[i];
        }
        return new Keypoints(points, v);
    }

    public PointList points() {
        return points;
    }

    public int size() {
        return visibility.length;
    }

    public int visibility(int i) {
        return visibility[i];
    }

    /** Number of labelled points (visibility above 0), COCO's {@code num_keypoints}. */
    public int labelledCount() {
        int n = 0;
        for (byte b : visibility) {
            if (b > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.KEYPOINTS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Keypoints k && points.equals(k.points) && Arrays.equals(visibility, k.visibility);
    }

    @Override
    public int hashCode() {
        return points.hashCode() * 31 + Arrays.hashCode(visibility);
    }

    @Override
    public String toString() {
        return "Keypoints" + points + Arrays.toString(visibility);
    }
}
