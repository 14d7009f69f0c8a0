package dev.labelport.formats.yolo;

import static dev.labelport.formats.yolo.YoloFormatTest.CAT;
import static dev.labelport.formats.yolo.YoloFormatTest.DOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Tag;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer does with what YOLO cannot hold, and the layouts and options. */
class YoloWriterTest {
    @TempDir
    Path tmp;
    private Reporter reporter;

    private Path write(DatasetHeader header, List<Item> items, String... options) {
        Map<String, String> o = new HashMap<>();
        for (String kv : options) {
            o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        reporter = new Reporter(false);
        Path out = tmp.resolve("out" + System.nanoTime());
        Datasets.write(new YoloFormat(), out, new Dataset(header, items),
                new WriteContext("out", FormatOptions.of(o), reporter, null));
        return out;
    }

    private static DatasetHeader plainHeader(Category... categories) {
        return DatasetHeader.of(List.of(categories));
    }

    private static Item normalised(String name, Annotation... annotations) {
        return Item.image(Id.of(name)).fileName(name).split("train").normalized(true).annotations(List.of(annotations)).build();
    }

    private static Annotation ann(Geometry g, Category c) {
        return Annotation.builder(g).category(c).build();
    }

    private static String label(Path out, String path) throws IOException {
        return Files.readString(out.resolve(path));
    }

    @Test
    void pixelItemsAreDividedByTheirSize() throws IOException {
        Item item = Item.image(Id.of(1)).fileName("a.jpg").size(640, 480)
                .annotations(List.of(ann(new Box(64, 48, 128, 96), CAT))).build();
        Path out = write(plainHeader(CAT), List.of(item));
        assertEquals("0 0.200000 0.200000 0.200000 0.200000\n", label(out, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("SYNTHESISED"), "no split: written to train, noted once");
        assertEquals(0, reporter.lossCount("ROUNDING"));
    }

    @Test
    void segmentWritesAMaskAsThePolygonOfItsOutline() throws IOException {
        // a 2x2 block at x 1..2, y 1..2 of a 4x4 image; an empty mask; a mask on a normalised item
        Mask block = Mask.ofCounts(4, 4, new int[] {5, 2, 2, 2, 5});
        Item item = Item.image(Id.of(1)).fileName("a.jpg").split("train").size(4, 4)
                .annotations(List.of(ann(block, CAT), ann(Mask.ofCounts(4, 4, new int[] {16}), CAT),
                        ann(Mask.ofCounts(100_000, 100_000, new int[] {Integer.MAX_VALUE}), CAT))).build();
        Path out = write(plainHeader(CAT), List.of(item, normalised("images/train/b.jpg", ann(block, CAT))), "task=segment");
        assertEquals("0 0.250000 0.250000 0.750000 0.250000 0.750000 0.750000 0.250000 0.750000\n",
                label(out, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("APPROXIMATED_GEOMETRY"));
        assertEquals(1, reporter.lossCount("DEGENERATE"), "the empty mask");
        assertEquals(2, reporter.lossCount("DROPPED_GEOMETRY"), "a mask too large to trace; one on a normalised item");
    }

    @Test
    void aPixelItemWithoutASizeIsAClearError() {
        Item item = Item.image(Id.of(1)).fileName("a.jpg").annotations(List.of(ann(new Box(1, 2, 3, 4), CAT))).build();
        LabelportException e = assertThrows(LabelportException.class, () -> write(plainHeader(CAT), List.of(item)));
        assertEquals(ErrorCode.UNSUPPORTED_CONVERSION, e.code());
        assertTrue(e.getMessage().contains("no image width and height"), e.getMessage());
    }

    @Test
    void outOfRangeIsKeptAndReportedOrClampedOnRequest() throws IOException {
        Item item = normalised("images/train/a.jpg", ann(YoloFormatTest.box(CAT, 0.95, 0.5, 0.2, 0.2).geometry(), CAT));
        Path kept = write(plainHeader(CAT), List.of(item));
        assertEquals("0 0.950000 0.500000 0.200000 0.200000\n", label(kept, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("OUT_OF_RANGE"));
        Path clamped = write(plainHeader(CAT), List.of(item), "clamp=true");
        assertEquals("0 0.925000 0.500000 0.150000 0.200000\n", label(clamped, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("CLAMPED"));
        assertEquals(0, reporter.lossCount("OUT_OF_RANGE"));
    }

    @Test
    void segmentKeepsTheLargestPartWithoutHolesAndTurnsBoxesIntoRings() throws IOException {
        PointList big = PointList.of(0, 0, 0.5, 0, 0.5, 0.5);
        PointList small = PointList.of(0.6, 0.6, 0.7, 0.6, 0.7, 0.7);
        Polygon twoParts = Polygon.of(small, big);
        Polygon holed = new Polygon(List.of(new Polygon.Part(big, List.of(PointList.of(0.1, 0.05, 0.2, 0.05, 0.2, 0.1)))));
        Item item = normalised("images/train/a.jpg", ann(twoParts, CAT), ann(holed, DOG), ann(new Box(0.1, 0.2, 0.3, 0.4), CAT),
                ann(new RotatedBox(0.5, 0.5, 0.2, 0.2, 0), DOG));
        Path out = write(plainHeader(CAT, DOG), List.of(item), "task=segment");
        assertEquals("""
                0 0.000000 0.000000 0.500000 0.000000 0.500000 0.500000
                1 0.000000 0.000000 0.500000 0.000000 0.500000 0.500000
                0 0.100000 0.200000 0.400000 0.200000 0.400000 0.600000 0.100000 0.600000
                1 0.400000 0.400000 0.600000 0.400000 0.600000 0.600000 0.400000 0.600000
                """, label(out, "labels/train/a.txt"));
        assertEquals(4, reporter.lossCount("APPROXIMATED_GEOMETRY"));
    }

    @Test
    void detectTakesBoundsAndDropsWhatHasNone() throws IOException {
        Item item = normalised("images/train/a.jpg", ann(new RotatedBox(0.5, 0.5, 0.2, 0.2, Math.PI / 4), CAT),
                ann(Tag.INSTANCE, DOG), ann(new Box(0.1, 0.1, 0, 0.2), CAT));
        Path out = write(plainHeader(CAT, DOG), List.of(item), "task=detect");
        assertEquals("0 0.500000 0.500000 0.282843 0.282843\n", label(out, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("APPROXIMATED_GEOMETRY"));
        assertEquals(1, reporter.lossCount("DROPPED_GEOMETRY"));
        assertEquals(1, reporter.lossCount("DEGENERATE"));
        assertEquals(1, reporter.lossCount("ROUNDING"), "the rotated box's bounds have more than 6 decimals: once per annotation");
    }

    @Test
    void scoresOnlyInPredictionMode() throws IOException {
        Annotation scored = Annotation.builder(new Box(0.1, 0.1, 0.2, 0.2)).category(CAT).score(0.75).build();
        Path plain = write(plainHeader(CAT), List.of(normalised("images/train/a.jpg", scored)));
        assertEquals("0 0.200000 0.200000 0.200000 0.200000\n", label(plain, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("DROPPED_FIELD"));
        Path pred = write(plainHeader(CAT), List.of(normalised("images/train/a.jpg", scored)), "predictions=true");
        assertEquals("0 0.200000 0.200000 0.200000 0.200000 0.750000\n", label(pred, "labels/train/a.txt"));
        assertEquals(0, reporter.lossCount("DROPPED_FIELD"));
    }

    @Test
    void poseNeedsKeypointsOfTheDeclaredShape() throws IOException {
        Keypoints three = Keypoints.of(PointList.of(0.1, 0.2, 0.3, 0.4, 0, 0), new int[] {2, 1, 0});
        Keypoints two = Keypoints.of(PointList.of(0.1, 0.2, 0.3, 0.4), new int[] {2, 2});
        Item item = normalised("images/train/a.jpg", ann(three, CAT), ann(two, CAT));
        Path out = write(plainHeader(CAT), List.of(item), "task=pose", "kpt-shape=3x3");
        assertEquals("0 0.200000 0.300000 0.200000 0.200000 0.100000 0.200000 2 0.300000 0.400000 1 0.000000 0.000000 0\n",
                label(out, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("DROPPED_GEOMETRY"));
        assertTrue(label(out, "data.yaml").contains("kpt_shape: [3, 3]\n"));
        Dataset back = Datasets.read(new YoloFormat(), out);
        Keypoints k = assertInstanceOf(Keypoints.class, back.items().get(0).annotations().get(0).geometry());
        assertEquals(three, k);
    }

    @Test
    void cocoLikeIdsAreRankedAndReported() throws IOException {
        Category a = Category.of(Id.of(1), "person");
        Category b = Category.of(Id.of(2), "bicycle");
        Category c = Category.of(Id.of(4), "car");
        Item item = normalised("images/train/a.jpg", ann(new Box(0.1, 0.1, 0.2, 0.2), c));
        Path out = write(plainHeader(c, b, a), List.of(item));
        assertEquals("2 0.200000 0.200000 0.200000 0.200000\n", label(out, "labels/train/a.txt"));
        assertTrue(label(out, "data.yaml").contains("names:\n  0: person\n  1: bicycle\n  2: car\n"));
        assertEquals(3, reporter.lossCount("REINDEXED"));
        Path byName = write(plainHeader(c, b, a), List.of(item), "classes=by-name");
        assertEquals("1 0.200000 0.200000 0.200000 0.200000\n", label(byName, "labels/train/a.txt"));
    }

    @Test
    void aNamesFileFixesTheIndices() throws IOException {
        Path names = Files.writeString(tmp.resolve("names.txt"), "dog\ncat\n");
        Category bird = Category.of(Id.of(7), "bird");
        Item item = normalised("images/train/a.jpg", ann(new Box(0.1, 0.1, 0.2, 0.2), CAT), ann(new Box(0.1, 0.1, 0.2, 0.2), bird));
        Path out = write(plainHeader(CAT, DOG), List.of(item), "classes=" + names);
        assertEquals("1 0.200000 0.200000 0.200000 0.200000\n", label(out, "labels/train/a.txt"));
        assertEquals(1, reporter.lossCount("UNKNOWN_CLASS"));
        assertTrue(label(out, "data.yaml").contains("  0: dog\n  1: cat\n"));
    }

    @Test
    void darknetLayoutRoundTrip() throws IOException {
        Item a = Item.image(Id.of("x")).fileName("x.jpg").split("train").normalized(true)
                .annotations(List.of(ann(new Box(0.1, 0.1, 0.2, 0.2), DOG))).build();
        Item b = Item.image(Id.of("y")).fileName("y.jpg").split("val").normalized(true).build();
        Path out = write(plainHeader(CAT, DOG), List.of(a, b), "layout=darknet");
        assertEquals("classes = 2\ntrain = data/train.txt\nvalid = data/valid.txt\nnames = data/obj.names\nbackup = backup/\n",
                label(out, "obj.data"));
        assertEquals("data/obj_train_data/x.jpg\n", label(out, "train.txt"));
        assertEquals("cat\ndog\n", label(out, "obj.names"));
        assertEquals("", label(out, "obj_val_data/y.txt"));
        Dataset back = Datasets.read(new YoloFormat(), out);
        assertEquals(List.of("obj_train_data/x.jpg", "obj_val_data/y.jpg"), back.items().stream().map(Item::fileName).toList());
        assertEquals(List.of("train", "val"), back.items().stream().map(Item::split).toList());
        assertEquals("darknet", back.header().extension("yolo").string("layout"));
        Item other = Item.image(Id.of("z")).fileName("z.jpg").split("holdout").normalized(true).build();
        Path custom = write(plainHeader(CAT), List.of(other), "layout=darknet");
        assertTrue(label(custom, "obj.data").contains("holdout = data/holdout.txt\n"));
        assertEquals("holdout", Datasets.read(new YoloFormat(), custom).items().get(0).split());
    }

    @Test
    void plainLayoutWritesLabelsBesideImagesAndReportsSplits() throws IOException {
        Path out = write(plainHeader(CAT), List.of(normalised("pics/a.jpg", ann(new Box(0.1, 0.1, 0.2, 0.2), CAT))), "layout=plain");
        assertTrue(Files.exists(out.resolve("pics/a.txt")));
        assertEquals("cat\n", label(out, "classes.txt"));
        assertEquals(1, reporter.lossCount("DROPPED_FIELD"), "the plain layout has no splits");
    }

    @Test
    void namesThatNeedQuotesReadBack() throws IOException {
        Category odd = Category.of(Id.of(0), "it's: #1 [x]");
        Category yes = Category.of(Id.of(1), "yes");
        Path out = write(new DatasetHeader(null, "yolo", null, List.of(odd, yes), JsonObject.EMPTY),
                List.of(normalised("images/train/a.jpg", ann(new Box(0.1, 0.1, 0.2, 0.2), yes))));
        assertTrue(label(out, "data.yaml").contains("  0: 'it''s: #1 [x]'\n  1: 'yes'\n"), label(out, "data.yaml"));
        assertEquals(List.of(odd, yes), Datasets.read(new YoloFormat(), out).header().categories());
    }

    @Test
    void anImagesFolderWithoutASplitMovesToTrainSoItIsReadBack() throws IOException {
        Item withSplit = normalised("images/val/a.jpg", ann(new Box(0.1, 0.1, 0.2, 0.2), CAT));
        Item without = Item.image(Id.of("b")).fileName("images/b.jpg").normalized(true)
                .annotations(List.of(ann(new Box(0.1, 0.1, 0.2, 0.2), CAT))).build();
        Path out = write(plainHeader(CAT), List.of(withSplit.toBuilder().split("val").build(), without));
        assertTrue(label(out, "data.yaml").startsWith("train: images/train\nval: images/val\n"), label(out, "data.yaml"));
        Dataset back = Datasets.read(new YoloFormat(), out);
        assertEquals(List.of("images/train/b", "images/val/a"), back.items().stream().map(Item::fileName).toList());
        assertEquals(1, reporter.lossCount("SYNTHESISED"));
    }

    @Test
    void labelFilesOfTwoImagesWithOneStemCollide() throws IOException {
        Path out = write(plainHeader(CAT), List.of(normalised("images/train/a.jpg"), normalised("images/train/a.png")));
        assertTrue(Files.exists(out.resolve("labels/train/a.txt")));
        assertEquals(1, reporter.lossCount("DROPPED_ITEM"));
    }

    @Test
    void precisionOption() throws IOException {
        Path out = write(plainHeader(CAT), List.of(normalised("images/train/a.jpg", ann(new Box(0.1, 0.1, 0.2, 0.2), CAT))),
                "precision=2");
        assertEquals("0 0.20 0.20 0.20 0.20\n", label(out, "labels/train/a.txt"));
        assertThrows(LabelportException.class, () -> write(plainHeader(CAT), List.of(), "precision=30"));
        assertThrows(LabelportException.class, () -> write(plainHeader(CAT), List.of(), "layout=coco"));
        assertThrows(LabelportException.class, () -> write(plainHeader(CAT), List.of(), "colour=red"));
    }

    @Test
    void classifyWritesAManifestPerSplitAndReadsItBack() throws IOException {
        Item a = Item.image(Id.of("a")).fileName("photos/a.jpg").split("train").annotations(List.of(ann(Tag.INSTANCE, DOG))).build();
        Item b = Item.image(Id.of("b")).fileName("b.jpg").split("val").annotations(List.of(ann(Tag.INSTANCE, CAT))).build();
        Item none = Item.image(Id.of("c")).fileName("c.jpg").split("val").build();
        Path out = write(plainHeader(CAT, DOG), List.of(a, b, none));
        assertEquals("cat\ndog\n", label(out, "classify/names.txt"));
        assertEquals("dog/a.jpg\n", label(out, "classify/train.txt"));
        assertEquals("cat/b.jpg\n", label(out, "classify/val.txt"));
        assertEquals(1, reporter.lossCount("IMAGES_NOT_COPIED"));
        assertEquals(1, reporter.lossCount("DROPPED_ITEM"));
        Dataset back = Datasets.read(new YoloFormat(), out);
        assertEquals(List.of("train/dog/a.jpg", "val/cat/b.jpg"), back.items().stream().map(Item::fileName).toList());
        assertEquals("dog", back.items().get(0).annotations().get(0).category().name());
        assertEquals("classify", back.header().extension("yolo").string("task"));
    }

    @Test
    void classifyFoldersAreRead() throws IOException {
        Path root = tmp.resolve("cls");
        for (String f : List.of("train/cat/1.jpg", "train/dog/2.jpg", "val/dog/3.png")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.write(root.resolve(f), new byte[] {1});
        }
        Dataset d = Datasets.read(new YoloFormat(), root);
        assertEquals(List.of("cat", "dog"), d.header().categories().stream().map(Category::name).toList());
        assertEquals(3, d.items().size());
        assertEquals(List.of("train", "train", "val"), d.items().stream().map(Item::split).toList());
        assertEquals("dog", d.items().get(2).annotations().get(0).category().name());
    }

    @Test
    void zipInAndOutThroughThePipeline() throws IOException {
        Dataset sample = new YoloFormatTest().sample();
        Path zip = tmp.resolve("in.zip");
        Datasets.write(new YoloFormat(), zip, sample);
        Path out = tmp.resolve("out.zip");
        ConversionReport r = Labelport.create().conversion(zip, out).from("yolo").to("yolo").run();
        assertEquals(3, r.itemsWritten());
        assertTrue(r.lossless(), r.toJson());
        Path folder = tmp.resolve("back");
        Labelport.create().conversion(out, folder).from("yolo").to("yolo").run();
        assertEquals(sample.items(), Datasets.read(new YoloFormat(), folder).items());
        assertFalse(Files.exists(folder.resolve("images")), "images are never copied");
    }

    /** precision=auto keeps what a YOLO source wrote with more than 6 decimals; an explicit precision rounds and says so. */
    @Test
    void precisionAutoKeepsLongDecimalsAYoloSourceHad() throws IOException {
        JsonObject ext = JsonObject.builder().put("yolo", JsonObject.builder().put("layout", "plain").put("task", "detect")
                .put("derived", JsonObject.builder().put("decimals", dev.labelport.json.JsonNumber.of(17)).build()).build()).build();
        DatasetHeader header = new DatasetHeader(null, "yolo", null, List.of(CAT), ext);
        Item item = normalised("a.jpg", ann(new Box(0.48046875000000006, 0.1, 0.2, 0.3), CAT));
        Path auto = write(header, List.of(item));
        double cx = 0.48046875000000006 + 0.2 / 2;
        assertEquals("0 " + shortest(cx) + " 0.25 0.2 0.3\n", label(auto, "a.txt"));
        assertTrue(shortest(cx).length() > 8, "more than 6 decimals kept: " + shortest(cx));
        assertEquals(0, reporter.lossCount("ROUNDING"));
        write(header, List.of(item), "precision=6");
        assertEquals(1, reporter.lossCount("ROUNDING"));
    }

    private static String shortest(double v) {
        StringBuilder sb = new StringBuilder();
        FixedDecimal.appendShortest(sb, v);
        return sb.toString();
    }

    /** Found converting Datumaro's and globox's YOLO sets to YOLO: classes met while streaming keep the index read. */
    @Test
    void aYoloSourceWithoutNamesKeepsItsClassIndices() throws IOException {
        JsonObject ext = JsonObject.builder().put("yolo", JsonObject.builder().put("layout", "plain").put("task", "detect")
                .build()).build();
        DatasetHeader header = new DatasetHeader(null, "yolo", null, List.of(), ext);
        Category c76 = Category.of(Id.of(76), "class_76");
        Category c21 = Category.of(Id.of(21), "class_21");
        Path out = write(header, List.of(normalised("a.jpg", ann(new Box(0.1, 0.1, 0.2, 0.2), c76), ann(new Box(0.1, 0.1, 0.2, 0.2), c21))));
        assertEquals("76 0.200000 0.200000 0.200000 0.200000\n21 0.200000 0.200000 0.200000 0.200000\n", label(out, "a.txt"));
        assertEquals(0, reporter.lossCount("REINDEXED"));
    }

    /**
     * Found by MutatedInputPropertiesTest: a split read from a damaged obj.data ("tra\\n", a
     * NUL) named a list file, and the output folder refused the path with an IllegalArgumentException.
     * A split, a class and a file name become safe names, each change reported.
     */
    @Test
    void namesFromDataBecomeSafeFileNamesAndTheChangeIsReported() throws IOException {
        JsonObject darknet = JsonObject.builder().put("yolo", JsonObject.builder().put("layout", "darknet").build()).build();
        DatasetHeader header = new DatasetHeader(null, "yolo", null, List.of(CAT), darknet);
        Item bad = Item.image(Id.of("a")).fileName("a\nb.jpg").split("tra\\n\0").normalized(true)
                .annotations(List.of(ann(new Box(0.1, 0.1, 0.2, 0.2), CAT))).build();
        Item twin = Item.image(Id.of("b")).fileName("b.jpg").split("tra\\n\0").normalized(true).build();
        Path out = write(header, List.of(bad, twin));
        assertTrue(Files.isRegularFile(out.resolve("tra_n_.txt")), "the split's list file under a safe name");
        assertEquals("data/obj_tra_n__data/a_b.jpg\ndata/obj_tra_n__data/b.jpg\n", label(out, "tra_n_.txt"));
        assertTrue(label(out, "obj.data").contains("tra_n_ = data/tra_n_.txt\n"), label(out, "obj.data"));
        assertEquals(2, reporter.lossCount("DROPPED_FIELD"), "the split once, the file name's line break once");

        Item tagged = Item.image(Id.of("c")).fileName("c.jpg").split("train").normalized(true)
                .annotations(List.of(Annotation.builder(new Tag()).category(Category.of(Id.of(1), "../up\\x")).build())).build();
        Path classify = write(DatasetHeader.of(List.of()), List.of(tagged), "task=classify");
        assertEquals(".._up_x/c.jpg\n", label(classify, "classify/train.txt"));
    }
}
