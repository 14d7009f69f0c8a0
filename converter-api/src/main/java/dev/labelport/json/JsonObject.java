package dev.labelport.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** An immutable JSON object that keeps its key order. Keys are case-sensitive. */
public final class JsonObject implements JsonValue {
    public static final JsonObject EMPTY = new JsonObject(new LinkedHashMap<>());

    private final Map<String, JsonValue> members;

    private JsonObject(LinkedHashMap<String, JsonValue> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    public static JsonObject of(Map<String, ? extends JsonValue> members) {
        if (members.isEmpty()) {
            return EMPTY;
        }
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
        members.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v, k)));
        return new JsonObject(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.members.putAll(members);
        return b;
    }

    public Map<String, JsonValue> members() {
        return members;
    }

    public JsonValue get(String key) {
        return members.get(key);
    }

    /** The nested object under {@code key}, or {@link #EMPTY} when absent or not an object. */
    public JsonObject object(String key) {
        return members.get(key) instanceof JsonObject o ? o : EMPTY;
    }

    /** The string under {@code key}, or {@code null} when absent or not a string. */
    public String string(String key) {
        return members.get(key) instanceof JsonString s ? s.value() : null;
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    public Set<String> keys() {
        return members.keySet();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public int size() {
        return members.size();
    }

    /** A copy with {@code key} set (added at the end, or replaced in place). */
    public JsonObject with(String key, JsonValue value) {
        return toBuilder().put(key, value).build();
    }

    @Override
    public Object toJava() {
        Map<String, Object> out = new LinkedHashMap<>();
        members.forEach((k, v) -> out.put(k, v.toJava()));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return members.toString();
    }

    /** Collects members in insertion order. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String key, JsonValue value) {
            members.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, JsonValue.of(value));
        }

        public Builder remove(String key) {
            members.remove(key);
            return this;
        }

        public boolean isEmpty() {
            return members.isEmpty();
        }

        public JsonObject build() {
            return members.isEmpty() ? EMPTY : new JsonObject(new LinkedHashMap<>(members));
        }
    }
}
