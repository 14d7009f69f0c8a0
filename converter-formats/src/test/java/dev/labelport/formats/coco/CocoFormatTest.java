package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The format contract, run on a sample that uses everything COCO holds. */
class CocoFormatTest extends FormatContractTest {

    static final Category PERSON = new Category(Id.of(1), "person", "person", null,
            List.of("nose", "left_eye", "right_eye"), List.of(new Category.Edge(0, 1), new Category.Edge(0, 2)),
            JsonObject.EMPTY, JsonObject.EMPTY);
    static final Category CAR = new Category(Id.of("2"), "car", "vehicle", null, List.of(), List.of(), JsonObject.EMPTY,
            JsonObject.EMPTY);
    static final Category ZERO = Category.of(Id.of(0), "background");

    @Override
    protected String formatId() {
        return "coco";
    }

    static JsonObject coco(JsonObject ext) {
        return JsonObject.builder().put("coco", ext).build();
    }

    static Dataset sampleDataset() {
        Annotation box = Annotation.builder(new Box(1.5, 2, 3, 4.25)).id(Id.of(0)).category(CAR).score(0.875)
                .attributes(JsonObject.builder().put("occluded", JsonValue.of(false)).build())
                .extensions(coco(JsonObject.builder().put("ignore", JsonValue.of(0)).build())).build();
        Annotation polygon = Annotation.builder(Polygon.of(PointList.of(0, 0, 4, 0, 4, 3), PointList.of(5, 5, 6, 5, 6, 6, 5, 6)))
                .id(Id.of(1)).category(ZERO).build();
        Annotation crowd = Annotation.builder(Mask.ofCounts(10, 5, new int[] {0, 20, 30})).id(Id.of(2)).category(CAR)
                .crowd(true).build();
        Annotation compressed = Annotation.builder(Mask.ofCompressed(10, 5, Mask.encode(new int[] {3, 4, 13, 2, 28})))
                .id(Id.of("a-3")).category(ZERO).build();
        JsonObject keypointExt = JsonObject.builder()
                .put("segmentation", new JsonArray(List.of(new JsonArray(List.of(JsonNumber.of(1), JsonNumber.of(1),
                        JsonNumber.of(3), JsonNumber.of(1), JsonNumber.of(3), JsonNumber.of(4))))))
                .put("derived", JsonObject.builder().put("area", JsonNumber.parse("7.5")).build())
                .build();
        Annotation keypoints = Annotation.builder(Keypoints.of(PointList.of(2, 2, 3.5, 1, 0, 0), new int[] {2, 1, 0}))
                .objectBox(new Box(0.5, 0.5, 4, 4)).id(Id.of(4)).category(PERSON).extensions(coco(keypointExt)).build();
        Item first = Item.image(Id.of(0)).fileName("a.jpg").size(5, 10).uri("http://example.com/a.jpg")
                .extensions(coco(JsonObject.builder().put("license", JsonValue.of(1))
                        .put("date_captured", JsonValue.of("2013-11-14 11:18:45")).build()))
                .annotations(List.of(box, polygon, crowd, compressed, keypoints)).build();
        Item captions = Item.image(Id.of("img-2")).fileName("b/c.jpg").size(640, 480)
                .annotations(List.of(Annotation.builder(new Caption("A man riding a horse.")).id(Id.of(10)).build(),
                        Annotation.builder(new Caption("Ünïcödé \"quoted\"")).id(Id.of(11)).build()))
                .build();
        Item empty = Item.image(Id.of(7)).fileName("empty.png").build();
        DatasetHeader header = new DatasetHeader(null, null, null, List.of(PERSON, CAR, ZERO), JsonObject.EMPTY);
        return new Dataset(header, List.of(first, captions, empty));
    }

    @Override
    protected Dataset sample() {
        return sampleDataset();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxPolygonVertices(2).build();
    }

    @Test
    void headerCategoriesComeBackWithTheirIdForms() throws IOException {
        Path out = write(sample(), "header");
        Dataset back = read(out);
        assertEquals(List.of(PERSON, CAR, ZERO), back.header().categories());
        assertEquals("coco", back.header().sourceFormat());
        String text = Files.readString(out);
        assertTrue(text.contains("\"skeleton\":[[1,2],[1,3]]"), "skeleton is 1-based on disk: " + text);
        assertTrue(text.contains("{\"id\":\"2\",\"name\":\"car\""), text);
        assertTrue(text.contains("\"counts\":[0,20,30]"), text);
    }
}
