package dev.labelport.formats.azure;

import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.testing.Dataset;
import java.util.ArrayList;
import java.util.List;

/** Datasets exactly as the Azure reader gives them back, one per task, for the contract tests. */
final class AzureSamples {
    static final String ID = AzureAutomlFormat.ID;
    static final String URL = "azureml://subscriptions/s/resourcegroups/g/workspaces/w/datastores/d/paths/";

    private AzureSamples() {
    }

    static JsonObject azure(JsonObject ext) {
        return JsonObject.builder().put(ID, ext).build();
    }

    static JsonObject derived(Object... keyValues) {
        JsonObject.Builder b = JsonObject.builder();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            b.put((String) keyValues[i], v instanceof JsonValue j ? j : new JsonString((String) v));
        }
        return JsonObject.builder().put("derived", b.build()).build();
    }

    static DatasetHeader header(String task) {
        return new DatasetHeader(null, ID, null, List.of(), azure(derived("task", task)));
    }

    static Category cat(String name) {
        return Category.of(Id.of(name), name);
    }

    static Annotation ann(Geometry g, String label) {
        return Annotation.builder(g).category(cat(label)).build();
    }

    static Annotation tag(String label) {
        return ann(Tag.INSTANCE, label);
    }

    static Item.Builder image(long id, String url) {
        ImageUrl ref = ImageUrl.parse(url);
        return Item.image(Id.of(id)).uri(ref.uri()).fileName(ref.fileName()).normalized(true);
    }

    /** Boxes with exact binary fractions, a crowd, an unsized relative image, odd size spellings, unknown keys. */
    static Dataset detection() {
        Item first = image(1, URL + "img/1.jpg").size(499, 666).extensions(azure(derived("format", "jpg")))
                .annotations(List.of(ann(new Box(0.25, 0.5, 0.5, 0.25), "can"),
                        ann(new Box(0.125, 0.125, 0.25, 0.375), "carton").toBuilder().crowd(true).build()))
                .build();
        Item unlabelled = image(2, "images/2.png").extensions(azure(derived("format", "png", "label", "[]"))).build();
        JsonObject odd = JsonObject.builder().put("extra", JsonObject.builder().put("note", "x").build())
                .put("derived", JsonObject.builder().put("isCrowd", JsonNull.INSTANCE).build()).build();
        JsonObject itemExt = JsonObject.builder().put("extra", JsonObject.builder().put("split", "train").build())
                .put("derived", JsonObject.builder().put("width", JsonNumber.of(640)).put("height", "480 PX").build())
                .build();
        Item third = image(3, "https://example.com/x/3.jpeg?sig=1").size(640, 480).extensions(azure(itemExt))
                .annotations(List.of(ann(new Box(0, 0, 1, 1), "Ünïcode 猫").toBuilder().extensions(azure(odd)).build()))
                .build();
        return new Dataset(header("object-detection"), List.of(first, unlabelled, third));
    }

    /** Multi-part polygons, isCrowd spelled as a string, a polygon closed on its first point. */
    static Dataset segmentation() {
        Polygon two = Polygon.of(PointList.of(0.1, 0.2, 0.3, 0.2, 0.3, 0.4), PointList.of(0.5, 0.5, 0.6, 0.5, 0.6, 0.7, 0.5, 0.7));
        Polygon closed = Polygon.of(PointList.of(0.577, 0.689, 0.567, 0.689, 0.2705, 0.496, 0.577, 0.689));
        Item first = image(1, URL + "a.jpg").size(499, 666).extensions(azure(derived("format", "jpg")))
                .annotations(List.of(ann(two, "can").toBuilder().extensions(azure(derived("isCrowd", "false"))).build(),
                        ann(closed, "milk_bottle").toBuilder().crowd(true).build()))
                .build();
        Item second = image(2, URL + "b.bmp").size(20, 10).extensions(azure(derived("format", "bmp")))
                .annotations(List.of(ann(Polygon.of(PointList.of(0, 0, 1, 0, 1, 1)), "can"))).build();
        return new Dataset(header("instance-segmentation"), List.of(first, second));
    }

    /** One class per image, an image without a label, a format that is not the file's extension. */
    static Dataset classification() {
        Item first = image(1, URL + "1.jpg").size(400, 258).extensions(azure(derived("format", "jpg")))
                .annotations(List.of(tag("can"))).build();
        Item none = image(2, URL + "2.jpg").extensions(azure(derived("format", "jpg", "label", "absent"))).build();
        Item third = image(3, "3.tif").size(1024, 768).extensions(azure(JsonObject.builder().put("format", "tiff").build()))
                .annotations(List.of(tag("water bottle, \"large\""))).build();
        return new Dataset(header("image-classification"), List.of(first, none, third));
    }

    /** Multi-label text CSV: a quoted text with a line break, an extra text column, labels spelled otherwise. */
    static Dataset texts() {
        JsonObject ext = JsonObject.builder()
                .put("columns", new JsonArray(List.of(new JsonString("text"), new JsonString("source"), new JsonString("labels"))))
                .put("labelColumn", "labels").put("derived", JsonObject.builder().put("task", "text-multilabel").build()).build();
        DatasetHeader header = new DatasetHeader(null, ID, null, List.of(), azure(ext));
        List<Item> items = List.of(
                text(1, "Hello, \"world\"\nsecond line", "web").annotations(List.of(tag("cs.CV"), tag("cs.LG"))).build(),
                text(2, "", "").build(),
                text(3, "日本語 😀", "x").annotations(List.of(tag("it's"), tag("back\\slash"))).build(),
                text(4, " padded ", "y").annotations(List.of(tag("a"), tag("b")))
                        .extensions(azure(derived("labels", "['a','b']"))).build(),
                text(5, "plain", "z").annotations(List.of(tag("x"), tag("y"))).extensions(azure(derived("labels", "x,y"))).build());
        return new Dataset(header, items);
    }

    private static Item.Builder text(long id, String text, String source) {
        return Item.text(Id.of(id), TextContent.of(text)).metadata(JsonObject.builder().put("source", source).build());
    }

    /** Azure NER: two documents, adjacent entities of one type, an emoji token. */
    static Dataset ner() {
        JsonObject derived = JsonObject.builder().put("task", "ner").put("scheme", "iob2").put("separator", "space")
                .put("trailingBlankLine", JsonValue.of(true)).build();
        DatasetHeader header = new DatasetHeader(null, ID, null, List.of(),
                azure(JsonObject.builder().put("derived", derived).build()));
        List<Item> items = List.of(
                sentence(1, 1, true, List.of("EU", "rejects", "German", "call"), "ORG", 0, 1, "MISC", 2, 3),
                sentence(2, 1, false, List.of("Peter", "Blackburn"), "PER", 0, 2),
                sentence(3, 2, true, List.of("Tokyo", "Osaka", "😀", "."), "LOC", 0, 1, "LOC", 1, 2, "MISC", 2, 3));
        return new Dataset(header, items);
    }

    /** A sentence as CoNLL reads it; {@code spans} are (type, first token, end token) triples. */
    static Item sentence(long id, int document, boolean docstart, List<String> tokens, Object... spans) {
        TextContent text = TextContent.fromTokens(tokens, null);
        List<Token> toks = text.tokens();
        List<Annotation> anns = new ArrayList<>();
        for (int i = 0; i < spans.length; i += 3) {
            int start = toks.get((Integer) spans[i + 1]).start();
            int end = toks.get((Integer) spans[i + 2] - 1).end();
            anns.add(ann(new TextSpan(start, end, text.slice(start, end)), (String) spans[i]));
        }
        JsonObject.Builder ext = JsonObject.builder();
        if (docstart) {
            ext.put("docstart", NerFiles.DOCSTART);
        }
        ext.put("document", JsonValue.of(document));
        return Item.text(Id.of(id), text).annotations(anns).extensions(azure(ext.build())).build();
    }
}
