package dev.labelport.jobs;

import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The filter query language of export requests: a small boolean language over items and their
 * annotations, parsed by hand (recursive descent) into a {@link Predicate} of {@link Item}.
 *
 * <pre>
 * annotation.label = "car" AND metadata.weather IN ("rain", "fog") AND NOT status = "rejected"
 * </pre>
 *
 * <ul>
 *   <li><b>Fields</b>: {@code ref_id} (the item's id, or its file name for {@code =}, {@code !=}
 *       and {@code IN}), {@code split}, {@code status} (the status as written, or its canonical
 *       name, case-insensitive), {@code updated_at} (compared with a number of Unix milliseconds,
 *       or an ISO 8601 instant or date string), {@code metadata.<key>[.<key>...]} (the item's
 *       metadata), {@code annotation.label}, {@code annotation.type} ({@code box},
 *       {@code polygon}, ...), {@code annotation.annotator} (id or name; the item's annotator when
 *       the annotation names none).
 *   <li><b>Operators</b>: {@code = != < <= > >=}, {@code IN (v, ...)}, {@code AND}, {@code OR},
 *       {@code NOT}, parentheses; keywords in any case. {@code AND} binds tighter than {@code OR}.
 *   <li><b>Literals</b>: strings in double or single quotes ({@code \"} and {@code \\} escape),
 *       numbers. A number compares numerically with a field that holds a number.
 *   <li><b>Annotation fields are existential</b>: {@code annotation.label = "car"} holds for an item
 *       with at least one car; {@code NOT annotation.label = "car"} for an item with none. Items are
 *       exported whole.
 *   <li><b>{@code !=} means "no value equals"</b>: {@code ref_id != "a.jpg"} is false for the item
 *       whose id or file name is {@code a.jpg}; {@code annotation.label != "car"} holds for an item
 *       without cars. A missing value (no split, no such metadata key) makes every comparison false
 *       except {@code !=}, which is true.
 * </ul>
 *
 * Errors are {@link ValidationException}s on the field {@code filter_query_string} that give the
 * column (1-based) and what was expected.
 */
public final class FilterQuery {
    private final String text;
    private final Node root;

    private FilterQuery(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text}; a blank text matches every item. */
    public static FilterQuery parse(String text) {
        if (text == null || text.isBlank()) {
            return new FilterQuery(text, item -> true);
        }
        Parser p = new Parser(text);
        Node n = p.or();
        if (p.peek().kind != Kind.END) {
            throw p.error(p.peek(), "AND, OR or the end of the query");
        }
        return new FilterQuery(text, n);
    }

    /** Whether {@code item} matches. */
    public boolean test(Item item) {
        return root.test(item);
    }

    public Predicate<Item> asPredicate() {
        return root::test;
    }

    @Override
    public String toString() {
        return text == null ? "" : text;
    }

    @FunctionalInterface
    private interface Node {
        boolean test(Item item);
    }

    private enum Kind { IDENT, STRING, NUMBER, OP, LPAREN, RPAREN, COMMA, END }

    private record Token(Kind kind, String text, int column) {
    }

    private enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String s) {
            for (Op o : values()) {
                if (o.symbol.equals(s)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** A literal: the text, and its number when it is one. */
    private record Literal(String text, BigDecimal number) {
    }

    private static final class Parser {
        private final String s;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;

        Parser(String s) {
            this.s = s;
            lex();
        }

        private void lex() {
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')' || c == ',') {
                    tokens.add(new Token(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, String.valueOf(c), i + 1));
                    i++;
                } else if (c == '"' || c == '\'') {
                    StringBuilder sb = new StringBuilder();
                    int start = i++;
                    while (true) {
                        if (i >= s.length()) {
                            throw error(start + 1, "the closing " + c + " of the string that starts here");
                        }
                        char d = s.charAt(i++);
                        if (d == '\\' && i < s.length()) {
                            sb.append(s.charAt(i++));
                        } else if (d == c) {
                            break;
                        } else {
                            sb.append(d);
                        }
                    }
                    tokens.add(new Token(Kind.STRING, sb.toString(), start + 1));
                } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                    int start = i++;
                    if (i < s.length() && s.charAt(i) == '=') {
                        i++;
                    }
                    String op = s.substring(start, i);
                    if (Op.of(op) == null) {
                        throw error(start + 1, "an operator (= != < <= > >=), not '" + op + "'");
                    }
                    tokens.add(new Token(Kind.OP, op, start + 1));
                } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                    int start = i++;
                    while (i < s.length() && (Character.isDigit(s.charAt(i)) || ".eE+-".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                    String n = s.substring(start, i);
                    try {
                        new BigDecimal(n);
                    } catch (NumberFormatException e) {
                        throw error(start + 1, "a number, not '" + n + "'");
                    }
                    tokens.add(new Token(Kind.NUMBER, n, start + 1));
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.'
                            || s.charAt(i) == '-')) {
                        i++;
                    }
                    tokens.add(new Token(Kind.IDENT, s.substring(start, i), start + 1));
                } else {
                    throw error(i + 1, "a field, a value, an operator or a parenthesis, not '" + c + "'");
                }
            }
            tokens.add(new Token(Kind.END, "", s.length() + 1));
        }

        Token peek() {
            return tokens.get(pos);
        }

        private Token take() {
            return tokens.get(pos++);
        }

        private boolean keyword(String k) {
            Token t = peek();
            if (t.kind == Kind.IDENT && t.text.equalsIgnoreCase(k)) {
                pos++;
                return true;
            }
            return false;
        }

        Node or() {
            Node left = and();
            while (keyword("OR")) {
                Node l = left, r = and();
                left = item -> l.test(item) || r.test(item);
            }
            return left;
        }

        private Node and() {
            Node left = not();
            while (keyword("AND")) {
                Node l = left, r = not();
                left = item -> l.test(item) && r.test(item);
            }
            return left;
        }

        private Node not() {
            if (keyword("NOT")) {
                Node n = not();
                return item -> !n.test(item);
            }
            return primary();
        }

        private Node primary() {
            Token t = peek();
            if (t.kind == Kind.LPAREN) {
                pos++;
                Node n = or();
                expect(Kind.RPAREN, "')'");
                return n;
            }
            if (t.kind != Kind.IDENT || isKeyword(t.text)) {
                throw error(t, "a field (ref_id, split, status, updated_at, metadata.*, annotation.label, annotation.type, annotation.annotator) or '('");
            }
            pos++;
            Field field = Field.of(t, this);
            if (keyword("IN")) {
                expect(Kind.LPAREN, "'(' after IN");
                List<Literal> values = new ArrayList<>();
                values.add(literal());
                while (peek().kind == Kind.COMMA) {
                    pos++;
                    values.add(literal());
                }
                expect(Kind.RPAREN, "')' or ',' in the IN list");
                return item -> field.matches(item, v -> values.stream().anyMatch(l -> compare(field, v, l, Op.EQ)), false);
            }
            Token opToken = peek();
            if (opToken.kind != Kind.OP) {
                throw error(opToken, "an operator (= != < <= > >= IN) after " + t.text);
            }
            pos++;
            Op op = Op.of(opToken.text);
            Literal value = literal();
            if (field.name.equals("updated_at") && value.number == null && instant(value.text) == null) {
                throw error(tokens.get(pos - 1), "a time for updated_at: Unix milliseconds or an ISO 8601 instant or date");
            }
            if (op == Op.NE) { // no value equals it (so a missing value, too)
                return item -> !field.matches(item, v -> compare(field, v, value, Op.EQ), false);
            }
            return item -> field.matches(item, v -> compare(field, v, value, op), false);
        }

        private Literal literal() {
            Token t = take();
            if (t.kind == Kind.STRING) {
                return new Literal(t.text, null);
            }
            if (t.kind == Kind.NUMBER) {
                return new Literal(t.text, new BigDecimal(t.text));
            }
            throw error(t, "a string in quotes or a number");
        }

        private void expect(Kind k, String what) {
            Token t = take();
            if (t.kind != k) {
                throw error(t, what);
            }
        }

        private static boolean isKeyword(String s) {
            return s.equalsIgnoreCase("AND") || s.equalsIgnoreCase("OR") || s.equalsIgnoreCase("NOT") || s.equalsIgnoreCase("IN");
        }

        ValidationException error(Token t, String expected) {
            return error(t.column, expected + (t.kind == Kind.END ? ", but the query ends" : ", found '" + t.text + "'"));
        }

        ValidationException error(int column, String message) {
            return new ValidationException(java.util.Map.of("filter_query_string",
                    List.of("column " + column + ": expected " + message + ".")));
        }
    }

    /** A field of the language and how to read it from an item. */
    private static final class Field {
        final String name;
        final List<String> metadataPath;

        private Field(String name, List<String> metadataPath) {
            this.name = name;
            this.metadataPath = metadataPath;
        }

        static Field of(Token t, Parser p) {
            String n = t.text.toLowerCase(Locale.ROOT);
            switch (n) {
                case "ref_id", "split", "status", "updated_at", "annotation.label", "annotation.type", "annotation.annotator":
                    return new Field(n, List.of());
                default:
                    if (t.text.startsWith("metadata.") && t.text.length() > "metadata.".length()) {
                        return new Field("metadata", List.of(t.text.substring("metadata.".length()).split("\\.")));
                    }
                    throw p.error(t.column, "a field (ref_id, split, status, updated_at, metadata.*, annotation.label, "
                            + "annotation.type, annotation.annotator), not '" + t.text + "'");
            }
        }

        /**
         * Whether some value of this field in {@code item} passes {@code test}; {@code whenMissing}
         * when the item has none.
         */
        boolean matches(Item item, Predicate<Object> test, boolean whenMissing) {
            List<Object> values = values(item);
            if (values.isEmpty()) {
                return whenMissing;
            }
            for (Object v : values) {
                if (test.test(v)) {
                    return true;
                }
            }
            return false;
        }

        private List<Object> values(Item item) {
            List<Object> out = new ArrayList<>(2);
            switch (name) {
                case "ref_id" -> {
                    out.add(item.id().toString());
                    if (item.fileName() != null) {
                        out.add(item.fileName());
                    }
                }
                case "split" -> add(out, item.split());
                case "status" -> {
                    if (item.status() != null) {
                        out.add(item.status().raw());
                        out.add(item.status().canonical().name());
                    }
                }
                case "updated_at" -> {
                    if (item.updated() != null && item.updated().instant() != null) {
                        out.add(item.updated().instant());
                    }
                }
                case "metadata" -> {
                    JsonValue v = item.metadata();
                    for (String key : metadataPath) {
                        v = v instanceof JsonObject o ? o.get(key) : null;
                    }
                    if (v instanceof JsonString s) {
                        out.add(s.value());
                    } else if (v instanceof JsonNumber n) {
                        out.add(n.decimalValue());
                    } else if (v instanceof JsonBoolean b) {
                        out.add(String.valueOf(b.value()));
                    }
                }
                default -> {
                    for (Annotation a : item.annotations()) {
                        switch (name) {
                            case "annotation.label" -> add(out, a.category() == null ? null : a.category().name());
                            case "annotation.type" -> out.add(a.geometry().kind().label());
                            default -> {
                                Annotator who = a.annotator() != null ? a.annotator() : item.annotator();
                                if (who != null) {
                                    add(out, who.id());
                                    add(out, who.name());
                                }
                            }
                        }
                    }
                }
            }
            return out;
        }

        private static void add(List<Object> out, String v) {
            if (v != null) {
                out.add(v);
            }
        }
    }

    private static boolean compare(Field field, Object value, Literal literal, Op op) {
        int c;
        if (value instanceof Instant t) {
            Instant bound = literal.number != null ? Instant.ofEpochMilli(literal.number.longValue()) : instant(literal.text);
            c = t.compareTo(bound);
        } else if (value instanceof BigDecimal n) {
            if (literal.number == null) {
                c = n.toPlainString().compareTo(literal.text);
            } else {
                c = n.compareTo(literal.number);
            }
        } else {
            String v = (String) value;
            BigDecimal asNumber = literal.number != null ? number(v) : null;
            if (asNumber != null) {
                c = asNumber.compareTo(literal.number);
            } else if (field.name.equals("status")) {
                c = v.toLowerCase(Locale.ROOT).compareTo(literal.text.toLowerCase(Locale.ROOT));
            } else {
                c = v.compareTo(literal.text);
            }
        }
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
