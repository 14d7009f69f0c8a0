package dev.labelport.model;

import java.util.List;

/** One tag per token of the item's {@link TextContent#tokens()} (for example POS tags). */
public record TokenTags(List<String> tags) implements Geometry {
    public TokenTags {
        tags = List.copyOf(tags);
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.TOKEN_TAGS;
    }
}
