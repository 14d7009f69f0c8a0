package dev.labelport.formats.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonString;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every VOC set under {@code shared/external-testdata}, read in place with counts checked by
 * hand, and the two cross-format oracles: raccoon VOC ↔ TF Object Detection CSV, and TF Model
 * Maker / Roboflow VOC ↔ COCO. Both oracles agree under {@code pixels=raw}: their tools take the
 * VOC numbers as pixel edges ({@code xmax - xmin} is the width).
 */
@ExternalSamples
class VocExternalDataTest {
    private static final VocFormat VOC = new VocFormat();
    private static final String DATUMARO = "voc/datumaro-voc_dataset/";

    @TempDir
    Path tmp;

    static Dataset read(Path p, String pixels) {
        ReadContext ctx = ReadContext.of(String.valueOf(p.getFileName()))
                .withOptions(FormatOptions.of(Map.of("pixels", pixels)));
        return Datasets.read(VOC, p, ctx);
    }

    static Dataset read(String relative) {
        return read(ExternalData.resolve(relative), "one-based");
    }

    static long annotations(Dataset d) {
        return d.annotationCount();
    }

    @Test
    void datumaroFullTreeWithPartsActionsAndAnImageListedWithoutXml() {
        Dataset d = read(DATUMARO + "voc_dataset1");
        assertEquals(List.of("2007_000001", "2007_000002"), d.items().stream().map(i -> i.id().text()).toList());
        Item first = d.items().get(0);
        assertEquals("2007_000001.jpg", first.fileName());
        assertEquals(20, first.width());
        assertEquals(10, first.height());
        assertEquals("train", first.split());
        assertEquals(new JsonString("VOC2007"), first.extension("voc").get("folder"));
        assertEquals(new JsonString("3"), first.extension("voc").get("depth"));
        assertEquals(new JsonString("1"), first.extension("voc").get("segmented"));
        assertEquals(3, first.annotations().size(), "cat, person and the person's head part");
        Annotation cat = first.annotations().get(0);
        assertEquals("cat", cat.category().name());
        assertEquals(new Box(0, 1, 3, 3), cat.geometry(), "1-based inclusive 1,2..3,4");
        assertEquals(JsonBoolean.TRUE, cat.attributes().get("truncated"));
        assertEquals(new JsonString("Unspecified"), cat.attributes().get("pose"));
        Annotation person = first.annotations().get(1);
        assertEquals(new Box(3, 4, 3, 3), person.geometry());
        assertEquals(11, person.attributes().object("actions").size());
        assertEquals(JsonBoolean.TRUE, person.attributes().object("actions").get("phoning"));
        Annotation head = first.annotations().get(2);
        assertEquals("head", head.category().name());
        assertEquals(new Box(4.5, 5, 3, 3), head.geometry(), "the fractional part box is read as it is");
        assertEquals(person.id().text(), head.groupId());

        Item second = d.items().get(1);
        assertEquals("2007_000002.jpg", second.fileName(), "found in JPEGImages");
        assertEquals("test", second.split());
        assertTrue(second.annotations().isEmpty());
    }

    @Test
    void datumaroFlatSetWithAnEmptyAnnotationAndFloatBoxes() {
        Dataset d = read(DATUMARO + "voc_dataset2");
        assertEquals(List.of("@", "a", "b", "c", "d"), d.items().stream().map(i -> i.id().text()).toList());
        assertEquals(4, annotations(d));
        assertTrue(d.items().stream().allMatch(i -> "trainval".equals(i.split())));
        assertTrue(d.items().get(0).annotations().isEmpty(), "@.xml has no objects, only a comment");
        assertNull(d.items().get(0).width(), "no <size>");
        Annotation a = d.items().get(1).annotations().get(0);
        assertEquals("background", a.category().name());
        assertEquals(new Box(0, 1, 4, 5), a.geometry(), "1.0,2.0..4.0,6.0");
        assertEquals(JsonBoolean.TRUE, a.attributes().get("occluded"));
    }

    @Test
    void datumaroMinimalSetWithACommentedSplitList() {
        Dataset d = read(DATUMARO + "voc_dataset3");
        assertEquals(1, d.items().size(), "train.txt: a blank line, a '# a comment' line, 2007_000001");
        assertEquals(1, annotations(d));
        assertEquals("train", d.items().get(0).split());
    }

    @Test
    void tfliteModelMakerPairAgreesWithItsCocoUnderRawPixels() {
        Path dir = ExternalData.resolve("voc/tflite-model-maker-voc_and_coco");
        Dataset voc = read(dir.resolve("annotations"), "raw");
        assertEquals(1, voc.items().size());
        Item item = voc.items().get(0);
        assertEquals("2012_12.jpg", item.fileName());
        assertEquals(256, item.width());
        Annotation a = item.annotations().get(0);
        assertEquals("person", a.category().name(), "<name> after <bndbox>");
        assertEquals(JsonBoolean.TRUE, a.attributes().get("difficult"));
        assertEquals(new JsonString(""), a.attributes().get("pose"), "empty <pose>");
        Dataset coco = Datasets.read(FormatRegistry.discover().require("coco"), dir.resolve("annotations.json"));
        assertEquals(coco.items().get(0).annotations().get(0).geometry(), a.geometry());
        assertEquals(new Box(63, 63, 129, 129), read(dir.resolve("annotations/2012_12.xml"), "one-based")
                .items().get(0).annotations().get(0).geometry(), "the devkit convention is one pixel off");
    }

