package dev.labelport.internal;

/** Short, printable quotations of input text for error messages and loss examples. */
public final class Excerpts {
    private Excerpts() {
    }

    /**
     * {@code s} cut to {@code max} characters (the last three {@code ...} when cut), with control
     * characters shown as backslash escapes ({@code \n}, {@code \t}, or u and four hex digits) so that a message stays on
     * one line and shows what the input held.
     */
    public static String of(String s, int max) {
        String cut = s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
        StringBuilder b = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(cut.length() + 8).append(cut, 0, i);
                }
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> b.append(String.format("\\u%04x", (int) c));
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? cut : b.toString();
    }

    /** {@link #of(String, int) of(s, 60)}. */
    public static String of(String s) {
        return of(s, 60);
    }
}
