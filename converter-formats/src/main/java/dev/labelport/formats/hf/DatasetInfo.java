package dev.labelport.formats.hf;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * HF's {@code dataset_info.json} (written by {@code save_to_disk} and {@code datasets-cli}): the
 * {@code features} block says which column is a {@code ClassLabel} and lists its {@code names}
 * (id = position), directly or inside a {@code Sequence}/{@code List} {@code feature}.
 */
final class DatasetInfo {
    private DatasetInfo() {
    }

    /** Reads the whole (small) file; errors name {@code source}. */
    static JsonObject read(Path file, String source, Limits limits) {
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = JsonSupport.factory(limits).createParser(ObjectReadContext.empty(), in)) {
            try {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    throw JsonSupport.invalid(p, source, "dataset_info.json must hold an object, found " + JsonSupport.describe(t));
                }
                JsonValue v = JsonSupport.readValue(p);
                if (p.nextToken() != null) {
                    throw JsonSupport.invalid(p, source, "text after the object");
                }
                return (JsonObject) v;
            } catch (JacksonException e) {
                throw JsonSupport.translate(e, p, source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ClassLabel names of {@code column}, or {@code null} when the file does not give them. */
    static List<String> names(JsonObject info, String column, String source) {
        JsonObject holder = namesHolder(info.object("features").object(column));
        if (holder == null) {
            return null;
        }
        if (!(holder.get("names") instanceof JsonArray a)) {
            throw new InvalidInputException(Location.of(source).withPath("features." + column + ".names"),
                    "ClassLabel names must be a list of strings");
        }
        List<String> out = new ArrayList<>(a.size());
        for (JsonValue v : a.values()) {
            if (!(v instanceof JsonString s)) {
                throw new InvalidInputException(Location.of(source).withPath("features." + column + ".names[" + out.size() + "]"),
                        "ClassLabel names must be strings, found " + v);
            }
            out.add(s.value());
        }
        return out;
    }

    /** The object holding {@code names}: the feature itself or its (nested) {@code feature}. */
    private static JsonObject namesHolder(JsonObject feature) {
        for (JsonObject f = feature; !f.isEmpty(); f = f.object("feature")) {
            if (f.has("names")) {
                return f;
            }
        }
        return null;
    }

    /** Column feature for a plain string column. */
    static JsonObject stringFeature() {
        return JsonObject.builder().put("dtype", "string").put("_type", "Value").build();
    }

    /** A ClassLabel feature, wrapped in a Sequence when {@code sequence}. */
    static JsonObject classLabel(List<String> names, boolean sequence) {
        List<JsonValue> values = new ArrayList<>(names.size());
        names.forEach(n -> values.add(new JsonString(n)));
        JsonObject label = JsonObject.builder().put("names", new JsonArray(values)).put("_type", "ClassLabel").build();
        return sequence ? sequence(label) : label;
    }

    static JsonObject sequence(JsonObject feature) {
        return JsonObject.builder().put("feature", feature).put("_type", "Sequence").build();
    }

    /** {@code feature} with its ClassLabel names replaced (a copy; {@code num_classes} follows). */
    static JsonObject withNames(JsonObject feature, List<String> names, boolean sequence) {
        if (feature.isEmpty() || namesHolder(feature) == null) {
            return classLabel(names, sequence);
        }
        if (feature.has("names")) {
            List<JsonValue> values = new ArrayList<>(names.size());
            names.forEach(n -> values.add(new JsonString(n)));
            JsonObject.Builder b = feature.toBuilder().put("names", new JsonArray(values));
            if (feature.has("num_classes")) {
                b.put("num_classes", JsonValue.of(names.size()));
            }
            return b.build();
        }
        return feature.toBuilder().put("feature", withNames(feature.object("feature"), names, sequence)).build();
    }

    static void write(OutputStream out, JsonObject info, Limits limits) {
        try (JsonGenerator g = JsonSupport.factory(limits).createGenerator(JsonSupport.pretty(), out)) {
            JsonSupport.writeValue(g, info);
        }
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
