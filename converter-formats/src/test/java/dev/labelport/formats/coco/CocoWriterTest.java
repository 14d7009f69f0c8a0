package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.RotatedBox;
import dev.labelport.report.Reporter;
import dev.labelport.spi.Detection;
import dev.labelport.spi.FormatOptions;
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

/** What the writer does with model content COCO cannot hold, its options and its flavours. */
class CocoWriterTest {
    private static final CocoFormat COCO = new CocoFormat();

    @TempDir
    Path tmp;

    private Reporter write(Path out, Dataset d, Map<String, String> options) {
        Reporter reporter = new Reporter(false);
        Datasets.write(COCO, out, d, new WriteContext(out.getFileName().toString(), FormatOptions.of(options), reporter, tmp));
        return reporter;
    }

    @Test
    void geometryCocoCannotHoldIsApproximatedOrDroppedAndReported() {
        Category car = Category.of(Id.of("p1:car"), "car");
        Item item = Item.image(Id.of("x.jpg")).fileName("x.jpg").split("train").annotations(List.of(
                Annotation.builder(new RotatedBox(10, 10, 4, 2, Math.PI / 2)).id(Id.of(1)).category(car).build(),
                Annotation.builder(new Polyline(PointList.of(0, 0, 1, 1))).id(Id.of(2)).category(car).build(),
                Annotation.builder(new Points(PointList.of(3, 3))).id(Id.of(3)).category(car).build(),
                Annotation.builder(new Polygon(List.of(new Polygon.Part(PointList.of(0, 0, 10, 0, 10, 10, 0, 10),
                        List.of(PointList.of(2, 2, 4, 2, 4, 4)))))).id(Id.of(4)).category(car)
                        .annotator(new Annotator("u1", "Ann")).trackId("t7").build())).build();
        Path out = tmp.resolve("lossy.json");
        Reporter r = write(out, new Dataset(DatasetHeader.of(List.of(car)), List.of(item)), Map.of());
        assertEquals(2, r.lossCount("APPROXIMATED_GEOMETRY"));
        assertEquals(2, r.lossCount("DROPPED_GEOMETRY"));
        assertEquals(2, r.lossCount("DROPPED_FIELD")); // the item's split, annotation 4's annotator and trackId
        assertEquals(1, r.lossCount("REINDEXED"));
        String report = r.build("x", "coco").toJson();
        assertTrue(report.contains("track id, annotator"), report);

        Dataset back = Datasets.read(COCO, out);
        Item read = back.items().get(0);
        assertEquals(2, read.annotations().size());
        Polygon corners = (Polygon) read.annotations().get(0).geometry();
        PointList ring = corners.parts().get(0).shell();
        assertEquals(4, ring.size());
        assertEquals(new Box(9, 8, 2, 4), roundBox(corners.bounds()));
        assertFalse(((Polygon) read.annotations().get(1).geometry()).hasHoles());
        assertEquals(Id.of(1), read.annotations().get(0).category().id());
        assertEquals("car", back.header().categories().get(0).name());
    }

    private static Box roundBox(Box b) {
        return new Box(Math.round(b.x() * 1e9) / 1e9, Math.round(b.y() * 1e9) / 1e9, Math.round(b.width() * 1e9) / 1e9,
                Math.round(b.height() * 1e9) / 1e9);
    }

