package dev.labelport.model;

/** A whole-item class: the annotation's category applies to the item (classification). */
public record Tag() implements Geometry {
    public static final Tag INSTANCE = new Tag();

    @Override
    public GeometryKind kind() {
        return GeometryKind.TAG;
    }
}
