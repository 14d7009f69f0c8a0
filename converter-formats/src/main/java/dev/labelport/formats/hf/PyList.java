package dev.labelport.formats.hf;

import dev.labelport.formats.support.PythonRepr;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The list literals HF CSV cells hold: Python's {@code str(list)} ({@code ['EU', 'rejects']},
 * {@code [0, 3]}), which is what {@code pandas.to_csv} writes, and JSON arrays
 * ({@code ["EU","rejects"]}). Reading accepts both; writing produces Python's {@code repr}.
 */
final class PyList {
    private PyList() {
    }

    /** A malformed literal; {@code offset} is the 0-based char offset in the cell. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;
        final boolean tooMany;

        SyntaxException(int offset, String message) {
            this(offset, message, false);
        }

        SyntaxException(int offset, String message, boolean tooMany) {
            super(message);
            this.offset = offset;
            this.tooMany = tooMany;
        }
    }

    /** Whether a cell looks like a list literal (its first non-blank char is {@code [}). */
    static boolean looksLikeList(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[';
            }
        }
        return false;
    }

    /**
     * Parses a flat list of strings, integers/decimals, {@code None}/{@code null} and booleans.
     *
     * @param maxItems most elements accepted, checked before each one is added
     */
    static List<JsonValue> parse(String s, int maxItems) throws SyntaxException {
        Parser p = new Parser(s);
        p.skipSpace();
        p.expect('[');
        List<JsonValue> out = new ArrayList<>();
        p.skipSpace();
        if (p.peek() == ']') {
            p.pos++;
        } else {
            while (true) {
                if (out.size() >= maxItems) {
                    throw new SyntaxException(p.pos, "more than " + maxItems + " elements", true);
                }
                out.add(p.value());
                p.skipSpace();
                int c = p.peek();
                if (c == ',') {
                    p.pos++;
                    p.skipSpace();
                    if (p.peek() == ']') { // Python allows a trailing comma
                        p.pos++;
                        break;
                    }
                } else if (c == ']') {
                    p.pos++;
                    break;
                } else if (c < 0) {
                    throw new SyntaxException(p.pos, "unterminated list: ']' missing");
                } else {
                    throw new SyntaxException(p.pos, "expected ',' or ']' but found '" + (char) c + "'");
                }
            }
        }
        p.skipSpace();
        if (p.pos < s.length()) {
            throw new SyntaxException(p.pos, "text after the closing ']'");
        }
        return out;
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        void expect(char c) throws SyntaxException {
            if (peek() != c) {
                throw new SyntaxException(pos, "expected '" + c + "'" + (peek() < 0 ? " but the cell ended" : ""));
            }
            pos++;
        }

        JsonValue value() throws SyntaxException {
            int c = peek();
            if (c == 'u' || c == 'U') {
                if (pos + 1 < s.length() && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
                    pos++;
                    return string();
                }
            }
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '-' || c == '+' || c >= '0' && c <= '9' || c == '.') {
                return number();
            }
            for (String word : new String[] {"None", "null", "True", "true", "False", "false"}) {
                if (s.startsWith(word, pos)) {
                    pos += word.length();
                    return switch (word.charAt(0)) {
                        case 'N', 'n' -> JsonNull.INSTANCE;
                        case 'T', 't' -> JsonBoolean.TRUE;
                        default -> JsonBoolean.FALSE;
                    };
                }
            }
            if (c < 0) {
                throw new SyntaxException(pos, "unterminated list: the cell ended inside it");
            }
            throw new SyntaxException(pos, "expected a quoted string, a number or None but found '" + (char) c + "'");
        }

        JsonValue number() throws SyntaxException {
            int start = pos;
            if (peek() == '-' || peek() == '+') {
                pos++;
            }
            while (pos < s.length() && "0123456789.eE+-_".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String text = s.substring(start, pos).replace("_", "");
            if (text.startsWith("+")) {
                text = text.substring(1);
            }
            try {
                return JsonNumber.parse(text);
            } catch (RuntimeException e) {
                throw new SyntaxException(start, "not a number: '" + s.substring(start, pos) + "'");
            }
        }

        JsonValue string() throws SyntaxException {
            int start = pos;
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new SyntaxException(start, "unterminated string literal (no closing " + quote + ")");
                }
                char c = s.charAt(pos++);
                if (c == quote) {
                    return new JsonString(sb.toString());
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw new SyntaxException(start, "unterminated string literal (ends in a backslash)");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '\\', '\'', '"', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'a' -> sb.append('\u0007');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'v' -> sb.append('\u000B');
                    case '\n' -> { } // line continuation
                    case 'x' -> sb.appendCodePoint(hex(2));
                    case 'u' -> sb.append((char) hex(4));
                    case 'U' -> {
                        int cp = hex(8);
                        if (!Character.isValidCodePoint(cp)) {
                            throw new SyntaxException(pos - 10, "\\U escape out of the Unicode range");
                        }
                        sb.appendCodePoint(cp);
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; k++) {
                                v = v * 8 + s.charAt(pos++) - '0';
                            }
                            sb.appendCodePoint(v);
                        } else { // Python keeps an unknown escape as written
                            sb.append('\\').append(e);
                        }
                    }
                }
            }
        }

        int hex(int digits) throws SyntaxException {
            if (pos + digits > s.length()) {
                throw new SyntaxException(pos, "truncated \\x/\\u escape");
            }
            int v = 0;
            for (int i = 0; i < digits; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                    throw new SyntaxException(pos + i, "not a hex digit in an escape: '" + s.charAt(pos + i) + "'");
                }
                v = v * 16 + d;
            }
            pos += digits;
            return v;
        }
    }

    /** Python's {@code repr} of a list of strings: {@code ['EU', "don't"]}. */
    static String formatStrings(List<String> values) {
        return PythonRepr.strings(values);
    }

    /** Python's {@code repr} of a list of integers: {@code [0, 3]}. */
    static String formatInts(List<Integer> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values.get(i));
        }
        return sb.append(']').toString();
    }
}
