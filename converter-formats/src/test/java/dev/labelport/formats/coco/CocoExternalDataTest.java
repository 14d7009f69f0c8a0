package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.error.InvalidInputException;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.Polygon;
import dev.labelport.model.Tag;
import dev.labelport.report.Reporter;
import dev.labelport.spi.Detection;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the third-party COCO samples in place, checks what they hold and round-trips each. */
@ExternalSamples
class CocoExternalDataTest {
    private static final CocoFormat COCO = new CocoFormat();
    private static final String DATUMARO = "coco/datumaro-coco_dataset/";

    @TempDir
    Path tmp;

    static Dataset read(String relative) {
        Path f = ExternalData.resolve(relative);
        return Datasets.read(COCO, f);
    }

    static Item only(Dataset d) {
        assertEquals(1, d.items().size(), d.items().toString());
        return d.items().get(0);
    }

    /** Every COCO JSON of the set, except the panoptic ones (checked separately). */
    static Stream<String> cocoFiles() throws IOException {
        Path root = ExternalData.root();
        List<String> roots = List.of("coco", "voc/tflite-model-maker-voc_and_coco", "vertex-ai/tflite-model-maker-salads_csv");
        return roots.stream().map(root::resolve).filter(Files::isDirectory).flatMap(dir -> {
            try {
                return Files.walk(dir).filter(f -> f.toString().endsWith(".json")).map(f -> root.relativize(f).toString())
                        .filter(f -> !isPanoptic(f)).sorted().toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static boolean isPanoptic(String relative) {
        return relative.contains("panoptic_train.json") || relative.contains("panoptic_val.json")
                || relative.endsWith("panoptic_examples.json");
    }

    @ParameterizedTest
    @MethodSource("cocoFiles")
    void readsAndRoundTripsSemantically(String relative) throws IOException {
        Path in = ExternalData.resolve(relative);
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext(in.getFileName().toString(), FormatOptions.EMPTY,
                dev.labelport.Limits.DEFAULTS, dev.labelport.ErrorPolicy.FAIL, reporter, null);
        Dataset first = Datasets.read(COCO, in, ctx);
        assertTrue(COCO.detect(Detection.probe(in)) >= 70, relative);

        Path out = tmp.resolve("round-trip.json");
        Datasets.write(COCO, out, first);
        Dataset second = Datasets.read(COCO, out);
        assertEquals(first.header().categories(), second.header().categories(), relative);
        assertEquals(first.header().extensions(), second.header().extensions(), relative);
        assertEquals(first.items(), second.items(), relative);
    }

    @Test
    void datumaroInstancesKeepPolygonAttributesAndUncompressedCrowdRle() {
        Dataset d = read(DATUMARO + "coco/annotations/instances_val.json");
        assertEquals(List.of(Id.of(1), Id.of(2), Id.of(4)), d.header().categories().stream().map(Category::id).toList());
        Item item = only(d);
        assertEquals(Id.of(40), item.id());
        assertEquals("b.jpg", item.fileName());
        assertEquals(5, item.width());
        assertEquals(10, item.height());
        assertEquals(JsonNumber.of(0), item.extension("coco").get("date_captured"));
        assertEquals(2, item.annotations().size());

        Annotation polygon = item.annotations().get(0);
        assertInstanceOf(Polygon.class, polygon.geometry());
        assertEquals("a", polygon.category().name());
        assertEquals(JsonObject.builder().put("x", JsonValue.of(1)).put("y", "hello").build(), polygon.attributes());
        assertTrue(polygon.extension("coco").isEmpty(), "area and bbox match the polygon: " + polygon.extensions());

        Annotation crowd = item.annotations().get(1);
        assertTrue(crowd.crowd());
        Mask m = (Mask) crowd.geometry();
        assertFalse(m.isCompressed());
        assertEquals(10, m.height());
        assertEquals(5, m.width());
        assertEquals(20, m.area());
        // Datumaro's bbox [0,0,1,9] is not the mask's bounds (2 columns, 10 rows): kept as read.
        assertEquals(new Box(0, 0, 2, 10), m.bounds());
        assertEquals(new Box(0, 0, 1, 9), crowd.objectBox());
        assertEquals(new Box(0, 0, 1, 9), crowd.box()); // what a box-only target writes (issue 13)
        JsonObject info = d.header().extension("coco").object("info");
        assertEquals(new JsonString(""), info.get("year"));
    }

    @Test
    void datumaroBoxOnlyInstanceKeepsItsEmptySegmentation() {
        Annotation a = only(read(DATUMARO + "coco_instances/annotations/instances_train.json")).annotations().get(0);
        assertEquals(new Box(2, 2, 3, 1), a.geometry());
        assertEquals("b", a.category().name());
        assertEquals(JsonArray.EMPTY, a.extension("coco").get("segmentation"));
    }

    @Test
    void datumaroZeroBasedSkeletonIsDetectedAndKept() {
        Dataset d = read(DATUMARO + "coco_person_keypoints/annotations/person_keypoints_train.json");
        Category b = d.header().categories().get(1);
        assertEquals(List.of(new Category.Edge(0, 1), new Category.Edge(1, 2)), b.skeleton());
        assertTrue(b.keypointNames().isEmpty());
        assertEquals(JsonValue.of(true), b.extension("coco").get("zero_based_skeleton"));
        Keypoints k = (Keypoints) only(d).annotations().get(0).geometry();
        assertEquals(3, k.size());
        assertEquals(List.of(0, 1, 2), List.of(k.visibility(0), k.visibility(1), k.visibility(2)));
        assertEquals(2, k.labelledCount());
    }

    @Test
    void datumaroCaptionsHaveNoCategoryButKeepTheirCategoryIdZero() {
        Item item = only(read(DATUMARO + "coco_captions/annotations/captions_val.json"));
        assertEquals(List.of(new Caption("world"), new Caption("text")),
                item.annotations().stream().map(Annotation::geometry).toList());
        for (Annotation a : item.annotations()) {
            assertNull(a.category());
            assertEquals(JsonNumber.of(0), a.extension("coco").get("category_id"));
        }
    }

    @Test
    void datumaroLabelsAreImageLevelTags() {
        Item item = only(read(DATUMARO + "coco_labels/annotations/labels_val.json"));
        assertEquals(List.of(Tag.INSTANCE, Tag.INSTANCE), item.annotations().stream().map(Annotation::geometry).toList());
        assertEquals(List.of("a", "b"), item.annotations().stream().map(a -> a.category().name()).toList());
    }

    @Test
    void datumaroStuffAndImageInfo() {
        Mask m = (Mask) only(read(DATUMARO + "coco_stuff/annotations/stuff_train.json")).annotations().get(0).geometry();
        assertEquals(20, m.area());
        assertEquals(50, m.totalRunLength());
        Item info = only(read(DATUMARO + "coco_image_info/annotations/image_info_train.json"));
        assertEquals(Id.of(5), info.id());
        assertTrue(info.annotations().isEmpty());
    }

    @Test
    void panopticFilesAreRefusedWithTheirLocation() {
        for (String f : List.of(DATUMARO + "coco_panoptic/annotations/panoptic_val.json",
                "coco/panopticapi-sample_data/panoptic_examples.json")) {
            Path in = ExternalData.resolve(f);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(COCO, in));
            assertEquals("annotations[0].segments_info", e.location().path(), e.getMessage());
            assertEquals(in.getFileName().toString(), e.location().source());
            assertTrue(e.location().line() > 0 && e.location().byteOffset() > 0, e.getMessage());
            assertTrue(e.getMessage().contains("panoptic"), e.getMessage());
        }
    }

    @Test
    void mmposeKeypointsWithTheSeventeenNamedPointsAndAZeroBasedSkeleton() {
        Dataset d = read("coco/mmpose-tests-coco/test_coco.json");
        assertEquals(4, d.items().size());
        assertEquals(14, d.annotationCount());
        Category person = d.header().categories().get(0);
        assertEquals(17, person.keypointNames().size());
        assertEquals("nose", person.keypointNames().get(0));
        assertEquals(19, person.skeleton().size());
        assertEquals(new Category.Edge(15, 13), person.skeleton().get(0)); // [16, 14] on disk
        assertTrue(person.extension("coco").isEmpty());
        Item first = d.items().get(0);
        assertEquals(Id.of(785), first.id());
        assertEquals("http://images.cocodataset.org/val2017/000000000785.jpg", first.uri());
        Annotation a = first.annotations().get(0);
        assertEquals(Id.of(442619), a.id());
        Keypoints k = (Keypoints) a.geometry();
        assertEquals(17, k.size());
        assertEquals(367, k.points().x(0));
        assertInstanceOf(JsonArray.class, a.extension("coco").get("segmentation"));
        assertEquals(JsonNumber.parse("27789.11055"), a.extension("coco").object("derived").get("area"));
        assertEquals("For testing COCO dataset only.", d.header().name());
    }

    @Test
    void mmposeWholeBodyKeepsItsExtraKeypointArrays() {
        Dataset d = read("coco/mmpose-tests-coco/test_coco_wholebody.json");
        assertEquals(14, d.annotationCount());
        JsonObject ext = d.items().get(0).annotations().get(0).extension("coco");
        for (String key : List.of("face_kpts", "lefthand_kpts", "righthand_kpts", "foot_kpts", "face_valid", "face_box")) {
            assertTrue(ext.has(key), key + " in " + ext.keys());
        }
    }

    @Test
    void resultsArraysBecomeItemsInFirstSeenOrder() {
        Map<String, int[]> expected = Map.of(
                "coco/cocoapi-results/instances_val2014_fakebbox100_results.json", new int[] {99, 734},
                "coco/cocoapi-results/instances_val2014_fakesegm100_results.json", new int[] {99, 734},
                "coco/cocoapi-results/person_keypoints_val2014_fakekeypoints100_results.json", new int[] {47, 125},
                "coco/cocoapi-results/captions_val2014_fakecap_results.json", new int[] {1000, 1000},
                "coco/mmpose-tests-coco/test_coco_det_AP_H_56.json", new int[] {4, 118});
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Path in = ExternalData.resolve(e.getKey());
            Reporter reporter = new Reporter(false);
            Dataset d = Datasets.read(COCO, in, new ReadContext(in.getFileName().toString(), FormatOptions.EMPTY,
                    dev.labelport.Limits.DEFAULTS, dev.labelport.ErrorPolicy.FAIL, reporter, null));
            assertEquals(e.getValue()[0], d.items().size(), e.getKey());
            assertEquals(e.getValue()[1], d.annotationCount(), e.getKey());
            assertEquals(1, reporter.lossCount("SYNTHESISED"), e.getKey());
            assertEquals("results", d.header().extension("coco").string("flavour"));
            for (Item i : d.items()) {
                for (Annotation a : i.annotations()) {
                    assertNull(a.id());
                }
            }
        }
        Dataset bbox = read("coco/cocoapi-results/instances_val2014_fakebbox100_results.json");
        Item first = bbox.items().get(0);
        assertEquals(Id.of(42), first.id());
        Annotation a = first.annotations().get(0);
        assertEquals(new Box(258.15, 41.29, 348.26, 243.78), a.geometry());
        assertEquals(0.236, a.score());
        assertEquals("18", a.category().name()); // results carry no names
        assertEquals(Id.of(73), bbox.items().get(1).id());
        assertEquals(2, bbox.items().get(1).annotations().size());
    }

    @Test
    void panopticDetectionFormatHasCompressedRleAndAnnotationIdZero() {
        Dataset d = read("coco/panopticapi-sample_data/panoptic_coco_detection_format.json");
        assertEquals(2, d.items().size());
        assertEquals(50, d.annotationCount());
        assertEquals(133, d.header().categories().size());
        Category person = d.header().categories().get(0);
        assertEquals(List.of(220L, 20L, 60L), person.extension("coco").get("color").toJava());
        Annotation first = d.items().get(0).annotations().get(0);
        assertEquals(Id.of(0), first.id());
        Mask m = (Mask) first.geometry();
        assertTrue(m.isCompressed());
        assertEquals(3528, m.area());
        assertEquals((long) m.height() * m.width(), m.totalRunLength());
        assertEquals(GeometryKind.MASK, first.geometry().kind());
    }

    @Test
    void imagesInfoExamplesHasNoAnnotationsSection() {
        Dataset d = read("coco/panopticapi-sample_data/images_info_examples.json");
        assertEquals(2, d.items().size());
        assertEquals(0, d.annotationCount());
        assertEquals(133, d.header().categories().size());
    }

    @Test
    void tfliteModelMakerKeepsItsIgnoreKey() {
        Dataset d = read("voc/tflite-model-maker-voc_and_coco/annotations.json");
        Item item = only(d);
        assertEquals("2012_12.jpg", item.fileName());
        Annotation a = item.annotations().get(0);
        assertEquals(new Box(64, 64, 128, 128), a.geometry());
        assertEquals(JsonNumber.of(0), a.extension("coco").get("ignore"));
        assertEquals(List.of("person", "notperson"), d.header().categories().stream().map(Category::name).toList());
    }

    @Test
    void saladsModelMakerJson() {
        Dataset test = read("vertex-ai/tflite-model-maker-salads_csv/json_files/test_annotations.json");
        assertEquals(2, test.items().size());
        assertEquals(2, test.annotationCount());
        assertEquals(new Box(0, 0, 121, 1041), test.items().get(1).annotations().get(0).geometry());
        assertEquals("Cheese", test.items().get(1).annotations().get(0).category().name());
        Dataset train = read("vertex-ai/tflite-model-maker-salads_csv/json_files/train_annotations.json");
        assertEquals(1, train.items().size());
        assertEquals(2, train.annotationCount());
    }
}
