package dev.labelport.formats.vertex;

/**
 * What a text segment's offsets count, converted exactly to and from the model's code points.
 * Vertex documents "characters"; {@link #CODE_POINTS} is the default, the other units are for
 * files written by tools that count otherwise.
 */
enum OffsetUnit {
    /** Unicode code points (Python's {@code str} indices). */
    CODE_POINTS,
    /** UTF-16 code units (Java's and JavaScript's string indices). */
    UTF16,
    /** UTF-8 bytes. */
    UTF8;

    /** The code-point index of {@code offset}, or -1 when it is past the end or inside a character. */
    int toCodePoints(String text, long offset) {
        if (offset < 0) {
            return -1;
        }
        switch (this) {
            case CODE_POINTS: {
                int n = text.codePointCount(0, text.length());
                return offset <= n ? (int) offset : -1;
            }
            case UTF16: {
                if (offset > text.length()) {
                    return -1;
                }
                int at = (int) offset;
                if (at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                        && Character.isLowSurrogate(text.charAt(at))) {
                    return -1;
                }
                return text.codePointCount(0, at);
            }
            default: {
                long bytes = 0;
                int cp = 0;
                for (int i = 0; i < text.length(); cp++) {
                    if (bytes == offset) {
                        return cp;
                    }
                    if (bytes > offset) {
                        return -1;
                    }
                    int c = text.codePointAt(i);
                    bytes += utf8Length(c);
                    i += Character.charCount(c);
                }
                return bytes == offset ? cp : -1;
            }
        }
    }

    /** The offset in this unit of code-point index {@code cp} (which must be within the text). */
    long fromCodePoints(String text, int cp) {
        switch (this) {
            case CODE_POINTS:
                return cp;
            case UTF16:
                return text.offsetByCodePoints(0, cp);
            default: {
                long bytes = 0;
                int i = 0;
                for (int k = 0; k < cp; k++) {
                    int c = text.codePointAt(i);
                    bytes += utf8Length(c);
                    i += Character.charCount(c);
                }
                return bytes;
            }
        }
    }

    private static int utf8Length(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }

    /** The option value, e.g. {@code code-points}. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
