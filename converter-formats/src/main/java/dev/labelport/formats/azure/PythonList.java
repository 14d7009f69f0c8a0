package dev.labelport.formats.azure;

import dev.labelport.formats.support.PythonRepr;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python list literals of Azure's multi-label CSV cells, such as {@code ['cs.CV', 'cs.LG']}:
 * what {@code str(list)} prints in Python, and what pandas writes.
 */
final class PythonList {
    private PythonList() {
    }

    /** A malformed literal, with the 0-based position in the cell. */
    static final class SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int position;

        SyntaxException(int position, String message) {
            super(message);
            this.position = position;
        }

        int position() {
            return position;
        }
    }

    /** True when the cell is meant as a list literal: it starts with {@code [} after spaces. */
    static boolean isLiteral(String cell) {
        return cell.strip().startsWith("[");
    }

    /**
     * The items of a list of strings (single or double quotes, Python escapes) or bare numbers
     * and words ({@code [1, 2]}, kept as written).
     */
    static List<String> parse(String s) {
        List<String> out = new ArrayList<>();
        int[] pos = {skip(s, 0)};
        expect(s, pos, '[');
        pos[0] = skip(s, pos[0]);
        if (peek(s, pos[0]) == ']') {
            pos[0]++;
        } else {
            while (true) {
                out.add(item(s, pos));
                pos[0] = skip(s, pos[0]);
                char c = peek(s, pos[0]);
                if (c == ',') {
                    pos[0] = skip(s, pos[0] + 1);
                    if (peek(s, pos[0]) == ']') {
                        pos[0]++;
                        break;
                    }
                } else if (c == ']') {
                    pos[0]++;
                    break;
                } else {
                    throw new SyntaxException(pos[0], "expected ',' or ']' in the list, found " + describe(s, pos[0]));
                }
            }
        }
        pos[0] = skip(s, pos[0]);
        if (pos[0] != s.length()) {
            throw new SyntaxException(pos[0], "unexpected " + describe(s, pos[0]) + " after the list");
        }
        return out;
    }

    private static String item(String s, int[] pos) {
        char c = peek(s, pos[0]);
        if (c == '\'' || c == '"') {
            return string(s, pos, c);
        }
        int start = pos[0];
        while (pos[0] < s.length() && isBare(s.charAt(pos[0]))) {
            pos[0]++;
        }
        if (pos[0] == start) {
            throw new SyntaxException(start, "expected a quoted string or a number, found " + describe(s, start));
        }
        return s.substring(start, pos[0]);
    }

    private static boolean isBare(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+';
    }

    private static String string(String s, int[] pos, char quote) {
        int start = pos[0];
        int i = start + 1;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new SyntaxException(start, "unterminated string starting with " + quote);
            }
            char c = s.charAt(i);
            if (c == quote) {
                pos[0] = i + 1;
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new SyntaxException(i, "a backslash at the end of the cell");
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000B');
                case '0' -> sb.append('\0');
                case '\n' -> {
                    // a line continuation
                }
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int cp = hex(s, i, len);
                    if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                        throw new SyntaxException(i - 2, "invalid \\" + e + " escape");
                    }
                    sb.appendCodePoint(cp);
                    i += len;
                }
                default -> sb.append('\\').append(e); // Python keeps unknown escapes as written
            }
        }
    }

    private static int hex(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char peek(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static void expect(String s, int[] pos, char c) {
        if (peek(s, pos[0]) != c || pos[0] >= s.length()) {
            throw new SyntaxException(pos[0], "expected '" + c + "', found " + describe(s, pos[0]));
        }
        pos[0]++;
    }

    private static String describe(String s, int i) {
        return i >= s.length() ? "the end of the cell" : "'" + s.charAt(i) + "'";
    }

    /** {@code str(list)} in Python 3: {@code ['a', "it's"]}. */
    static String format(List<String> items) {
        return PythonRepr.strings(items);
    }

    /** Azure's plain multi-label cell, {@code label1,label2}: any character other than letters, digits and {@code _} separates. */
    static List<String> splitPlain(String cell) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= cell.length(); i++) {
            boolean word = i < cell.length() && (Character.isLetterOrDigit(cell.charAt(i)) || cell.charAt(i) == '_');
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(cell.substring(start, i));
                start = -1;
            }
        }
        return out;
    }
}
