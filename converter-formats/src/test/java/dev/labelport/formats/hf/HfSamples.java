package dev.labelport.formats.hf;

import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import java.util.ArrayList;
import java.util.List;

/** Builds items the way the hf-csv reader produces them. */
final class HfSamples {
    private HfSamples() {
    }

    /** A header as the reader writes it, from key/value pairs (values: String, Boolean or List of String). */
    static DatasetHeader header(List<Category> categories, Object... pairs) {
        JsonObject.Builder b = JsonObject.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            JsonValue value;
            if (v instanceof Boolean f) {
                value = JsonValue.of(f);
            } else if (v instanceof List<?> l) {
                List<JsonValue> a = new ArrayList<>();
                l.forEach(x -> a.add(new JsonString(String.valueOf(x))));
                value = new JsonArray(a);
            } else {
                value = JsonValue.of(String.valueOf(v));
            }
            b.put((String) pairs[i], value);
        }
        return new DatasetHeader(null, HfCsvFormat.ID, null, categories, JsonObject.builder().put(HfCsvFormat.ID, b.build()).build());
    }

    /** A text-classification item with whole-text labels. */
    static Item text(long id, String split, String text, JsonObject metadata, Category... labels) {
        List<Annotation> anns = new ArrayList<>();
        for (Category c : labels) {
            anns.add(Annotation.builder(Tag.INSTANCE).category(c).build());
        }
        return Item.text(Id.of(id), TextContent.of(text)).split(split).metadata(metadata).annotations(anns).build();
    }

    /** A token-classification item: tokens, spans given as (type, first token, end token) triples. */
    static Item tokens(long id, String split, List<String> tokens, Object... spans) {
        TextContent text = TextContent.fromTokens(tokens, null);
        List<Token> t = text.tokens();
        List<Annotation> anns = new ArrayList<>();
        for (int i = 0; i < spans.length; i += 3) {
            String type = (String) spans[i];
            int start = t.get((Integer) spans[i + 1]).start();
            int end = t.get((Integer) spans[i + 2] - 1).end();
            anns.add(Annotation.builder(new TextSpan(start, end, text.slice(start, end)))
                    .category(Category.of(Id.of(type), type)).build());
        }
        return Item.text(Id.of(id), text).split(split).annotations(anns).build();
    }

    static JsonObject meta(String... pairs) {
        JsonObject.Builder b = JsonObject.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.put(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }
}
