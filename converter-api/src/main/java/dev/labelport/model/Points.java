package dev.labelport.model;

/** Unconnected points (a single point is a list of one). */
public record Points(PointList points) implements Geometry {
    public Points {
        java.util.Objects.requireNonNull(points, "points");
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.POINTS;
    }
}
