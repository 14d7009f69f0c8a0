package dev.labelport.json;

import java.util.ArrayList;
import java.util.List;

/** An immutable JSON array. */
public record JsonArray(List<JsonValue> values) implements JsonValue {
    public static final JsonArray EMPTY = new JsonArray(List.of());

    public JsonArray {
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    public JsonValue get(int i) {
        return values.get(i);
    }

    @Override
    public Object toJava() {
        List<Object> out = new ArrayList<>(values.size());
        for (JsonValue v : values) {
            out.add(v.toJava());
        }
        return out;
    }
}
