package dev.labelport.formats.vertex;

import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import java.util.List;

/** Builders for the items the Vertex reader produces, for expectations in tests. */
final class VertexSamples {
    private VertexSamples() {
    }

    static Category category(String name) {
        return Category.of(Id.of(name), name);
    }

    static DatasetHeader header(String flavour, String task) {
        JsonObject.Builder ext = JsonObject.builder().put("flavour", flavour);
        if (task != null) {
            ext.put("task", task);
        }
        JsonObject derived = JsonObject.builder().put("derived", ext.build()).build();
        return new DatasetHeader(null, "vertex", null, List.of(), JsonObject.builder().put("vertex", derived).build());
    }

    /** The vertex extension: layout keys (mlUse, labelsAsArray, vertices) go under {@code derived}. */
    static JsonObject ext(Object... keyValues) {
        JsonObject.Builder b = JsonObject.builder();
        JsonObject.Builder derived = JsonObject.builder();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            String key = (String) keyValues[i];
            JsonValue value = v instanceof JsonValue j ? j : JsonValue.of(String.valueOf(v));
            if (java.util.Set.of("mlUse", "labelsAsArray", "vertices").contains(key)) {
                derived.put(key, value);
            } else {
                b.put(key, value);
            }
        }
        if (!derived.isEmpty()) {
            b.put("derived", derived.build());
        }
        return JsonObject.builder().put("vertex", b.build()).build();
    }

    static Annotation tag(String name) {
        return Annotation.builder(Tag.INSTANCE).category(category(name)).build();
    }

    static Annotation box(String name, double xMin, double yMin, double xMax, double yMax) {
        return Annotation.builder(new Box(xMin, yMin, xMax - xMin, yMax - yMin)).category(category(name)).build();
    }

    static Annotation span(String name, String text, int start, int end) {
        return Annotation.builder(new TextSpan(start, end, TextContent.of(text).slice(start, end))).category(category(name)).build();
    }

    static Item.Builder image(String ref) {
        boolean uri = ref.contains("://");
        return Item.image(Id.of(ref)).uri(uri ? ref : null).fileName(uri ? ref.substring(ref.lastIndexOf('/') + 1) : ref)
                .normalized(true);
    }

    static Item.Builder text(long line, String text) {
        return Item.text(Id.of(line), TextContent.of(text));
    }
}
