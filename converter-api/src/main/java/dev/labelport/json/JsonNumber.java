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
        new BigDecimal(lexical); // validates
        return new JsonNumber(lexical);
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
