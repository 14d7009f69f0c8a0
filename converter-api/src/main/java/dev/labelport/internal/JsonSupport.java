package dev.labelport.internal;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/** Jackson plumbing shared by the JSON formats: factories with limits, values, locations. */
public final class JsonSupport {
    private static final int MAX_PATH_SEGMENTS = 24;
    private JsonSupport() {
    }

    /** A factory whose parsers enforce {@code limits}; immutable, so one per conversion is fine. */
    public static JsonFactory factory(Limits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringLength())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNameLength(Math.min(limits.maxStringLength(), 100_000))
                        .maxNumberLength(1000)
                        .maxDocumentLength(-1)
                        .build())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
    }

    /** A write context that pretty-prints (two-space indent, one value per line). */
    public static ObjectWriteContext pretty() {
        return new ObjectWriteContext.Base() {
            @Override
            public PrettyPrinter getPrettyPrinter() {
                return new DefaultPrettyPrinter();
            }

            @Override
            public boolean hasPrettyPrinter() {
                return true;
            }
        };
    }

    /** Reads the value at the parser's current token (which must be a value start). */
    public static JsonValue readValue(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IllegalStateException("no current token");
        }
        switch (t) {
            case START_OBJECT: {
                JsonObject.Builder b = JsonObject.builder();
                String name;
                while ((name = p.nextName()) != null) {
                    p.nextToken();
                    b.put(name, readValue(p));
                }
                return b.build();
            }
            case START_ARRAY: {
                List<JsonValue> values = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    values.add(readValue(p));
                }
                return new JsonArray(values);
            }
            case VALUE_STRING:
                return new JsonString(p.getString());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return JsonNumber.parse(p.getString());
            case VALUE_TRUE:
                return JsonBoolean.TRUE;
            case VALUE_FALSE:
                return JsonBoolean.FALSE;
            case VALUE_NULL:
                return JsonNull.INSTANCE;
            default:
                throw new IllegalStateException("not a value start: " + t);
        }
    }

    public static void writeValue(JsonGenerator g, JsonValue v) {
        if (v instanceof JsonObject o) {
            g.writeStartObject();
            for (var e : o.members().entrySet()) {
                g.writeName(e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof JsonArray a) {
            g.writeStartArray();
            for (JsonValue x : a.values()) {
                writeValue(g, x);
            }
            g.writeEndArray();
        } else if (v instanceof JsonString s) {
            g.writeString(s.value());
        } else if (v instanceof JsonNumber n) {
            g.writeNumber(n.lexical());
        } else if (v instanceof JsonBoolean b) {
            g.writeBoolean(b.value());
        } else {
            g.writeNull();
        }
    }

    /** Writes every member of {@code o} as properties of the object being written. */
    public static void writeMembers(JsonGenerator g, JsonObject o) {
        for (var e : o.members().entrySet()) {
            g.writeName(e.getKey());
            writeValue(g, e.getValue());
        }
    }

    /**
     * Writes a coordinate: integral values without a fraction ({@code 10}, not {@code 10.0}),
     * values with at most four decimals as those decimals, others in the shortest form that reads
     * back to the same double. Every form reads back to exactly {@code v}.
     */
    public static void writeCoordinate(JsonGenerator g, double v) {
        if (v == (long) v && Math.abs(v) < 1e15) {
            g.writeNumber((long) v);
            return;
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            long scale = 10;
            for (int decimals = 1; decimals <= 4; decimals++, scale *= 10) {
                double r = Math.rint(a * scale);
                // r / scale is the double nearest to the decimal r·10^-decimals, which is also what
                // parsing that decimal gives: so the text below reads back to exactly v.
                if (r / scale == a) {
                    writeDecimal(g, v < 0, (long) r, decimals, scale);
                    return;
                }
            }
        }
        g.writeNumber(v);
    }

    private static void writeDecimal(JsonGenerator g, boolean negative, long scaled, int decimals, long scale) {
        char[] buf = new char[24];
        int pos = buf.length;
        long frac = scaled % scale;
        long whole = scaled / scale;
        for (int i = 0; i < decimals; i++) {
            buf[--pos] = (char) ('0' + frac % 10);
            frac /= 10;
        }
        buf[--pos] = '.';
        do {
            buf[--pos] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        if (negative) {
            buf[--pos] = '-';
        }
        g.writeNumber(buf, pos, buf.length - pos);
    }

    /** The current token's location, with the structural path of the parser's context. */
    public static Location location(JsonParser p, String source) {
        return location(p, source, p.currentTokenLocation());
    }

    private static Location location(JsonParser p, String source, TokenStreamLocation loc) {
        return new Location(source, loc.getLineNr(), loc.getColumnNr(), loc.getByteOffset(),
                path(p.streamReadContext()));
    }

    /** {@code annotations[1203].bbox[2]} for the given context (empty string at the root). */
    public static String path(TokenStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (TokenStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                if (c.getCurrentIndex() >= 0) { // -1: at the array's own start token
                    parts.add("[" + c.getCurrentIndex() + "]");
                }
            } else if (c.inObject() && c.currentName() != null) {
                parts.add("." + c.currentName());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (parts.size() > MAX_PATH_SEGMENTS && i == parts.size() - 1 - MAX_PATH_SEGMENTS / 2) {
                // a hostile nesting depth makes an unreadable path: keep its two ends
                sb.append("...");
                i = MAX_PATH_SEGMENTS / 2 - 1;
            }
            sb.append(parts.get(i));
        }
        return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }

    /** An error at the parser's current token. */
    public static InvalidInputException invalid(JsonParser p, String source, String detail) {
        return new InvalidInputException(location(p, source), detail);
    }

    /** Turns a Jackson failure into a located Labelport error (limits into {@link LimitExceededException}). */
    public static LabelportException translate(JacksonException e, JsonParser p, String source) {
        TokenStreamLocation loc = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        Location where = p == null ? new Location(source, loc.getLineNr(), loc.getColumnNr(), loc.getByteOffset(), null)
                : location(p, source, loc);
        String msg = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return new LimitExceededException(where, msg, e);
        }
        return new InvalidInputException(where, "malformed JSON: " + firstLine(msg), e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A short description of a token for "expected X, found Y" messages. */
    public static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
