package dev.labelport.formats.avala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Tag;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a dataset from another format: every loss and every made-up value is reported. */
class AvalaWriterLossTest {
    @TempDir
    Path tmp;

    private final FormatProvider avala = FormatRegistry.discover().require("avala");

    private static final Category CAR = new Category(Id.of(1), "car", "vehicle", "#ff0000", List.of(), List.of(), null, null);
    private static final Category DOG = Category.of(Id.of(2), "dog");

    private static Annotation.Builder ann(long id, dev.labelport.model.Geometry g) {
        return Annotation.builder(g).id(Id.of(id)).category(CAR);
    }

    private static Dataset foreign() {
        Item item = Item.image(Id.of(42)).fileName("a.jpg").uri("s3://bucket/a.jpg").size(640, 480).split("train")
                .annotations(List.of(
                        ann(1, new Box(1, 2, 3, 4)).score(0.9).crowd(true).build(),
                        ann(2, Mask.ofCounts(2, 2, new int[] {1, 2, 1})).build(),
                        ann(3, new RotatedBox(10, 10, 4, 2, Math.PI / 2)).build(),
                        ann(4, new Points(PointList.of(1, 1, 2, 2))).build(),
                        ann(5, new Polygon(List.of(
                                new Polygon.Part(PointList.of(0, 0, 10, 0, 10, 10), List.of(PointList.of(1, 1, 2, 1, 2, 2))),
                                new Polygon.Part(PointList.of(20, 20, 30, 20, 30, 30), List.of())))).build(),
                        Annotation.builder(new Caption("a dog")).id(Id.of(6)).build(),
                        Annotation.builder(new Box(0, 0, 1, 1)).id(Id.of(7)).build(),
                        Annotation.builder(Tag.INSTANCE).id(Id.of(8)).category(DOG)
                                .annotator(new Annotator("u1", "Ann")).build()))
                .build();
        return new Dataset(new DatasetHeader("coco export", "coco", "1.0", List.of(CAR, DOG), null), List.of(item));
    }

    @Test
    void everyLossIsReported() {
        Reporter reporter = new Reporter(false);
        Path out = tmp.resolve("out.json");
        Datasets.write(avala, out, foreign(), new WriteContext("out.json", FormatOptions.of(Map.of("project-name", "coco-labels")),
                reporter, null));
        ConversionReport r = reporter.build("coco", "avala");
        String json = r.toJson();
        assertEquals(3, r.lossCount("DROPPED_GEOMETRY"), json); // mask, caption, box without category
        assertEquals(4, r.lossCount("APPROXIMATED_GEOMETRY"), json); // rotated box, points, holes, two parts
        // item size, uri, split; score, crowd; supercategory; annotator name
        assertEquals(7, r.lossCount("DROPPED_FIELD"), json);
        assertEquals(2, r.lossCount("REINDEXED"), json); // category ids 1 and 2
        // project, dataset, result uid, scheme_version, export time
        assertEquals(5, r.lossCount(LossCode.SYNTHESISED.code()), json);
        assertEquals(1, r.itemsWritten());
        assertEquals(5, r.annotationsWritten(), json);
        assertTrue(json.contains("item 42 annotation 2"), json);

        Dataset back = Datasets.read(avala, out);
        assertEquals(List.of("coco-labels:car", "coco-labels:dog"),
                back.header().categories().stream().map(c -> c.id().text()).toList());
        assertEquals("coco export", back.header().name());
        Item item = back.items().get(0);
        assertEquals(Id.of("42"), item.id());
        assertEquals("a.jpg", item.fileName());
        assertEquals(JsonValue.of("42:coco-labels"),
                ((dev.labelport.json.JsonObject) ((dev.labelport.json.JsonArray) item.extension("avala").get("results")).get(0))
                        .get("uid"));
        List<Annotation> a = item.annotations();
        assertEquals(List.of("1", "3", "4", "5", "(none)", "8"),
                a.stream().map(x -> x.id() == null ? "(none)" : x.id().text()).toList());
        assertEquals(new Box(1, 2, 3, 4), a.get(0).geometry());
        Polygon corners = (Polygon) a.get(1).geometry();
        PointList ring = corners.parts().get(0).shell();
        // a 4x2 box turned a quarter: 2 wide, 4 high around (10, 10)
        assertEquals(new Box(9, 8, 2, 4), round(ring.bounds()));
        assertEquals(Keypoints.of(PointList.of(1, 1, 2, 2), new int[] {2, 2}), a.get(2).geometry());
        assertEquals(Polygon.of(PointList.of(0, 0, 10, 0, 10, 10)), a.get(3).geometry());
        assertEquals(Polygon.of(PointList.of(20, 20, 30, 20, 30, 30)), a.get(4).geometry(), "second part, no uid");
        assertEquals(new Annotator("u1", null), a.get(5).annotator());
    }

    private static Box round(Box b) {
        return new Box(Math.round(b.x() * 1e9) / 1e9, Math.round(b.y() * 1e9) / 1e9, Math.round(b.width() * 1e9) / 1e9,
                Math.round(b.height() * 1e9) / 1e9);
    }
}
