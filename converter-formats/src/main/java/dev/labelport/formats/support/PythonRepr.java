package dev.labelport.formats.support;

import java.util.List;

/**
 * Python's {@code repr} of strings and lists of strings, as CPython writes them: the text formats
 * that store label lists as Python literals (Hugging Face CSV, Azure AutoML's multi-label CSV)
 * write them so, and a file written by Python comes back byte for byte.
 */
public final class PythonRepr {
    private PythonRepr() {
    }

    /** {@code str(list)} of strings: {@code ['EU', "don't"]}. */
    public static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            repr(sb, values.get(i));
        }
        return sb.append(']').toString();
    }

    /** {@code repr(str)}: single quotes unless the text has one and no double quote; CPython's escapes. */
    public static void repr(StringBuilder sb, String v) {
        char quote = v.indexOf('\'') >= 0 && v.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < v.length(); ) {
            int c = v.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (printable(c)) {
                sb.appendCodePoint(c);
            } else if (c < 0x100) {
                hex(sb, "\\x", c, 2);
            } else if (c < 0x10000) {
                hex(sb, "\\u", c, 4);
            } else {
                hex(sb, "\\U", c, 8);
            }
        }
        sb.append(quote);
    }

    private static void hex(StringBuilder sb, String prefix, int c, int digits) {
        String h = Integer.toHexString(c);
        sb.append(prefix);
        for (int i = h.length(); i < digits; i++) {
            sb.append('0');
        }
        sb.append(h);
    }

    /** Python's {@code str.isprintable} for one code point (as Java's Unicode tables know it). */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
