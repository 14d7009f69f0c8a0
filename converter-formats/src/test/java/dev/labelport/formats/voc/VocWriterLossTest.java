package dev.labelport.formats.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.TextContent;
import dev.labelport.report.Reporter;
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

/** Everything the VOC writer cannot hold is reported with its code, and what it writes reads back. */
class VocWriterLossTest {
    private static final VocFormat VOC = new VocFormat();
    private static final Category CAR = Category.of(Id.of(7), "car");

    @TempDir
    Path tmp;

    private Reporter write(Dataset d, Map<String, String> options) {
        Reporter reporter = new Reporter(false);
        Datasets.write(VOC, tmp.resolve("out"), d, new WriteContext("out", FormatOptions.of(options), reporter, null));
        return reporter;
    }

    private static Annotation.Builder ann(dev.labelport.model.Geometry g, long id) {
        return Annotation.builder(g).id(Id.of(id)).category(CAR);
    }

    @Test
    void foreignGeometryAndFieldsAreReportedOnePerRecord() throws IOException {
        Item image = Item.image(Id.of(1)).fileName("dir/a.jpg").size(100, 50).uri("s3://bucket/a.jpg")
                .annotations(List.of(
                        ann(new Box(1, 2, 3, 4), 1).score(0.5).build(),
                        ann(Polygon.of(PointList.of(1, 1, 9, 1, 5, 7)), 2).build(),
                        ann(new RotatedBox(10, 10, 4, 2, 0), 3).build(),
                        ann(Keypoints.of(PointList.of(1, 1), new int[] {2}), 4).build(),
                        ann(new Box(5, 5, 0, 3), 5).build(),
                        Annotation.builder(new Box(1, 1, 2, 2)).id(Id.of(6)).build(),
                        ann(new Box(1, 1, 2, 2), 8).groupId("99").crowd(true).build(),
                        ann(new Box(1, 1, 2, 2), 9).attributes(JsonObject.builder()
                                .put("nested", JsonObject.builder().put("a", new JsonString("b")).build())
                                .put("list", new JsonArray(List.of())).put("none", JsonNull.INSTANCE).build()).build()))
                .build();
        Item text = Item.text(Id.of(2), TextContent.of("hello")).build();
        Item unsized = Item.image(Id.of(3)).fileName("b.jpg").annotations(List.of(
                ann(new Caption("a caption"), 10).build())).build();
        Reporter r = write(new Dataset(DatasetHeader.of(List.of(CAR)), List.of(image, text, unsized)), Map.of());
        assertEquals(2, r.lossCount("APPROXIMATED_GEOMETRY"), "polygon and rotated box");
        assertEquals(3, r.lossCount("DROPPED_GEOMETRY"), "keypoints, no category, caption");
        assertEquals(1, r.lossCount("DEGENERATE"));
        assertEquals(1, r.lossCount("DROPPED_ITEM"));
        assertEquals(3, r.lossCount("DROPPED_ATTRIBUTE"));
        assertEquals(1, r.lossCount("MISSING_SIZE"));
        assertEquals(2, r.lossCount("REINDEXED"), "numeric ids become file stems a and b");
        // dataset category list; item 1 uri; annotations 1-5 and 8, 9 ids (+score, +crowd and orphan group id)
        assertEquals(1 + 1 + 5, r.lossCount("DROPPED_FIELD"));
        String xml = Files.readString(tmp.resolve("out/Annotations/a.xml"));
        assertTrue(xml.contains("<filename>dir/a.jpg</filename>"), xml);
        assertTrue(xml.contains("<xmin>2</xmin>\n\t\t\t<ymin>2</ymin>\n\t\t\t<xmax>9</xmax>\n\t\t\t<ymax>7</ymax>"), xml);
        assertEquals(5, Datasets.read(VOC, tmp.resolve("out")).annotationCount(), "boxes 1, 8, 9, the polygon and the rotated box");
        assertTrue(Files.exists(tmp.resolve("out/Annotations/b.xml")));
    }

