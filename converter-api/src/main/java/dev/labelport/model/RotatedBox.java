package dev.labelport.model;

/** A box rotated about its centre; {@code angle} in radians, clockwise in image coordinates. */
public record RotatedBox(double cx, double cy, double width, double height, double angle) implements Geometry {
    public RotatedBox {
        Checks.finite(cx, "cx");
        Checks.finite(cy, "cy");
        Checks.nonNegative(width, "width");
        Checks.nonNegative(height, "height");
        Checks.finite(angle, "angle");
    }

    /** The four corners, clockwise from the one that is top-left before rotation. */
    public PointList corners() {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double hw = width / 2;
        double hh = height / 2;
        double[] dx = {-hw, hw, hw, -hw};
        double[] dy = {-hh, -hh, hh, hh};
        double[] xy = new double[8];
        for (int i = 0; i < 4; i++) {
            xy[2 * i] = cx + dx[i] * cos - dy[i] * sin;
            xy[2 * i + 1] = cy + dx[i] * sin + dy[i] * cos;
        }
        return PointList.wrap(xy);
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.ROTATED_BOX;
    }
}
