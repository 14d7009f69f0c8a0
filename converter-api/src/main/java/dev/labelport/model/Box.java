package dev.labelport.model;

/** An axis-aligned box: top-left corner and size, in pixels. */
public record Box(double x, double y, double width, double height) implements Geometry {
    public Box {
        Checks.finite(x, "x");
        Checks.finite(y, "y");
        Checks.nonNegative(width, "width");
        Checks.nonNegative(height, "height");
    }

    public double area() {
        return width * height;
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.BOX;
    }
}
