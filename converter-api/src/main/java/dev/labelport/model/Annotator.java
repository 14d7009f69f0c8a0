package dev.labelport.model;

/** Who made or last changed something: an opaque user id and/or a display name or e-mail. */
public record Annotator(String id, String name) {
    public Annotator {
        if (id == null && name == null) {
            throw new IllegalArgumentException("an annotator needs an id or a name");
        }
    }

    public static Annotator ofId(String id) {
        return id == null ? null : new Annotator(id, null);
    }
}
