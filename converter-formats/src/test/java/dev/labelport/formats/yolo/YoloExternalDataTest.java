package dev.labelport.formats.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.error.InvalidInputException;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.Reporter;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ImageSize;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/** Every YOLO set under shared/external-testdata, read in place; the counts were checked by hand. */
@ExternalSamples
class YoloExternalDataTest {
    @TempDir
    Path tmp;

    private static Dataset read(Path root) {
        return Datasets.read(new YoloFormat(), root);
    }

    /** Reads with {@code reporter} receiving the notes and losses. */
    private static Dataset read(Path root, Reporter reporter) {
        return Datasets.read(new YoloFormat(), root, new ReadContext(String.valueOf(root.getFileName()), FormatOptions.EMPTY,
                dev.labelport.Limits.DEFAULTS, dev.labelport.ErrorPolicy.FAIL, reporter, null));
    }

    private static long annotations(Dataset d) {
        return d.annotationCount();
    }

    private static String names(Item item) {
        return item.annotations().stream().map(a -> a.category().name()).collect(Collectors.joining(","));
    }

    @Test
    void datumaroStrictIsTheCvatDarknetLayout() {
        Dataset d = read(ExternalData.resolve("yolo/datumaro-yolo_dataset/strict"));
        // obj.data says train = data/train.txt, names = data/obj.names: CVAT's data/ prefix dropped
        assertEquals(1, d.items().size());
        Item item = d.items().get(0);
        assertEquals("obj_train_data/1.jpg", item.fileName());
        assertEquals("train", item.split());
        assertTrue(item.normalized());
        assertNull(item.width(), "sizes are not read unless a conversion needs pixels");
        assertEquals("label_2,label_4", names(item));
        assertEquals(10, d.header().categories().size(), "10 names, only ids 2 and 4 used");
        Box b = (Box) item.annotations().get(0).geometry();
        assertEquals(0.133333, b.x() + b.width() / 2, 1e-12);
        assertEquals(0.266667, b.width(), 1e-12);
        assertEquals("darknet", d.header().extension("yolo").string("layout"));
        assertEquals("obj.names", d.header().extension("yolo").string("names_file"));
    }

    @Test
    void datumaroLabelsLayoutSkipsTheStrayReadme() {
        Dataset d = read(ExternalData.resolve("yolo/datumaro-yolo_dataset/labels"));
        assertEquals(List.of("images/train/1.jpg", "images/val/1.jpg"), d.items().stream().map(Item::fileName).toList());
        assertEquals(List.of("train", "val"), d.items().stream().map(Item::split).toList());
        assertEquals(4, annotations(d));
        assertEquals("label_2,label_4", names(d.items().get(1)));
    }

    @Test
    void datumaroAnnotationsFolderBesideImages() {
        Dataset d = read(ExternalData.resolve("yolo/datumaro-yolo_dataset/annotations"));
        assertEquals(1, d.items().size());
        assertEquals("Images/1.jpg", d.items().get(0).fileName());
        assertEquals(2, annotations(d));
    }

    @Test
    void kaggleRelaxedHasNoNamesFileSoNamesAreSynthesised() {
        Path root = ExternalData.resolve("yolo/datumaro-kaggle_relaxed_yolo");
        Reporter reporter = new Reporter(false);
        Dataset d = read(root, reporter);
        assertEquals(List.of("1.jpg", "2.jpg"), d.items().stream().map(Item::fileName).toList());
        assertEquals(4, annotations(d));
        assertEquals("class_2,class_4", names(d.items().get(0)));
        assertEquals("class_1,class_3", names(d.items().get(1)));
        assertEquals(4, reporter.lossCount("SYNTHESISED"), "one note per made-up class name");
        assertEquals("plain", d.header().extension("yolo").string("layout"));
    }

    @Test
    void labelStudioCrlfLabelsWithSeventeenDigitFloats() throws IOException {
        Path root = ExternalData.resolve("yolo/labelstudio-converter-import_yolo_data");
        Dataset d = read(root);
        assertEquals(7, d.items().size());
        assertEquals(25, annotations(d)); // 4+4+4+4+3+4+2 lines
        assertEquals(List.of("closed_door", "opened_door", "bus", "number"),
                d.header().categories().stream().map(Category::name).toList());
        Item first = d.items().get(0);
        assertEquals("images/img_1.jpg", first.fileName());
        assertNull(first.split());
        Box b = (Box) first.annotations().get(0).geometry();
        assertEquals(0.46200607902735563, b.y() + b.height() / 2, 1e-16);
        assertEquals("bus,number,closed_door,closed_door", names(first));
        // mixed .jpg/.jpeg/.png images: the size comes from the header only when asked for
        try (AnnotationSource src = new YoloFormat().open(root, ReadContext.of("ls"))) {
            Item i1 = src.next();
            Item i2 = src.next();
            assertEquals(new ImageSize(640, 329), src.imageSize(i1));
            assertEquals(new ImageSize(640, 427), src.imageSize(i2));
        }
    }