    @Test
    void roboflowSplitFoldersAgreeWithTheirCocoUnderRawPixels() {
        Path root = ExternalData.resolve("multi/datumaro-roboflow_dataset");
        Dataset voc = read(root.resolve("voc"), "raw");
        assertEquals(List.of("train_001", "train_002", "val_001"), voc.items().stream().map(i -> i.id().text()).toList());
        assertEquals(List.of("train", "train", "val"), voc.items().stream().map(Item::split).toList());
        assertEquals(4, annotations(voc));
        List<Box> vocBoxes = new ArrayList<>();
        voc.items().forEach(i -> i.annotations().forEach(x -> vocBoxes.add((Box) x.geometry())));
        List<Box> cocoBoxes = new ArrayList<>();
        for (String split : List.of("train", "val")) {
            Dataset coco = Datasets.read(FormatRegistry.discover().require("coco"),
                    root.resolve("coco/" + split + "/_annotations.coco.json"));
            coco.items().forEach(i -> i.annotations().forEach(x -> cocoBoxes.add((Box) x.geometry())));
        }
        assertEquals(cocoBoxes, vocBoxes);
    }

    /** One CSV row: file name, image size, class and the four VOC numbers. */
    record CsvBox(String file, int width, int height, String label, double xmin, double ymin, double xmax, double ymax) {
    }

    @Test
    void raccoonXmlAgreesWithItsTfObjectDetectionCsv() throws IOException {
        Path root = ExternalData.resolve("voc/raccoon_dataset");
        Dataset voc = read(root.resolve("annotations"), "raw");
        assertEquals(200, voc.items().size());
        assertEquals(217, annotations(voc));
        assertEquals(16, voc.items().stream().filter(i -> i.annotations().size() > 1).count());
        Map<String, List<CsvBox>> csv = new HashMap<>();
        List<String> lines = Files.readAllLines(root.resolve("data/raccoon_labels.csv"), StandardCharsets.UTF_8);
        assertEquals("filename,width,height,class,xmin,ymin,xmax,ymax", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            csv.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new CsvBox(f[0], Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]), f[3], Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7])));
        }
        assertEquals(217, csv.values().stream().mapToInt(List::size).sum());
        for (Item item : voc.items()) {
            List<CsvBox> rows = csv.get(item.fileName());
            assertEquals(item.annotations().size(), rows.size(), item.fileName());
            for (int k = 0; k < rows.size(); k++) {
                CsvBox r = rows.get(k);
                Annotation a = item.annotations().get(k);
                Box b = (Box) a.geometry();
                assertEquals(r.width(), item.width(), item.fileName());
                assertEquals(r.height(), item.height(), item.fileName());
                assertEquals(r.label(), a.category().name());
                // TF OD normalises xmin/width and xmax/width: the numbers are edges, as pixels=raw reads them
                assertEquals(new Box(r.xmin(), r.ymin(), r.xmax() - r.xmin(), r.ymax() - r.ymin()), b, item.fileName());
            }
        }
        assertEquals(200, voc.items().stream().map(Item::fileName).filter(Objects::nonNull).collect(Collectors.toSet()).size());
    }

    @Test
    void raccoonConvertsToCocoAndBackToTheSameBoxes() throws IOException {
        Path root = ExternalData.resolve("voc/raccoon_dataset/annotations");
        Path coco = tmp.resolve("raccoon.json");
        ConversionReport there = Labelport.create().conversion(root, coco).from("voc").to("coco").run();
        assertEquals(200, there.itemsWritten());
        assertEquals(217, there.annotationsWritten());
        // only the VOC fields COCO has no place for (folder, path, source, depth, segmented, verified)
        assertEquals(List.of("SYNTHESISED", "DROPPED_FIELD"), there.losses().stream().map(l -> l.code().code()).toList());
        assertEquals(200 * 6, there.lossCount("DROPPED_FIELD"), there.toJson());
        Path back = tmp.resolve("back");
        ConversionReport again = Labelport.create().conversion(coco, back).from("coco").to("voc").run();
        assertEquals(217, again.annotationsWritten());
        for (String name : List.of("raccoon-1", "raccoon-100", "raccoon-99")) {
            assertEquals(boxesOf(root.resolve(name + ".xml")), boxesOf(back.resolve("Annotations/" + name + ".xml")), name);
        }
        assertEquals(200, Files.list(back.resolve("Annotations")).count());
    }

    private static List<String> boxesOf(Path xml) throws IOException {
        return Files.readAllLines(xml).stream().map(String::strip)
                .filter(l -> l.matches("<(xmin|ymin|xmax|ymax|name|width|height)>.*")).toList();
    }

    @Test
    void everyExternalVocSetWritesBackAndReadsTheSame() {
        for (String set : List.of(DATUMARO + "voc_dataset1", DATUMARO + "voc_dataset2", DATUMARO + "voc_dataset3",
                "voc/tflite-model-maker-voc_and_coco/annotations", "multi/datumaro-roboflow_dataset/voc")) {
            Dataset d = read(set);
            Path out = tmp.resolve(set.replace('/', '_'));
            Datasets.write(VOC, out, d, WriteContext.of("out").withOptions(FormatOptions.of(Map.of("decimals", "true"))));
            Dataset back = Datasets.read(VOC, out);
            assertEquals(d.annotationCount(), back.annotationCount(), set);
            for (int i = 0; i < d.items().size(); i++) {
                Item a = d.items().get(i);
                Item b = back.items().stream().filter(x -> x.id().equals(a.id())).findFirst().orElseThrow();
                assertEquals(a.annotations(), b.annotations(), set + " " + a.id());
                assertEquals(a.split(), b.split(), set + " " + a.id());
                assertEquals(a.width(), b.width());
            }
        }
        assertTrue(read(DATUMARO + "voc_dataset1").items().get(0).annotations().stream()
                .noneMatch(a -> a.geometry() instanceof Tag));
    }
}
