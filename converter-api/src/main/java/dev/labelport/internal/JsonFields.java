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
            double quick = shortDecimal(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
            if (quick == quick) { // not NaN: the common short decimal, parsed exactly without Jackson's layers
                return quick;
            }
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

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The value of a plain decimal ({@code -?digits(.digits)?}) of at most 15 significant digits and
     * 22 decimals, or NaN for anything else. Exact: the digits form an integer below 2^53 and the
     * power of ten is exact, so their quotient is correctly rounded (Clinger's fast path).
     */
    static double shortDecimal(char[] c, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && c[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int decimals = 0;
        boolean point = false;
        if (i == end) {
            return Double.NaN;
        }
        for (; i < end; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                if (mantissa != 0 || ch != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (ch - '0');
                if (point) {
                    decimals++;
                }
                if (digits > 15 || decimals > 22) {
                    return Double.NaN;
                }
            } else if (ch == '.' && !point) {
                point = true;
            } else {
                return Double.NaN; // exponent or anything unusual: the general parser decides
            }
        }
        double v = decimals == 0 ? mantissa : mantissa / POW10[decimals];
        return negative ? -v : v;
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
