package dev.labelport.formats.csv;

import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.Cuboid;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Status;
import dev.labelport.model.Tag;
import dev.labelport.model.Timestamp;
import dev.labelport.model.WorkflowStatus;
import dev.labelport.testing.Dataset;
import java.util.List;

/** Hand-made datasets for the csv tests. */
final class CsvSamples {
    static final Category CAR = Category.of(Id.of(3), "car");
    static final Category PERSON = new Category(Id.of(1), "person", "human", "#ff0000", List.of("nose", "eye, left", "eye \"right\""),
            List.of(new Category.Edge(0, 1), new Category.Edge(0, 2)), JsonObject.EMPTY, JsonObject.EMPTY);
    static final Category TEXT_LABEL = Category.of(Id.of("7"), "sign, \"stop\"\nred");
    static final Category NAMED = Category.of(Id.of("tree"), "tree");

    private CsvSamples() {
    }

    static DatasetHeader header() {
        return new DatasetHeader(null, CsvFormat.ID, null, List.of(), JsonObject.EMPTY);
    }

    /** Every geometry kind the csv format holds and every field of an image item and annotation. */
    static Dataset everything() {
        Item a = Item.image(Id.of(1)).fileName("images/a, \"1\".jpg").size(640, 480).split("train")
                .uri("s3://bucket/a.jpg").dataset("street").metadata(JsonObject.builder().put("weather", "rain").build())
                .status(WorkflowStatus.of("accepted")).created(Timestamp.parse("2025-09-15T10:30:00Z"))
                .updated(Timestamp.parse("yesterday")).annotator(new Annotator("u1", "Ann"))
                .annotations(List.of(
                        Annotation.builder(new Box(120, 85.5, 200, 150)).id(Id.of(10)).category(CAR)
                                .attributes(JsonObject.builder().put("occluded", JsonValue.of(false))
                                        .put("note", "a, \"quoted\"\nline").build())
                                .score(0.875).status(WorkflowStatus.of("LABELED")).annotator(Annotator.ofId("u7"))
                                .created(Timestamp.parse("2025-09-15T10:31:00Z")).updated(Timestamp.parse("2025-09-16"))
                                .build(),
                        Annotation.builder(new RotatedBox(50.25, 60, 20, 10, 0.5235987755982988)).id(Id.of("11"))
                                .category(CAR).crowd(true).groupId("g1").trackId("t9").build(),
                        Annotation.builder(new Polygon(List.of(
                                new Polygon.Part(PointList.of(0, 0, 100, 0, 100, 100, 0, 100), List.of(PointList.of(10, 10, 20, 10, 20, 20))),
                                new Polygon.Part(PointList.of(200, 200, 210.5, 200, 205, 215.125), List.of()))))
                                .id(Id.of(12)).category(TEXT_LABEL).removed(true).build(),
                        Annotation.builder(new Polyline(PointList.of(1, 2, 3, 4, 5.5, 6))).id(Id.of(13)).category(NAMED)
                                .status(new WorkflowStatus("odd", Status.REJECTED)).annotator(new Annotator(null, "Bob")).build(),
                        Annotation.builder(new Points(PointList.of(7, 8))).id(Id.of(14)).category(NAMED).build(),
                        Annotation.builder(Keypoints.of(PointList.of(10, 20, 0, 0, 30, 40), new int[] {2, 0, 1}))
                                .id(Id.of(15)).category(PERSON).build(),
                        Annotation.builder(Mask.ofCounts(4, 3, new int[] {1, 2, 3, 6})).id(Id.of(16)).category(CAR).build(),
                        Annotation.builder(Mask.ofCompressed(4, 3, "12354")).id(Id.of(17)).category(PERSON).build(),
                        Annotation.builder(new Cuboid(1, 2, 3, 4, 5, 6, 0.1, 0.2, 0.3)).id(Id.of(18)).category(CAR).build(),
                        Annotation.builder(Tag.INSTANCE).category(NAMED).build(),
                        Annotation.builder(new Caption("A caption, with \"quotes\"\r\nand a CRLF")).id(Id.of("c1")).build()))
                .build();
        Item empty = Item.image(Id.of("b")).fileName("b.png").size(10, 20).split("val").build();
        Item c = Item.image(Id.of("0042")).fileName("c.jpg").annotations(List.of(
                Annotation.builder(new Box(0, 0, 1, 1)).id(Id.of("007")).category(Category.of(Id.of("12"), "twelve"))
                        .score(JsonNumber.parse("1e-7").doubleValue()).build())).build();
        Item normalised = Item.image(Id.of(5)).fileName("n.jpg").size(100, 50).normalized(true).annotations(List.of(
                Annotation.builder(new Box(0.1, 0.2, 0.3, 0.4)).category(CAR).build())).build();
        return new Dataset(header(), List.of(a, empty, c, normalised));
    }
}
