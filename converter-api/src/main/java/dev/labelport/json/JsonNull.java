package dev.labelport.json;

/** JSON {@code null}. */
public enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public Object toJava() {
        return null;
    }

    @Override
    public String toString() {
        return "null";
    }
}
