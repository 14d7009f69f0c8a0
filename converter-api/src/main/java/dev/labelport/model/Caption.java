package dev.labelport.model;

/** Free text describing the item (COCO captions). */
public record Caption(String text) implements Geometry {
    public Caption {
        java.util.Objects.requireNonNull(text, "text");
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.CAPTION;
    }
}
