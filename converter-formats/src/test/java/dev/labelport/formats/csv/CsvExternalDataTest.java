package dev.labelport.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.error.InvalidInputException;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.report.Reporter;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The third-party CSV samples, read in place, with counts checked by hand. */
@ExternalSamples
class CsvExternalDataTest {
    private static final String VOTT = "csv/datumaro-vott_csv_dataset/";
    private static final String OI = "csv/datumaro-open_images_dataset/";
    private static final String RACCOON = "voc/raccoon_dataset/";

    private static Dataset read(String relative) {
        return Datasets.read(new CsvFormat(), ExternalData.resolve(relative));
    }

    private static Box box(Annotation a) {
        return (Box) a.geometry();
    }

    @Test
    void vottTestExportHasTwoImagesWithOneBoxEach() {
        for (String f : List.of(VOTT + "dataset/test-export.csv", VOTT + "dataset_with_meta_file/test-export.csv")) {
            Dataset d = read(f);
            assertEquals("vott", d.header().extension("csv").object("derived").string("preset"));
            assertEquals(2, d.items().size(), f);
            Item a = d.items().get(0);
            assertEquals(Id.of("img0001.jpg"), a.id());
            assertEquals("img0001.jpg", a.fileName());
            assertNull(a.width());
            assertEquals(new Box(10, 5, 10, 2), box(a.annotations().get(0)));
            assertEquals("helmet", a.annotations().get(0).category().name());
            Box p = box(d.items().get(1).annotations().get(0));
            assertEquals(11.5, p.x());
            assertEquals(21.7, p.x() + p.width(), 1e-12);
            assertEquals("person", d.items().get(1).annotations().get(0).category().name());
        }
    }

    /** train-export.csv lists img0003 on rows 1 and 3: its rows are regrouped, and noted. */
    @Test
    void vottTrainExportRegroupsTheScatteredImage() {
        Reporter reporter = new Reporter(false);
        Path f = ExternalData.resolve(VOTT + "dataset/train-export.csv");
        ReadContext ctx = new ReadContext("train-export.csv", dev.labelport.spi.FormatOptions.EMPTY, dev.labelport.Limits.DEFAULTS,
                dev.labelport.ErrorPolicy.FAIL, reporter, null);
        Dataset d = Datasets.read(new CsvFormat(), f, ctx);
        assertEquals(2, d.items().size());
        Item img3 = d.items().get(0);
        assertEquals("img0003.jpg", img3.fileName());
        assertEquals(2, img3.annotations().size());
        assertEquals(List.of("helmet", "person"), img3.annotations().stream().map(a -> a.category().name()).toList());
        assertEquals(new Box(13.7, 20.2, 45.6 - 13.7, 63.6 - 20.2), box(img3.annotations().get(1)));
        assertEquals("img0004.jpg", d.items().get(1).fileName());
        assertEquals(1, reporter.lossCount("REGROUPED_ROWS"));
    }

    /** A same-format write of the quoted VoTT file gives the same bytes (quoted header and strings). */
    @Test
    void vottSameFormatWriteIsByteIdentical(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path in = ExternalData.resolve(VOTT + "dataset/test-export.csv");
        Path out = tmp.resolve("out.csv");
        Labelport.create().conversion(in, out).from("csv").to("csv").run();
        assertEquals(Files.readString(in), Files.readString(out));
    }

    @Test
    void openImagesV6Boxes() {
        Dataset d = read(OI + "v6/annotations/oidv6-train-annotations-bbox.csv");
        assertEquals(1, d.items().size());
        Item b = d.items().get(0);
        assertEquals(Id.of("b"), b.id());
        assertTrue(b.normalized());
        Annotation a = b.annotations().get(0);
        assertEquals(new Box(0.2, 0.3, 0.8, 0.2), new Box(box(a).x(), box(a).y(), Math.rint(box(a).width() * 1e12) / 1e12,
                Math.rint(box(a).height() * 1e12) / 1e12));
        assertEquals("/m/0", a.category().name());
        assertEquals(1.0, a.score());
        assertEquals("xclick", a.attributes().string("Source"));
        assertEquals(JsonNumber.parse("-1"), a.attributes().get("IsOccluded"));
        assertEquals(6, a.attributes().size());

        Dataset t = read(OI + "v6/annotations/test-annotations-bbox.csv");
        assertEquals(1, t.items().size());
        Annotation c = t.items().get(0).annotations().get(0);
        assertEquals(0.7, c.score());
        assertEquals(JsonNumber.parse("1"), c.attributes().get("IsGroupOf"));
        assertEquals(0.7, box(c).x());
        assertEquals(0.0, box(c).y());
    }

    @Test
    void openImagesImageLevelLabelsAreTags() {
        Dataset d = read(OI + "v6/annotations/oidv6-train-annotations-human-imagelabels.csv");
        assertEquals(List.of(Id.of("a"), Id.of("b")), d.items().stream().map(Item::id).toList());
        Annotation negative = d.items().get(1).annotations().get(0);
        assertEquals(Tag.INSTANCE, negative.geometry());
        assertEquals(0.0, negative.score(), "Confidence 0 is a verified negative label");
        Dataset t = read(OI + "v6/annotations/test-annotations-human-imagelabels.csv");
        assertEquals(1, t.items().size());
        assertEquals(List.of("/m/1", "/m/3"), t.items().get(0).annotations().stream().map(a -> a.category().name()).toList());
    }

