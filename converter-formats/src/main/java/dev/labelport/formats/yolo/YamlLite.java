package dev.labelport.formats.yolo;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small, safe YAML subset a {@code data.yaml} needs, parsed without a YAML library: block
 * mappings and sequences ({@code key: value}, {@code - item}), flow sequences and mappings
 * ({@code [a, b]}, {@code {0: a, 1: b}}, possibly over several lines), plain, single- and
 * double-quoted scalars, literal and folded block scalars ({@code |}, {@code >}, kept as text),
 * comments and one leading {@code ---}. Everything else (anchors, aliases, tags, complex keys,
 * merge keys, directives, several documents, tabs in indentation, duplicate keys) is refused with
 * a located error. Scalars stay strings: the caller interprets them.
 */
final class YamlLite {
    /** Deepest nesting of collections. */
    static final int MAX_DEPTH = 32;

    /** A parsed value with the line and column where it starts (1-based). */
    sealed interface Node permits Scalar, Seq, Mapping {
        int line();

        int column();
    }

    /** A scalar as text; {@code null} value for YAML null ({@code ~}, {@code null}, nothing). */
    record Scalar(String value, boolean quoted, int line, int column) implements Node {
    }

    /** A sequence. */
    record Seq(List<Node> items, int line, int column) implements Node {
    }

    /** A mapping with string keys in document order; {@code keys} holds each key's scalar (for locations). */
    record Mapping(Map<String, Node> entries, Map<String, Scalar> keys, int line, int column) implements Node {
        Node get(String key) {
            return entries.get(key);
        }
    }

    private record Line(int number, int indent, String text) {
    }

    private final String source;
    private final List<Line> lines = new ArrayList<>();
    private final int maxEntries;
    private int pos;
    private int entries;

    private YamlLite(String source, int maxEntries) {
        this.source = source;
        this.maxEntries = maxEntries;
    }

    /**
     * Parses {@code text} (a whole small file) named {@code source} in locations. The top level
     * must be a mapping (or empty, which gives an empty mapping).
     */
    static Mapping parse(String text, String source, int maxEntries) {
        YamlLite y = new YamlLite(source, maxEntries);
        y.split(text);
        if (y.lines.isEmpty()) {
            return new Mapping(new LinkedHashMap<>(), new LinkedHashMap<>(), 1, 1);
        }
        Line first = y.lines.get(0);
        if (first.indent != 0) {
            throw y.error(first.number, first.indent + 1, "the document must start at column 1");
        }
        if (isSeqItem(first.text)) {
            throw y.error(first.number, 1, "the top level of data.yaml must be a mapping (key: value), not a list");
        }
        Mapping m = y.mapping(0, 0);
        if (y.pos < y.lines.size()) {
            Line l = y.lines.get(y.pos);
            throw y.error(l.number, l.indent + 1, "unexpected indentation");
        }
        return m;
    }

    // ---------------------------------------------------------------- lines

