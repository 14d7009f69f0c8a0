package dev.labelport.model;

/**
 * A span of the item's text: {@code [start, end)} in Unicode code points, with the text it covers
 * (kept so that readers and writers can verify offsets).
 */
public record TextSpan(int start, int end, String text) implements Geometry {
    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
        java.util.Objects.requireNonNull(text, "text");
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.TEXT_SPAN;
    }
}
