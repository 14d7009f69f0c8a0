package dev.labelport.model;

/** The closed set of geometry kinds; {@link Geometry#kind()} returns one. */
public enum GeometryKind {
    BOX, ROTATED_BOX, POLYGON, POLYLINE, POINTS, KEYPOINTS, MASK, CUBOID, TAG, CAPTION, TEXT_SPAN, TOKEN_TAGS;

    /** Lower-case name used in reports and CLI listings, e.g. {@code rotated_box}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