    private void split(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        int n = 0;
        int start = 0;
        boolean content = false;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            n++;
            String raw = text.substring(start, end);
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            start = end + 1;
            int indent = 0;
            while (indent < raw.length() && raw.charAt(indent) == ' ') {
                indent++;
            }
            if (indent < raw.length() && raw.charAt(indent) == '\t') {
                String rest = raw.substring(indent).strip();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    throw error(n, indent + 1, "a tab in indentation (YAML indents with spaces)");
                }
            }
            checkCharacters(raw, n);
            String body = stripComment(raw, n).stripTrailing();
            if (body.isBlank()) {
                if (!lines.isEmpty()) {
                    lines.add(new Line(n, -1, "")); // kept for block scalars; skipped elsewhere
                }
                continue;
            }
            String t = body.substring(indent);
            if (t.equals("---") || t.startsWith("--- ")) {
                if (content) {
                    throw error(n, 1, "several YAML documents in one file are not supported");
                }
                if (!t.substring(3).isBlank()) {
                    throw error(n, 5, "content after '---' is not supported");
                }
                continue;
            }
            if (t.equals("...")) {
                throw error(n, 1, "document end markers ('...') are not supported");
            }
            if (t.startsWith("%")) {
                throw error(n, 1, "YAML directives are not supported");
            }
            content = true;
            lines.add(new Line(n, indent, t));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).indent < 0) {
            lines.remove(lines.size() - 1);
        }
    }

    private void checkCharacters(String raw, int line) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c == '\uFFFD') {
                throw error(line, i + 1, "a control character or invalid UTF-8 (U+" + String.format("%04X", (int) c)
                        + "): not YAML text");
            }
        }
    }

    /** The line without its comment ({@code #} at the start or after a space, outside quotes). */
    private String stripComment(String raw, int line) {
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    if (quote == '\'' && i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '#' && (i == 0 || raw.charAt(i - 1) == ' ' || raw.charAt(i - 1) == '\t')) {
                return raw.substring(0, i);
            } else if ((c == '\'' || c == '"') && startsScalar(raw, i)) {
                quote = c;
            }
        }
        return raw;
    }

    /** Whether a quote at {@code i} opens a quoted scalar (it follows an indicator or a space). */
    private static boolean startsScalar(String s, int i) {
        int j = i - 1;
        while (j >= 0 && s.charAt(j) == ' ') {
            j--;
        }
        return j < 0 || "[{,:-?".indexOf(s.charAt(j)) >= 0;
    }

    private static boolean isSeqItem(String t) {
        return t.equals("-") || t.startsWith("- ");
    }

    private Line current() {
        while (pos < lines.size() && lines.get(pos).indent < 0) {
            pos++;
        }
        return pos < lines.size() ? lines.get(pos) : null;
    }

    // ---------------------------------------------------------------- block collections

    private Mapping mapping(int indent, int depth) {
        checkDepth(depth, current());
        Line start = current();
        Map<String, Node> map = new LinkedHashMap<>();
        Map<String, Scalar> keys = new LinkedHashMap<>();
        for (Line l = current(); l != null && l.indent == indent; l = current()) {
            if (isSeqItem(l.text)) {
                throw error(l.number, indent + 1, "a list item where a 'key: value' entry was expected");
            }
            pos++;
            entry(l, l.text, indent, l.indent, depth, map, keys);
        }
        return new Mapping(map, keys, start.number, indent + 1);
    }

    /** One {@code key: value} at column {@code col} (0-based) of line {@code l}. */
    private void entry(Line l, String t, int indent, int col, int depth, Map<String, Node> map, Map<String, Scalar> keys) {
        Cursor c = new Cursor(t, l.number, col);
        Scalar key = c.key();
        c.skipSpaces();
        String rest = c.rest();
        Node value;
        if (rest.isEmpty()) {
            Line next = current();
            if (next != null && next.indent > indent) {
                value = block(next.indent, depth + 1);
            } else if (next != null && next.indent == indent && isSeqItem(next.text)) {
                value = sequence(indent, depth + 1); // "key:\n- a" at the key's own indentation
            } else {
                value = new Scalar(null, false, l.number, c.column());
            }
        } else {
            value = inline(c, indent, depth + 1);
        }
        if (map.containsKey(key.value())) {
            throw error(key.line(), key.column(), "duplicate key '" + key.value() + "'");
        }
        count(key);
        map.put(key.value(), value);
        keys.put(key.value(), key);
    }

    private Node block(int indent, int depth) {
        Line l = current();
        return isSeqItem(l.text) ? sequence(indent, depth) : mapping(indent, depth);
    }

    private Seq sequence(int indent, int depth) {
        checkDepth(depth, current());
        Line start = current();
        List<Node> items = new ArrayList<>();
        for (Line l = current(); l != null && l.indent == indent && isSeqItem(l.text); l = current()) {
            pos++;
            String rest = l.text.substring(1);
            int lead = 1;
            while (lead < l.text.length() && l.text.charAt(lead) == ' ') {
                lead++;
            }
            rest = l.text.substring(lead);
            Node item;
            if (rest.isEmpty()) {
                Line next = current();
                item = next != null && next.indent > indent ? block(next.indent, depth + 1)
                        : new Scalar(null, false, l.number, indent + 2);
            } else if (isSeqItem(rest) || looksLikeEntry(rest)) {
                throw error(l.number, indent + lead + 1, "nested collections inside a list item on one line are not "
                        + "supported; use a flow list [a, b]");
            } else {
                item = inline(new Cursor(rest, l.number, indent + lead), indent, depth + 1);
            }
            count(item);
            items.add(item);
        }
        return new Seq(items, start.number, indent + 1);
    }

    /** Whether {@code t} is a {@code key: value} entry (a colon followed by a space or the end, outside quotes). */
    private static boolean looksLikeEntry(String t) {
        if (t.startsWith("'") || t.startsWith("\"") || t.startsWith("[") || t.startsWith("{")) {
            return false;
        }
        int i = t.indexOf(':');
        return i > 0 && (i == t.length() - 1 || t.charAt(i + 1) == ' ');
    }

    /** A value on the rest of a line: flow collection, block scalar, quoted or plain scalar. */
    private Node inline(Cursor c, int indent, int depth) {
        char ch = c.peek();
        if (ch == '[' || ch == '{') {
            Cursor flow = c;
            int balance = flowBalance(c.rest());
            while (balance > 0) {
                Line next = current();
                if (next == null) {
                    throw error(c.line, c.column(), "unclosed " + (ch == '[' ? "[" : "{") + " flow collection");
                }
                pos++;
                flow = flow.append(next.text);
                balance = flowBalance(flow.rest());
            }
            Node n = flow.flowValue(depth);
            flow.skipSpaces();
            if (!flow.atEnd()) {
                throw flow.fail("unexpected text after the flow collection");
            }
            return n;
        }
        if (ch == '|' || ch == '>') {
            return blockScalar(c, indent);
        }
        Scalar s = c.scalar(false);
        c.skipSpaces();
        if (!c.atEnd()) {
            throw c.fail(s.quoted() ? "unexpected text after a quoted scalar" : "a second ': ' in a plain scalar (quote the value)");
        }
        return s;
    }

    private int flowBalance(String s) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }

    /** {@code |} or {@code >}: the more-indented lines that follow, as text (literal, or folded with spaces). */
    private Scalar blockScalar(Cursor c, int indent) {
        int line = c.line;
        int column = c.column();
        boolean folded = c.peek() == '>';
        String header = c.rest().substring(1).strip();
        if (!header.isEmpty() && !header.matches("[+-]?[1-9]?|[1-9][+-]")) {
            throw c.fail("unsupported block scalar header '" + c.rest() + "'");
        }
        StringBuilder sb = new StringBuilder();
        while (pos < lines.size()) {
            Line l = lines.get(pos);
            if (l.indent >= 0 && l.indent <= indent) {
                break;
            }
            pos++;
            if (sb.length() > 0) {
                sb.append(folded ? ' ' : '\n');
            }
            sb.append(l.indent < 0 ? "" : l.text);
        }
        return new Scalar(sb.toString(), true, line, column);
    }

    private void checkDepth(int depth, Line l) {
        if (depth > MAX_DEPTH) {
            throw new LimitExceededException(new Location(source, l == null ? -1 : l.number, -1, -1, null),
                    "YAML nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void count(Node n) {
        if (++entries > maxEntries) {
            throw new LimitExceededException(new Location(source, n.line(), n.column(), -1, null),
                    "more than " + maxEntries + " YAML entries");
        }
    }

    private InvalidInputException error(int line, int column, String detail) {
        return new InvalidInputException(new Location(source, line, column, -1, null), detail);
    }

    // ---------------------------------------------------------------- scalars and flow collections

    /** A position in one line (or in a flow collection joined over several lines). */
    private final class Cursor {
        private final String text;
        private final int line;
        /** 0-based column of text[0] in the line. */
        private final int offset;
        private int i;

        Cursor(String text, int line, int offset) {
            this.text = text;
            this.line = line;
            this.offset = offset;
        }

        /** This cursor's remaining text followed by a continuation line (locations stay on the first line). */
        Cursor append(String more) {
            Cursor c = new Cursor(text.substring(i) + " " + more, line, offset + i);
            return c;
        }

        int column() {
            return offset + i + 1;
        }

        boolean atEnd() {
            return i >= text.length();
        }

        char peek() {
            return atEnd() ? 0 : text.charAt(i);
        }

        String rest() {
            return text.substring(i);
        }

        void skipSpaces() {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }

        InvalidInputException fail(String detail) {
            return error(line, column(), detail);
        }

        Scalar key() {
            char ch = peek();
            if (ch == '?') {
                throw fail("complex keys ('?') are not supported");
            }
            if (ch == '[' || ch == '{') {
                throw fail("a collection as a mapping key is not supported");
            }
            Scalar k = ch == '\'' || ch == '"' ? quoted() : plain(true, false);
            if (k.value() == null) {
                throw error(k.line(), k.column(), "an empty mapping key");
            }
            if (!k.quoted() && k.value().equals("<<")) {
                throw error(k.line(), k.column(), "merge keys ('<<') are not supported");
            }
            skipSpaces();
            if (peek() != ':') {
                throw fail("expected ':' after the key '" + k.value() + "'");
            }
            i++;
            if (!atEnd() && text.charAt(i) != ' ') {
                throw fail("expected a space after ':'");
            }
            return k;
        }

        Scalar scalar(boolean flow) {
            char ch = peek();
            if (ch == '\'' || ch == '"') {
                return quoted();
            }
            return plain(false, flow);
        }

        private Scalar plain(boolean key, boolean flow) {
            int col = column();
            char ch = peek();
            if (ch == '&') {
                throw fail("anchors ('&') are not supported");
            }
            if (ch == '*') {
                throw fail("aliases ('*') are not supported");
            }
            if (ch == '!') {
                throw fail("tags ('!') are not supported");
            }
            if (ch == '@' || ch == '`' || ch == '%') {
                throw fail("'" + ch + "' cannot start a plain scalar");
            }
            if ((ch == '|' || ch == '>') && (key || flow)) {
                throw fail("a block scalar is not allowed here");
            }
            int start = i;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' '
                        || flow && ",[]{}".indexOf(text.charAt(i + 1)) >= 0)) {
                    if (!key && !flow) {
                        throw fail("a second ': ' in a plain scalar (quote the value)");
                    }
                    break;
                }
                if (flow && ",[]{}".indexOf(c) >= 0) {
                    break;
                }
                i++;
            }
            String v = text.substring(start, i).strip();
            boolean isNull = v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL");
            return new Scalar(isNull ? null : v, false, line, col);
        }

        private Scalar quoted() {
            int col = column();
            char q = text.charAt(i++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= text.length()) {
                    throw error(line, col, "unclosed quoted scalar");
                }
                char c = text.charAt(i++);
                if (c == q) {
                    if (q == '\'' && i < text.length() && text.charAt(i) == '\'') {
                        sb.append('\'');
                        i++;
                        continue;
                    }
                    return new Scalar(sb.toString(), true, line, col);
                }
                if (c == '\\' && q == '"') {
                    if (i >= text.length()) {
                        throw error(line, col, "unclosed quoted scalar");
                    }
                    char e = text.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case '0' -> sb.append('\0');
                        case '\\', '"', '/' -> sb.append(e);
                        case 'u' -> {
                            if (i + 4 > text.length()) {
                                throw fail("a short \\u escape");
                            }
                            try {
                                sb.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw fail("an invalid \\u escape");
                            }
                            i += 4;
                        }
                        default -> throw error(line, offset + i, "unsupported escape '\\" + e + "'");
                    }
                    continue;
                }
                sb.append(c);
            }
        }

        Node flowValue(int depth) {
            skipSpaces();
            char ch = peek();
            if (ch == '[' || ch == '{') {
                if (depth > MAX_DEPTH) {
                    throw new LimitExceededException(new Location(source, line, column(), -1, null),
                            "YAML nested deeper than " + MAX_DEPTH + " levels");
                }
                return ch == '[' ? flowSeq(depth) : flowMap(depth);
            }
            Scalar s = scalar(true);
            skipSpaces();
            return s;
        }

        private Seq flowSeq(int depth) {
            int col = column();
            i++;
            List<Node> items = new ArrayList<>();
            skipSpaces();
            if (peek() == ']') {
                i++;
                return new Seq(items, line, col);
            }
            while (true) {
                Node n = flowValue(depth + 1);
                count(n);
                items.add(n);
                skipSpaces();
                char c = peek();
                i++;
                if (c == ']') {
                    return new Seq(items, line, col);
                }
                if (c != ',') {
                    i--;
                    throw fail(atEnd() ? "unclosed [ flow list" : "expected ',' or ']' in a flow list");
                }
                skipSpaces();
                if (peek() == ']') { // trailing comma
                    i++;
                    return new Seq(items, line, col);
                }
            }
        }

        private Mapping flowMap(int depth) {
            int col = column();
            i++;
            Map<String, Node> map = new LinkedHashMap<>();
            Map<String, Scalar> keys = new LinkedHashMap<>();
            skipSpaces();
            if (peek() == '}') {
                i++;
                return new Mapping(map, keys, line, col);
            }
            while (true) {
                skipSpaces();
                char ch = peek();
                if (ch == '[' || ch == '{' || ch == '?') {
                    throw fail("complex keys are not supported");
                }
                Scalar k = ch == '\'' || ch == '"' ? quoted() : plain(true, true);
                if (k.value() == null) {
                    throw error(k.line(), k.column(), "an empty mapping key");
                }
                skipSpaces();
                if (peek() != ':') {
                    throw fail("expected ':' after the key '" + k.value() + "'");
                }
                i++;
                Node v = flowValue(depth + 1);
                if (map.containsKey(k.value())) {
                    throw error(k.line(), k.column(), "duplicate key '" + k.value() + "'");
                }
                count(k);
                map.put(k.value(), v);
                keys.put(k.value(), k);
                skipSpaces();
                char c = peek();
                i++;
                if (c == '}') {
                    return new Mapping(map, keys, line, col);
                }
                if (c != ',') {
                    i--;
                    throw fail(atEnd() ? "unclosed { flow mapping" : "expected ',' or '}' in a flow mapping");
                }
                skipSpaces();
                if (peek() == '}') {
                    i++;
                    return new Mapping(map, keys, line, col);
                }
            }
        }
    }

    // ---------------------------------------------------------------- writing

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_ .()+/-]*");
    private static final java.util.Set<String> RESERVED = java.util.Set.of("true", "false", "yes", "no", "on", "off",
            "null", "y", "n");

    /** {@code s} as a YAML scalar that reads back as the same string (plain when safe, else quoted). */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return s;
        }
        boolean control = false;
        for (int i = 0; i < s.length(); i++) {
            control |= s.charAt(i) < 0x20 || s.charAt(i) == 0x7f;
        }
        if (!control) {
            return "'" + s.replace("'", "''") + "'";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
