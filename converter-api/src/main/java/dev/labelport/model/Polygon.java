package dev.labelport.model;

import java.util.List;

/**
 * A polygon of one or more parts (COCO allows several for an occluded object); each part is an
 * implicitly closed outer ring with optional holes.
 */
public record Polygon(List<Part> parts) implements Geometry {

    public Polygon {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least one part");
        }
    }

    public static Polygon of(PointList... rings) {
        return new Polygon(java.util.Arrays.stream(rings).map(r -> new Part(r, List.of())).toList());
    }

    /** True when some part has holes. */
    public boolean hasHoles() {
        return parts.stream().anyMatch(p -> !p.holes().isEmpty());
    }

    /** Bounding box over every outer ring. */
    public Box bounds() {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Part p : parts) {
            Box b = p.shell().bounds();
            if (b != null) {
                minX = Math.min(minX, b.x());
                minY = Math.min(minY, b.y());
                maxX = Math.max(maxX, b.x() + b.width());
                maxY = Math.max(maxY, b.y() + b.height());
            }
        }
        return minX == Double.POSITIVE_INFINITY ? null : new Box(minX, minY, maxX - minX, maxY - minY);
    }

    /** Area of the shells less the holes (parts assumed not to overlap). */
    public double area() {
        double a = 0;
        for (Part p : parts) {
            a += p.shell().ringArea();
            for (PointList h : p.holes()) {
                a -= h.ringArea();
            }
        }
        return a;
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.POLYGON;
    }

    /** One outer ring and its holes. */
    public record Part(PointList shell, List<PointList> holes) {
        public Part {
            java.util.Objects.requireNonNull(shell, "shell");
            holes = List.copyOf(holes);
        }
    }
}