    @Test
    void collidingStemsAreRenamedAndUnsafeCharactersReplaced() throws IOException {
        List<Item> items = List.of(Item.image(Id.of("x y")).build(), Item.image(Id.of("x_y")).build(),
                Item.image(Id.of("../up")).build(), Item.image(Id.of("")).build());
        Reporter r = write(new Dataset(DatasetHeader.of(List.of()), items), Map.of());
        assertEquals(List.of(".._up.xml", "_.xml", "x_y.xml", "x_y_2.xml"),
                Files.list(tmp.resolve("out/Annotations")).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(4, r.lossCount("REINDEXED"));
    }

    @Test
    void characterXmlCannotHoldIsReplacedAndReported() throws IOException {
        Item item = Item.image(Id.of("a")).fileName("a\u0001.jpg").size(4, 4)
                .annotations(List.of(Annotation.builder(new Box(0, 0, 1, 1)).category(Category.of(Id.of(1), "c<&>\"d"))
                        .build())).build();
        Reporter r = write(new Dataset(new DatasetHeader(null, "voc", null, List.of(), JsonObject.EMPTY), List.of(item)),
                Map.of());
        assertEquals(1, r.lossCount("DROPPED_FIELD"));
        Item back = Datasets.read(VOC, tmp.resolve("out")).items().get(0);
        assertEquals("a\uFFFD.jpg", back.fileName());
        assertEquals("c<&>\"d", back.annotations().get(0).category().name());
    }

    @Test
    void decimalsAndZeroBasedWritingFollowTheConvention() throws IOException {
        Item item = Item.image(Id.of("a")).size(40, 40).split("train")
                .annotations(List.of(ann(new Box(0.5, 2, 10.25, 3), 1).build())).build();
        Reporter r = write(new Dataset(DatasetHeader.of(List.of()), List.of(item)),
                Map.of("pixels", "zero-based", "decimals", "true", "class-lists", "false"));
        assertEquals(0, r.lossCount("ROUNDING"));
        String xml = Files.readString(tmp.resolve("out/Annotations/a.xml"));
        assertTrue(xml.contains("<xmin>0.5</xmin>\n\t\t\t<ymin>2</ymin>\n\t\t\t<xmax>9.75</xmax>\n\t\t\t<ymax>4</ymax>"), xml);
        assertEquals(List.of("train.txt"), Files.list(tmp.resolve("out/ImageSets/Main"))
                .map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void classNamesThatAreNoFileNamesGetNoListButANote() throws IOException {
        Item item = Item.image(Id.of("a")).size(40, 40).split("val")
                .annotations(List.of(Annotation.builder(new Box(0, 0, 2, 2)).category(Category.of(Id.of(1), "a/b")).build(),
                        Annotation.builder(new Box(0, 0, 2, 2)).category(Category.of(Id.of(2), "traffic light")).build()))
                .build();
        Reporter r = write(new Dataset(DatasetHeader.of(List.of()), List.of(item)), Map.of());
        assertEquals(1, r.lossCount("NO_CLASS_LIST"));
        assertEquals("a  1\n", Files.readString(tmp.resolve("out/ImageSets/Main/traffic light_val.txt")));
    }

    /** Found by the mutation fuzzer: a split named like a class list must not make the writer create a file twice. */
    @Test
    void aSplitNamedLikeAClassListKeepsTheSplitList() throws IOException {
        Item a = Item.image(Id.of("a")).fileName("a.jpg").size(10, 10).split("trainval")
                .annotations(List.of(ann(new Box(1, 1, 2, 2), 1).build())).build();
        Item b = Item.image(Id.of("b")).fileName("b.jpg").size(10, 10).split("car_trainval")
                .annotations(List.of(ann(new Box(1, 1, 2, 2), 2).build())).build();
        Reporter r = write(new Dataset(DatasetHeader.of(List.of(CAR)), List.of(a, b)), Map.of());
        assertEquals(1, r.lossCount("NO_CLASS_LIST"), "car_trainval is the split's list");
        assertEquals(List.of("b"), Files.readAllLines(tmp.resolve("out/ImageSets/Main/car_trainval.txt")));
        assertTrue(Files.exists(tmp.resolve("out/ImageSets/Main/car_car_trainval.txt")));
    }

    /** decimals=auto: a VOC file's fractional corners come back as written; another format's are rounded and reported. */
    @Test
    void fractionsAreKeptFromVocAndRoundedFromElsewhere() throws IOException {
        Item item = Item.image(Id.of("a")).size(40, 40)
                .annotations(List.of(ann(new Box(3.5, 4, 3, 3), 1).build())).build();
        Reporter fromVoc = write(new Dataset(new DatasetHeader(null, "voc", null, List.of(), JsonObject.EMPTY), List.of(item)),
                Map.of());
        assertEquals(0, fromVoc.lossCount("ROUNDING"));
        assertTrue(Files.readString(tmp.resolve("out/Annotations/a.xml")).contains("<xmin>4.5</xmin>"));
        dev.labelport.internal.AtomicOutput.deleteRecursively(tmp.resolve("out"));
        Reporter fromCoco = write(new Dataset(new DatasetHeader(null, "coco", null, List.of(), JsonObject.EMPTY), List.of(item)),
                Map.of());
        assertEquals(1, fromCoco.lossCount("ROUNDING"));
    }
}
