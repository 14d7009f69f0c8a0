package dev.labelport.model;

/** An open line through the points, in order. */
public record Polyline(PointList points) implements Geometry {
    public Polyline {
        java.util.Objects.requireNonNull(points, "points");
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.POLYLINE;
    }
}
