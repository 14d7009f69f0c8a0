package dev.labelport.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number kept in its lexical form, so that {@code 1140.0} is written back as {@code 1140.0}.
 * Equality is by numeric value ({@code 1.0} equals {@code 1}).
 */
public final class JsonNumber implements JsonValue {
    private final String lexical;

    private JsonNumber(String lexical) {
        this.lexical = lexical;
    }

    /** A number from its JSON text; the text must be a valid JSON number. */
    public static JsonNumber parse(String lexical) {
        Objects.requireNonNull(lexical, "lexical");
        if (!isJsonNumber(lexical)) {
            throw new NumberFormatException("not a JSON number: " + lexical);
        }
        return new JsonNumber(lexical);
    }

    /** The JSON grammar {@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}, checked without allocating. */
    static boolean isJsonNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else {
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON numbers are finite: " + value);
        }
        return new JsonNumber(Double.toString(value));
    }

    public String lexical() {
        return lexical;
    }

    public BigDecimal decimalValue() {
        return new BigDecimal(lexical);
    }

    public double doubleValue() {
        return Double.parseDouble(lexical);
    }

    /** True when the value has no fractional part and fits a long. */
    public boolean isIntegral() {
        try {
            decimalValue().longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    public long longValue() {
        return decimalValue().longValue();
    }

    @Override
    public Object toJava() {
        return isIntegral() ? (Object) longValue() : decimalValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber n && decimalValue().compareTo(n.decimalValue()) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(doubleValue());
    }

    @Override
    public String toString() {
        return lexical;
    }
}