    @Test
    void openImagesSegmentationRowsAreBoxesWithTheirMaskColumnsKept() {
        Dataset d = read(OI + "v6/annotations/train-annotations-object-segmentation.csv");
        assertEquals(1, d.items().size());
        Annotation a = d.items().get(0).annotations().get(0);
        assertEquals(0.2, box(a).x());
        JsonObject columns = a.extension("csv").object("columns");
        assertEquals("b_m0_01234567.png", columns.string("MaskPath"));
        assertEquals("01234567", columns.string("BoxID"), "leading zeros kept: cells are text");
        assertEquals("0.5", columns.string("PredictedIoU"));
        assertEquals(3, columns.size(), "the empty Clicks cell is not kept");
    }

    /** Open Images side files carry no annotations: refused with the reason, not misread. */
    @ParameterizedTest
    @ValueSource(strings = {"v5/annotations/class-descriptions.csv", "v6/annotations/oidv6-class-descriptions.csv",
            "v6/annotations/image_ids_and_rotation.csv", "v5/annotations/test-images-with-rotation.csv",
            "v5/annotations/train-images-with-labels-with-rotation.csv"})
    void openImagesSideFilesAreNotAnnotations(String f) {
        Path p = ExternalData.resolve(OI + f);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(new CsvFormat(), p));
        assertTrue(e.getMessage().contains("not an annotation CSV header"), e.getMessage());
        assertEquals(1, e.location().line());
    }

    /** Roboflow's multi-label one-hot CSV (multi/ set #17) is a classification table, not this format. */
    @Test
    void roboflowMulticlassTableIsRefused() {
        Path p = ExternalData.resolve("multi/datumaro-roboflow_dataset/multiclass/train/_classes.csv");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(new CsvFormat(), p));
        assertTrue(e.getMessage().contains("filename,label_0,label_1"), e.getMessage());
    }

    @Test
    void raccoonCsvCounts() {
        Map<String, int[]> expected = Map.of("raccoon_labels.csv", new int[] {200, 217},
                "train_labels.csv", new int[] {160, 173}, "test_labels.csv", new int[] {40, 44});
        for (var e : expected.entrySet()) {
            Dataset d = read(RACCOON + "data/" + e.getKey());
            assertEquals("tensorflow", d.header().extension("csv").object("derived").string("preset"));
            assertEquals(e.getValue()[0], d.items().size(), e.getKey());
            assertEquals(e.getValue()[1], d.items().stream().mapToInt(i -> i.annotations().size()).sum(), e.getKey());
            assertTrue(d.items().stream().noneMatch(Item::normalized), "integer corners are pixels");
        }
        Item first = read(RACCOON + "data/raccoon_labels.csv").items().get(0);
        assertEquals("raccoon-1.jpg", first.fileName());
        assertEquals(650, first.width());
        assertEquals(417, first.height());
        assertEquals(new Box(81, 88, 441, 320), box(first.annotations().get(0)));
    }

    /**
     * The TF CSV copies the VOC integers unchanged (xmin 81 in both for raccoon-1): the CSV reader
     * takes them as pixel edges (x = xmin, w = xmax - xmin, what TF's generate_tfrecord does),
     * while VOC's 1-based inclusive convention gives x = xmin - 1, w = xmax - xmin + 1. So the
     * integers agree exactly and the canonical boxes differ by that convention, for all 217 boxes.
     */
    @Test
    void raccoonCsvAgreesWithTheVocFiles() throws Exception {
        Dataset d = read(RACCOON + "data/raccoon_labels.csv");
        Path annotations = ExternalData.resolve(RACCOON + "annotations");
        var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        int boxes = 0;
        for (Item item : d.items()) {
            String stem = item.fileName().substring(0, item.fileName().length() - 4);
            Document x = builder.parse(annotations.resolve(stem + ".xml").toFile());
            assertEquals(item.fileName(), text(x.getDocumentElement(), "filename"));
            assertEquals(item.width(), Integer.valueOf(text(x.getDocumentElement(), "width")));
            assertEquals(item.height(), Integer.valueOf(text(x.getDocumentElement(), "height")));
            NodeList objects = x.getElementsByTagName("object");
            List<String> voc = new ArrayList<>();
            for (int i = 0; i < objects.getLength(); i++) {
                Element o = (Element) objects.item(i);
                voc.add(text(o, "name") + " " + text(o, "xmin") + " " + text(o, "ymin") + " " + text(o, "xmax") + " " + text(o, "ymax"));
            }
            List<String> csv = new ArrayList<>();
            for (Annotation a : item.annotations()) {
                Box b = box(a);
                csv.add(a.category().name() + " " + (long) b.x() + " " + (long) b.y() + " " + (long) (b.x() + b.width())
                        + " " + (long) (b.y() + b.height()));
                Box vocCanonical = new Box(b.x() - 1, b.y() - 1, b.width() + 1, b.height() + 1);
                assertEquals(b.width() + 1, vocCanonical.width());
            }
            voc.sort(null);
            csv.sort(null);
            assertEquals(voc, csv, item.fileName());
            boxes += csv.size();
        }
        assertEquals(217, boxes);
        assertEquals(200, d.items().size());
        try (var s = Files.list(annotations)) {
            assertEquals(200, s.count(), "every VOC file has its image in the CSV");
        }
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    @Test
    void detectionPicksCsvForEverySample() throws IOException {
        Map<String, String> files = new HashMap<>();
        files.put(VOTT + "dataset/train-export.csv", "csv");
        files.put(OI + "v6/annotations/oidv6-train-annotations-bbox.csv", "csv");
        files.put(RACCOON + "data/test_labels.csv", "csv");
        for (var e : files.entrySet()) {
            assertEquals(e.getValue(), Labelport.create().detect(ExternalData.resolve(e.getKey())).descriptor().id(), e.getKey());
        }
    }
}