    @Test
    void nonIntegerCategoryIdsAreNumberedInOrderAndCollisionsAvoided() throws IOException {
        Category a = Category.of(Id.of("p1:a"), "a");
        Category b = Category.of(Id.of("p1:b"), "b");
        Category late = Category.of(Id.of("p2:late"), "late");
        Item item = Item.image(Id.of(1)).annotations(List.of(Annotation.builder(new Box(0, 0, 1, 1)).id(Id.of(1))
                .category(late).build())).build();
        Path out = tmp.resolve("ids.json");
        Reporter r = write(out, new Dataset(DatasetHeader.of(List.of(a, b)), List.of(item)), Map.of());
        assertEquals(3, r.lossCount("REINDEXED"));
        Dataset back = Datasets.read(COCO, out);
        assertEquals(List.of(Id.of(1), Id.of(2), Id.of(3)), back.header().categories().stream().map(Category::id).toList());
        assertEquals("late", back.items().get(0).annotations().get(0).category().name());
        assertTrue(Files.readString(out).endsWith("\"categories\":[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"},"
                + "{\"id\":3,\"name\":\"late\"}]}"), Files.readString(out));
    }

    @Test
    void aDatasetCanBeWrittenAsResultsAndBack() throws IOException {
        Dataset sample = CocoFormatTest.sampleDataset();
        Path out = tmp.resolve("results.json");
        Reporter r = write(out, sample, Map.of("flavour", "results"));
        assertTrue(Files.readString(out).startsWith("[{\"id\":0,\"image_id\":0,\"category_id\":\"2\",\"bbox\":[1.5,2,3,4.25],"
                + "\"score\":0.875"), Files.readString(out));
        assertEquals(1, r.lossCount("DROPPED_ITEM"), "the image without annotations");
        assertTrue(r.lossCount("DROPPED_FIELD") >= 2, "file names, sizes and category names");
        Dataset back = Datasets.read(COCO, out);
        assertEquals(2, back.items().size());
        assertEquals(sample.items().get(0).annotations().size(), back.items().get(0).annotations().size());
        assertEquals(Id.of("img-2"), back.items().get(1).id());
        assertNull(back.items().get(1).annotations().get(0).category());
        assertEquals(7, back.annotationCount());
    }

    @Test
    void resultsReadBackAsADatasetGetSynthesisedAnnotationIds() throws IOException {
        Path in = Files.writeString(tmp.resolve("r.json"),
                "[{\"image_id\":3,\"category_id\":1,\"bbox\":[1,2,3,4],\"score\":0.5},{\"image_id\":\"b\",\"caption\":\"hi\"}]");
        Dataset d = Datasets.read(COCO, in);
        Path out = tmp.resolve("d.json");
        Reporter r = write(out, d, Map.of("flavour", "dataset"));
        assertEquals(1, r.lossCount("SYNTHESISED"));
        String text = Files.readString(out);
        assertEquals("{\"images\":[{\"id\":3},{\"id\":\"b\"}],\"annotations\":[{\"id\":1,\"image_id\":3,\"category_id\":1,"
                + "\"area\":12,\"bbox\":[1,2,3,4],\"iscrowd\":0,\"score\":0.5},{\"id\":2,\"image_id\":\"b\",\"caption\":\"hi\"}],"
                + "\"categories\":[{\"id\":1,\"name\":\"1\"}]}", text);
        // and by default a results file is written back as results
        Path again = tmp.resolve("again.json");
        Reporter none = write(again, d, Map.of());
        assertEquals(Files.readString(in), Files.readString(again));
        assertTrue(none.build("coco", "coco").lossless());
    }

    @Test
    void prettyOutputReadsBackTheSame() throws IOException {
        Dataset sample = CocoFormatTest.sampleDataset();
        Path out = tmp.resolve("pretty.json");
        write(out, sample, Map.of("pretty", "true"));
        assertTrue(Files.readAllLines(out).size() > 50);
        assertEquals(sample.items(), Datasets.read(COCO, out).items());
        assertTrue(COCO.detect(Detection.probe(out)) >= 90);
    }

    @Test
    void optionsAreChecked() {
        Path out = tmp.resolve("o.json");
        LabelportException unknown = assertThrows(LabelportException.class,
                () -> COCO.createWriter(out, WriteContext.of("o.json").withOptions(FormatOptions.of(Map.of("prety", "true")))));
        assertEquals(ErrorCode.INVALID_OPTION, unknown.code());
        LabelportException bad = assertThrows(LabelportException.class,
                () -> COCO.createWriter(out, WriteContext.of("o.json").withOptions(FormatOptions.of(Map.of("flavour", "x")))));
        assertTrue(bad.getMessage().contains("dataset, results or auto"), bad.getMessage());
        assertThrows(LabelportException.class, () -> COCO.open(out,
                dev.labelport.spi.ReadContext.of("o.json").withOptions(FormatOptions.of(Map.of("pretty", "true")))));
    }

    @Test
    void tagsAreWrittenAsCategoryOnlyAnnotations() throws IOException {
        Category cat = Category.of(Id.of(3), "cat");
        Item item = Item.image(Id.of(1)).annotations(List.of(
                Annotation.builder(dev.labelport.model.Tag.INSTANCE).id(Id.of(9)).category(cat).build())).build();
        Path out = tmp.resolve("tags.json");
        Reporter r = write(out, new Dataset(DatasetHeader.of(List.of(cat)), List.of(item)), Map.of());
        assertTrue(r.build("x", "coco").lossless());
        assertTrue(Files.readString(out).contains("{\"id\":9,\"image_id\":1,\"category_id\":3}"));
        assertInstanceOf(dev.labelport.model.Tag.class, Datasets.read(COCO, out).items().get(0).annotations().get(0).geometry());
    }

    @Test
    void foreignExtensionsAreLeftToThePipelineToReport() {
        JsonObject ext = JsonObject.builder()
                .put("yolo", JsonObject.builder().put("derived", JsonObject.builder().put("x", JsonValue.of(1)).build()).build())
                .put("avala", JsonObject.builder().put("uid", "u-1").build()).build();
        Item item = Item.image(Id.of(1)).annotations(List.of(Annotation.builder(new Box(0, 0, 1, 1)).id(Id.of(1))
                .extensions(ext).build())).build();
        Reporter r = write(tmp.resolve("ext.json"), new Dataset(DatasetHeader.of(List.of()), List.of(item)), Map.of());
        // The pipeline reports other formats' fields once per field (ConversionTest); the writer
        // must not count them a second time.
        assertEquals(0, r.lossCount("DROPPED_FIELD"), r.build("x", "coco").toJson());
    }

    @Test
    void detection() throws IOException {
        assertEquals(90, COCO.detect(probe("{\"info\":{},\"images\":[{\"id\":1}")));
        assertEquals(70, COCO.detect(probe("[{\"image_id\": 1, \"bbox\": [1,2,3,4]}]")));
        assertEquals(0, COCO.detect(probe("[{\"id\": 1}]")));
        assertEquals(0, COCO.detect(probe("{\"foo\": 1}")));
        assertEquals(0, COCO.detect(probe("not json at all")));
        assertEquals(0, COCO.detect(probe("")));
        assertEquals(50, COCO.detect(probe("{\"annotations\": [")));
    }

    private Detection probe(String text) throws IOException {
        return Detection.probe(Files.writeString(tmp.resolve("probe.json"), text));
    }
}