    @Test
    void labelStudioToCocoReadsImageSizesFromTheHeaders() throws IOException {
        Path root = ExternalData.resolve("yolo/labelstudio-converter-import_yolo_data");
        Path out = tmp.resolve("coco.json");
        ConversionReport r = Labelport.create().conversion(root, out).from("yolo").to("coco").run();
        assertEquals(25, r.annotationsWritten());
        String json = Files.readString(out);
        assertTrue(json.contains("\"width\":1280,\"height\":720"), json.substring(0, Math.min(400, json.length())));
    }

    @Test
    void roboflowDataYamlWithAMissingValFolderFallsBackToFolderNames() {
        Path root = ExternalData.resolve("multi/datumaro-roboflow_dataset/yolo");
        Reporter reporter = new Reporter(false);
        Dataset d = read(root, reporter);
        // data.yaml: val: ../valid/images, but the folder is val/
        assertEquals(1, reporter.lossCount("SPLIT_NOT_FOUND"));
        assertEquals(List.of("train/images/train_001.jpg", "train/images/train_002.jpg", "val/images/val_001.jpg"),
                d.items().stream().map(Item::fileName).toList());
        assertEquals(List.of("train", "train", "val"), d.items().stream().map(Item::split).toList());
        assertEquals(4, annotations(d)); // 1 + 1 + 2, files without a final newline
        assertEquals(List.of("label_0", "label_1"), d.header().categories().stream().map(Category::name).toList());
    }

    @Test
    void dotaLabelTxtIsNotYoloAndFailsOnItsFirstLine() throws IOException {
        Path root = ExternalData.resolve("yolo/datumaro-dota_dataset");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(root));
        assertEquals("datumaro-dota_dataset/train/labelTxt/train_001.txt", e.location().source(), e.getMessage());
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("'label_0' is not a number"), e.getMessage());
        Path obb = ExternalData.resolve("multi/datumaro-roboflow_dataset/yolo_obb");
        assertThrows(InvalidInputException.class, () -> read(obb));
        // and detection does not claim a labelTxt folder of DOTA lines
        assertEquals(0, new YoloFormat().detect(dev.labelport.spi.Detection.probe(root)));
    }

    /** The globox pair: the YOLO boxes equal the LabelMe rectangles once divided by 640×426. */
    @Test
    void globoxYoloAgreesWithTheLabelMeBoxes() throws IOException {
        Path root = ExternalData.resolve("yolo/globox-coco_val_5k-sample/yolo");
        Dataset d = read(root);
        assertEquals(1, d.items().size());
        Item item = d.items().get(0);
        assertEquals("000000000139", item.fileName(), "no image: the name comes from the label file");
        assertEquals(20, item.annotations().size(), "20 lines, the last without a newline");
        JsonObject labelme;
        try (JsonParser p = JsonSupport.factory(dev.labelport.Limits.DEFAULTS).createParser(ObjectReadContext.empty(),
                ExternalData.resolve("yolo/globox-coco_val_5k-sample/labelme/000000000139.json").toFile())) {
            p.nextToken();
            labelme = (JsonObject) JsonSupport.readValue(p);
        }
        double w = num(labelme.get("imageWidth"));
        double h = num(labelme.get("imageHeight"));
        JsonArray shapes = (JsonArray) labelme.get("shapes");
        assertEquals(shapes.size(), item.annotations().size());
        Map<String, String> globoxIds = Map.of("76", "potted plant", "21", "tv", "50", "chair", "9", "person",
                "43", "microwave", "2", "refrigerator", "38", "book", "47", "clock", "6", "vase", "23", "dining table");
        for (int i = 0; i < shapes.size(); i++) {
            JsonObject s = (JsonObject) shapes.get(i);
            Annotation a = item.annotations().get(i);
            assertEquals(s.string("label"), globoxIds.get(a.category().id().text()), "shape " + i);
            Box b = assertInstanceOf(Box.class, a.geometry());
            JsonArray p0 = (JsonArray) ((JsonArray) s.get("points")).get(0);
            JsonArray p1 = (JsonArray) ((JsonArray) s.get("points")).get(1);
            double x0 = Math.min(num(p0.get(0)), num(p1.get(0))) / w;
            double y0 = Math.min(num(p0.get(1)), num(p1.get(1))) / h;
            double x1 = Math.max(num(p0.get(0)), num(p1.get(0))) / w;
            double y1 = Math.max(num(p0.get(1)), num(p1.get(1))) / h;
            assertEquals(x0, b.x(), 1e-9, "x of shape " + i);
            assertEquals(y0, b.y(), 1e-9, "y of shape " + i);
            assertEquals(x1, b.x() + b.width(), 1e-9, "right of shape " + i);
            assertEquals(y1, b.y() + b.height(), 1e-9, "bottom of shape " + i);
        }
    }

    private static double num(JsonValue v) {
        return ((JsonNumber) v).doubleValue();
    }

    @Test
    void everyExternalSetIsDetectedAsYolo() throws IOException {
        for (String set : List.of("yolo/datumaro-yolo_dataset/strict", "yolo/datumaro-yolo_dataset/labels",
                "yolo/datumaro-kaggle_relaxed_yolo", "yolo/labelstudio-converter-import_yolo_data",
                "multi/datumaro-roboflow_dataset/yolo", "yolo/globox-coco_val_5k-sample/yolo")) {
            assertEquals("yolo", Labelport.create().detect(ExternalData.resolve(set)).descriptor().id(), set);
        }
    }
}
