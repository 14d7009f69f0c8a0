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

    @Override
    public GeometryKind kind() {
        return GeometryKind.ROTATED_BOX;
    }
}
