package dev.labelport.json;

/**
 * An immutable JSON value, used for the free-form parts of the model: metadata, attributes and
 * the per-format extension fields that keep a same-format round trip lossless. Numbers keep
 * their lexical form, objects keep their key order.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Java value for quick inspection: String, Boolean, BigDecimal/Long, List, Map or null. */
    Object toJava();

    static JsonValue of(String s) {
        return s == null ? JsonNull.INSTANCE : new JsonString(s);
    }

    static JsonValue of(boolean b) {
        return JsonBoolean.of(b);
    }

    static JsonValue of(long n) {
        return JsonNumber.of(n);
    }

    static JsonValue of(double n) {
        return JsonNumber.of(n);
    }
}
