package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a write into each task cannot hold is reported with its code. */
class AzureWriterLossTest {
    private static final Category CAR = Category.of(Id.of(3), "car");

    @TempDir
    Path tmp;

    private final FormatProvider azure = FormatRegistry.discover().require(AzureAutomlFormat.ID);

    private Reporter write(String name, List<Item> items, String... options) {
        Reporter r = new Reporter(false);
        Map<String, String> o = new java.util.HashMap<>();
        for (String kv : options) {
            o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Datasets.write(azure, tmp.resolve(name), new Dataset(DatasetHeader.of(List.of()), items),
                new WriteContext(name, FormatOptions.of(o), r, null));
        return r;
    }

    private static Annotation a(dev.labelport.model.Geometry g) {
        return Annotation.builder(g).category(CAR).build();
    }

    @Test
    void detectionReportsEveryShapeAndFieldItCannotHold() throws IOException {
        Item image = Item.image(Id.of(7)).fileName("a.jpg").size(200, 100).split("train").annotations(List.of(
                a(new Box(20, 10, 100, 50)).toBuilder().score(0.9).attributes(JsonObject.builder().put("occluded", JsonValue.of(true)).build()).build(),
                a(Polygon.of(PointList.of(0, 0, 50, 0, 50, 50))),
                a(Mask.ofCounts(2, 2, new int[] {0, 4})),
                a(Tag.INSTANCE),
                a(new Box(5, 5, 0, 10)))).build();
        Item text = Item.text(Id.of(8), TextContent.of("not an image")).build();
        Reporter r = write("od.jsonl", List.of(image, text), "task=object-detection"); // a polygon alone would choose segmentation
        assertEquals(1, r.lossCount("APPROXIMATED_GEOMETRY"));
        assertEquals(2, r.lossCount("DROPPED_GEOMETRY")); // the mask, the tag
        assertEquals(1, r.lossCount("DEGENERATE"));
        assertEquals(1, r.lossCount("DROPPED_ATTRIBUTE"));
        assertEquals(3, r.lossCount("DROPPED_FIELD")); // split, score, category id 3
        assertEquals(1, r.lossCount("REINDEXED"));
        assertEquals(1, r.lossCount("DROPPED_ITEM"));
        String line = Files.readString(tmp.resolve("od.jsonl"));
        assertTrue(line.contains("\"topX\":0.1,\"topY\":0.1,\"bottomX\":0.6,\"bottomY\":0.6"), line);
        assertTrue(line.contains("\"bottomX\":0.25,\"bottomY\":0.5"), "the polygon's bounds: " + line);
    }

    @Test
    void segmentationWritesAMaskAsThePolygonOfItsOutline() throws IOException {
        // a 2x2 block at x 1..2, y 1..2 of a 4x4 image
        Item image = Item.image(Id.of(7)).fileName("a.jpg").size(4, 4).annotations(List.of(
                a(Mask.ofCounts(4, 4, new int[] {5, 2, 2, 2, 5})))).build();
        Reporter r = write("seg.jsonl", List.of(image), "task=instance-segmentation");
        assertEquals(1, r.lossCount("APPROXIMATED_GEOMETRY"));
        assertEquals(0, r.lossCount("DROPPED_GEOMETRY"));
        String line = Files.readString(tmp.resolve("seg.jsonl"));
        assertTrue(line.contains("[[0.25,0.25,0.75,0.25,0.75,0.75,0.25,0.75]]"), line);
    }

    @Test
    void anImageWithOnlyACaptionIsWrittenUnlabelled() throws IOException {
        Item image = Item.image(Id.of(1)).uri("https://example.com/a").annotations(List.of(
                Annotation.builder(new dev.labelport.model.Caption("a car")).build())).build();
        Reporter r = write("c.jsonl", List.of(image));
        assertEquals(1, r.lossCount("DROPPED_GEOMETRY"));
        assertEquals("{\"image_url\":\"https://example.com/a\",\"label\":[]}\n", Files.readString(tmp.resolve("c.jsonl")));
    }

    @Test
    void segmentationTurnsBoxesIntoPolygonsAndDropsHoles() throws IOException {
        Polygon holed = new Polygon(List.of(new Polygon.Part(PointList.of(0, 0, 10, 0, 10, 10),
                List.of(PointList.of(1, 1, 2, 1, 2, 2))), new Polygon.Part(PointList.of(5, 5, 6, 6), List.of())));
        Item image = Item.image(Id.of(1)).fileName("a.jpg").size(10, 10).annotations(List.of(
                a(holed), a(new Box(0, 0, 5, 5)))).build();
        Reporter r = write("is.jsonl", List.of(image));
        assertEquals(2, r.lossCount("APPROXIMATED_GEOMETRY")); // holes, box
        assertEquals(1, r.lossCount("DEGENERATE")); // the 2-point part
        String line = Files.readString(tmp.resolve("is.jsonl"));
        assertTrue(line.contains("\"polygon\":[[0,0,1,0,1,1]]"), line);
        assertTrue(line.contains("\"polygon\":[[0,0,0.5,0,0.5,0.5,0,0.5]]"), line);
    }

    @Test
    void multiClassKeepsTheFirstClass() throws IOException {
        Item image = Item.image(Id.of(1)).fileName("a.jpg").annotations(List.of(a(Tag.INSTANCE),
                Annotation.builder(Tag.INSTANCE).category(Category.of(Id.of("dog"), "dog")).build())).build();
        Reporter r = write("ic.jsonl", List.of(image), "task=image-classification");
        assertEquals(1, r.lossCount("DROPPED_GEOMETRY"));
        assertEquals("{\"image_url\":\"a.jpg\",\"image_details\":{\"format\":\"jpg\"},\"label\":\"car\"}\n",
                Files.readString(tmp.resolve("ic.jsonl")));
    }

    @Test
    void textClassificationDropsSpansAndUnknownMetadata() throws IOException {
        Item text = Item.text(Id.of(1), TextContent.of("Paris is nice")).metadata(JsonObject.builder().put("lang", "en").build())
                .annotations(List.of(Annotation.builder(Tag.INSTANCE).category(Category.of(Id.of("travel"), "travel")).build(),
                        Annotation.builder(new TextSpan(0, 5, "Paris")).category(Category.of(Id.of("LOC"), "LOC")).build()))
                .build();
        Reporter r = write("t.csv", List.of(text), "task=text-classification", "label-column=topic");
        assertEquals(1, r.lossCount("DROPPED_GEOMETRY"));
        assertEquals(1, r.lossCount("DROPPED_FIELD")); // metadata.lang has no column
        assertEquals("text,topic\nParis is nice,travel\n", Files.readString(tmp.resolve("t.csv")));
    }

    @Test
    void nerDropsExtraTokenColumnsAndWritesAzuresDocstart() throws IOException {
        TextContent text = new TextContent("EU rejects", List.of(new Token("EU", 0, 2, List.of("NNP")),
                new Token("rejects", 3, 10, List.of("VBZ"))), List.of(0), true);
        Item item = Item.text(Id.of(1), text).annotations(List.of(Annotation.builder(new TextSpan(0, 2, "EU"))
                        .category(Category.of(Id.of("ORG"), "ORG")).build()))
                .extensions(AzureSamples.azure(JsonObject.builder().put("docstart", "-DOCSTART- -X- -X- O").build())).build();
        Reporter r = write("n.txt", List.of(item));
        assertEquals(1, r.lossCount("DROPPED_FIELD"));
        assertEquals("-DOCSTART- O\n\nEU B-ORG\nrejects O\n\n", Files.readString(tmp.resolve("n.txt")));
    }
}
