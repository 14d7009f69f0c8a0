package dev.labelport.model;

import java.util.List;
import java.util.Objects;

/**
 * One token of a text item.
 *
 * @param text    the token as written
 * @param start   code-point offset into the item's text, inclusive
 * @param end     code-point offset, exclusive
 * @param columns extra columns a token format carried (POS, chunk...), in order
 */
public record Token(String text, int start, int end, List<String> columns) {
    public Token {
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid token offsets [" + start + ", " + end + ")");
        }
        columns = List.copyOf(columns);
    }
}
