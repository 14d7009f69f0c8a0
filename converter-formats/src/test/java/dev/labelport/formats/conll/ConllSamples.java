package dev.labelport.formats.conll;

import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds sentences the way the reader produces them, with spans given by token index. */
final class ConllSamples {
    private final Map<String, Category> categories = new HashMap<>();

    Category category(String type) {
        return categories.computeIfAbsent(type, t -> Category.of(Id.of(t), t));
    }

    /** A sentence builder: tokens with extra columns, then spans over token ranges. */
    final class Sentence {
        private final long id;
        private final List<String> tokens = new ArrayList<>();
        private final List<List<String>> columns = new ArrayList<>();
        private final List<int[]> spans = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final JsonObject.Builder ext = JsonObject.builder();

        Sentence(long id) {
            this.id = id;
        }

        Sentence token(String text, String... extra) {
            tokens.add(text);
            columns.add(List.of(extra));
            return this;
        }

        /** A span over tokens {@code [first, end)}. */
        Sentence span(String type, int first, int end) {
            spans.add(new int[] {first, end});
            types.add(type);
            return this;
        }

        Sentence docstart(String line) {
            ext.put("docstart", line);
            return this;
        }

        Sentence document(int n) {
            ext.put("document", JsonValue.of(n));
            return this;
        }

        Item build() {
            TextContent text = TextContent.fromTokens(tokens, columns);
            List<Token> t = text.tokens();
            List<Annotation> anns = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                int start = t.get(spans.get(i)[0]).start();
                int end = t.get(spans.get(i)[1] - 1).end();
                anns.add(Annotation.builder(new TextSpan(start, end, text.slice(start, end)))
                        .category(category(types.get(i))).build());
            }
            JsonObject e = ext.build();
            return Item.text(Id.of(id), text).annotations(anns)
                    .extensions(e.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put("conll", e).build()).build();
        }
    }

    Sentence sentence(long id) {
        return new Sentence(id);
    }
}
