package dev.labelport.model;

/**
 * A 3-D box: centre in metres, size (length along x, width along y, height along z) in metres,
 * rotation in radians (yaw about z, pitch about y, roll about x) in the sensor frame.
 */
public record Cuboid(double cx, double cy, double cz, double length, double width, double height,
                     double yaw, double pitch, double roll) implements Geometry {
    public Cuboid {
        Checks.finite(cx, "cx");
        Checks.finite(cy, "cy");
        Checks.finite(cz, "cz");
        Checks.nonNegative(length, "length");
        Checks.nonNegative(width, "width");
        Checks.nonNegative(height, "height");
        Checks.finite(yaw, "yaw");
        Checks.finite(pitch, "pitch");
        Checks.finite(roll, "roll");
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.CUBOID;
    }
}
