package dev.labelport.internal;

import dev.labelport.error.InvalidInputException;
import dev.labelport.model.Id;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Typed reads of the parser's current value, tolerant of the forms seen in real exports (string
 * booleans, numbers as strings) and precise about what was expected where when they fail.
 */
public final class JsonFields {
    private final String source;

    public JsonFields(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    public InvalidInputException expected(JsonParser p, String what) {
        return JsonSupport.invalid(p, source, "expected " + what + ", found " + JsonSupport.describe(p.currentToken()));
    }

    public void expect(JsonParser p, JsonToken token, String what) {
        if (p.currentToken() != token) {
            throw expected(p, what);
        }
    }

    /** A number (a numeric string is accepted too). */
    public double number(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
            throw JsonSupport.invalid(p, source, "expected a finite number, found " + p.getString());
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                double d = Double.parseDouble(p.getString().trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw expected(p, "a number");
    }

    /** A number, or {@code null} for JSON null. */
    public Double optionalNumber(JsonParser p) {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : number(p);
    }

    /** An integer in [min, max] (an integral numeric string is accepted too). */
    public long integer(JsonParser p, long min, long max) {
        JsonToken t = p.currentToken();
        long v;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            v = p.getLongValue();
        } else {
            double d = number(p);
            if (d != Math.rint(d)) {
                throw expected(p, "an integer");
            }
            v = (long) d;
        }
        if (v < min || v > max) {
            throw JsonSupport.invalid(p, source, "expected an integer from " + min + " to " + max + ", found " + v);
        }
        return v;
    }

    /** A string, or {@code null} for JSON null. */
    public String string(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw expected(p, "a string");
    }

    /** A scalar as text (numbers keep their lexical form), or {@code null} for JSON null. */
    public String scalarText(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != null && t.isScalarValue()) {
            return p.getString();
        }
        throw expected(p, "a string or number");
    }

    /** true/false, 0/1, their string forms, or null (false). */
    public boolean flag(JsonParser p) {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
            case VALUE_NULL:
                return false;
            case VALUE_NUMBER_INT: {
                long v = p.getLongValue();
                if (v == 0 || v == 1) {
                    return v == 1;
                }
                break;
            }
            case VALUE_STRING: {
                String s = p.getString().trim();
                if (s.equalsIgnoreCase("true") || s.equals("1")) {
                    return true;
                }
                if (s.equalsIgnoreCase("false") || s.equals("0") || s.isEmpty()) {
                    return false;
                }
                break;
            }
            default:
                break;
        }
        throw expected(p, "a boolean or 0/1");
    }

    /** An id: a JSON integer or a string; {@code null} for JSON null. */
    public Id id(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return new Id(p.getString(), true);
        }
        if (t == JsonToken.VALUE_STRING) {
            return Id.of(p.getString());
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw expected(p, "an id (integer or string)");
    }
}
