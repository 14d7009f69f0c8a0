package dev.labelport.formats.comprehend;

import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import java.util.ArrayList;
import java.util.List;

/** Builds Comprehend-shaped items the way the readers produce them. */
final class ComprehendSamples {
    private ComprehendSamples() {
    }

    /** A header as the readers write it. */
    static DatasetHeader header(String... pairs) {
        JsonObject.Builder ext = JsonObject.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            ext.put(pairs[i], pairs[i + 1]);
        }
        return new DatasetHeader(null, ComprehendFormat.ID, null, List.of(), JsonObject.builder().put(ComprehendFormat.ID, ext.build()).build());
    }

    /** A text item with spans given as (type, start, end) code-point triples. */
    static Item doc(long id, String file, String text, Object... spans) {
        int[] cps = text.codePoints().toArray();
        List<Annotation> anns = new ArrayList<>();
        for (int i = 0; i < spans.length; i += 3) {
            String type = (String) spans[i];
            int s = (Integer) spans[i + 1];
            int e = (Integer) spans[i + 2];
            anns.add(Annotation.builder(new TextSpan(s, e, new String(cps, s, e - s)))
                    .category(Category.of(Id.of(type), type)).build());
        }
        return Item.text(Id.of(id), TextContent.of(text)).fileName(file).annotations(anns).build();
    }

    /** A classified text item. */
    static Item classified(long id, String text, String... labels) {
        List<Annotation> anns = new ArrayList<>();
        for (String l : labels) {
            anns.add(Annotation.builder(Tag.INSTANCE).category(Category.of(Id.of(l), l)).build());
        }
        return Item.text(Id.of(id), TextContent.of(text)).annotations(anns).build();
    }
}
