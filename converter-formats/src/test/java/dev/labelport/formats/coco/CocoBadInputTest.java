package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.model.Box;
import dev.labelport.model.Id;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and hostile input: every failure names the file, the line and the JSON path. */
class CocoBadInputTest {
    private static final CocoFormat COCO = new CocoFormat();

    @TempDir
    Path tmp;

    /** Three lines of header, then one annotation per line: annotations[i] is on line 5 + i. */
    private static String dataset(String... annotations) {
        return "{\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":10,\"height\":10},\n"
                + "{\"id\":2,\"file_name\":\"b.jpg\",\"width\":10,\"height\":10}],\n"
                + "\"categories\":[{\"id\":1,\"name\":\"cat\"}],\n"
                + "\"annotations\":[\n"
                + String.join(",\n", annotations) + "\n]}";
    }

    private Path file(String name, String json) throws IOException {
        return Files.writeString(tmp.resolve(name), json);
    }

    private LabelportException fails(String json) throws IOException {
        return fails(json, Limits.DEFAULTS);
    }

    private LabelportException fails(String json, Limits limits) throws IOException {
        Path f = file("bad.json", json);
        return assertThrows(LabelportException.class,
                () -> Datasets.read(COCO, f, ReadContext.of("bad.json").withLimits(limits)));
    }

    private static void assertAt(LabelportException e, long line, String path) {
        assertEquals("bad.json", e.location().source(), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(path, e.location().path(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.json:" + line), e.getMessage());
    }

    private static String good(int id) {
        return "{\"id\":" + id + ",\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3,4]}";
    }

    @Test
    void truncatedJsonIsLocated() throws IOException {
        String json = dataset(good(1), good(2));
        LabelportException e = fails(json.substring(0, json.length() - 30));
        assertTrue(e instanceof InvalidInputException, e.toString());
        assertEquals("bad.json", e.location().source());
        assertTrue(e.location().line() >= 5, e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void bboxOfTheWrongTypeNamesTheAnnotation() throws IOException {
        LabelportException e = fails(dataset(good(1), good(2),
                "{\"id\":3,\"image_id\":2,\"category_id\":1,\"bbox\":\"x\"}"));
        assertAt(e, 7, "annotations[2].bbox");
        assertTrue(e.getMessage().contains("expected an array"), e.getMessage());
    }

    @Test
    void negativeBoxSizeNamesTheCoordinate() throws IOException {
        LabelportException e = fails(dataset(good(1), "{\"id\":2,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,-3,4]}"));
        assertAt(e, 6, "annotations[1].bbox[2]");
        assertTrue(e.getMessage().contains("negative box width"), e.getMessage());
    }

    @Test
    void negativeImageWidth() throws IOException {
        LabelportException e = fails("{\"images\":[\n{\"id\":1,\"width\":-5,\"height\":3}],\"annotations\":[],\"categories\":[]}");
        assertAt(e, 2, "images[0].width");
        assertTrue(e.getMessage().contains("negative image width -5"), e.getMessage());
    }

    @Test
    void danglingImageIdNamesTheAnnotationAndItsLine() throws IOException {
        LabelportException e = fails(dataset(good(1), good(2), "{\"id\":3,\"image_id\":99,\"category_id\":1,\"bbox\":[1,2,3,4]}"));
        assertAt(e, 7, "annotations[2].image_id");
        assertTrue(e.getMessage().contains("image_id 99 names no image"), e.getMessage());
    }

    @Test
    void danglingCategoryIdNamesTheAnnotationAndItsLine() throws IOException {
        LabelportException e = fails(dataset(good(1), "{\"id\":2,\"image_id\":2,\"category_id\":\"7\",\"bbox\":[1,2,3,4]}"));
        assertAt(e, 6, "annotations[1].category_id");
        assertTrue(e.getMessage().contains("category_id \"7\" names no category"), e.getMessage());
    }

    @Test
    void fourNumberPolygonIsTheCocoapi369Error() throws IOException {
        LabelportException e = fails(dataset("{\"id\":1,\"image_id\":1,\"category_id\":1,\"segmentation\":[[1,2,3,4]]}"));
        assertAt(e, 5, "annotations[0].segmentation[0]");
        assertTrue(e.getMessage().contains("cocoapi#369"), e.getMessage());
    }

    @Test
    void oddAndShortPolygons() throws IOException {
        assertTrue(fails(dataset("{\"id\":1,\"image_id\":1,\"category_id\":1,\"segmentation\":[[1,2,3,4,5,6,7]]}"))
                .getMessage().contains("odd number of coordinates"));
        LabelportException e = fails(dataset(good(1), "{\"id\":1,\"image_id\":1,\"category_id\":1,\"segmentation\":[[1,2,3,4,5,6],[1,2]]}"));
        assertAt(e, 6, "annotations[1].segmentation[1]");
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
    }

    @Test
    void rleThatDoesNotCoverItsSizeIsRejected() throws IOException {
        LabelportException e = fails(dataset("{\"id\":1,\"image_id\":1,\"category_id\":1,\"iscrowd\":1,"
                + "\"segmentation\":{\"size\":[10,5],\"counts\":[0,20,29]}}"));
        assertAt(e, 5, "annotations[0].segmentation");
        assertTrue(e.getMessage().contains("49 pixels"), e.getMessage());
    }

    @Test
    void hugeDeclaredSizesAndLengthsHitTheLimitsBeforeAllocation() throws IOException {
        Limits tiny = Limits.builder().maxImageDimension(1000).maxRleCounts(4).maxPolygonVertices(3).build();
        LabelportException size = fails(dataset("{\"id\":1,\"image_id\":1,\"category_id\":1,"
                + "\"segmentation\":{\"size\":[2000000000,2000000000],\"counts\":\"0\"}}"), tiny);
        assertTrue(size instanceof LimitExceededException, size.toString());
        assertAt(size, 5, "annotations[0].segmentation.size[0]");

        LabelportException counts = fails(dataset("{\"id\":1,\"image_id\":1,\"category_id\":1,"
                + "\"segmentation\":{\"size\":[10,5],\"counts\":[1,1,1,1,46]}}"), tiny);
        assertTrue(counts instanceof LimitExceededException, counts.toString());
        assertAt(counts, 5, "annotations[0].segmentation.counts[4]");

        LabelportException compressed = fails(dataset("{\"id\":1,\"image_id\":1,\"category_id\":1,"
                + "\"segmentation\":{\"size\":[10,5],\"counts\":\"" + "1".repeat(100) + "\"}}"), tiny);
        assertTrue(compressed instanceof LimitExceededException, compressed.toString());

        LabelportException polygon = fails(dataset("{\"id\":1,\"image_id\":1,\"category_id\":1,"
                + "\"segmentation\":[[0,0,1,0,1,1,0,1]]}"), tiny);
        assertTrue(polygon instanceof LimitExceededException, polygon.toString());
        assertAt(polygon, 5, "annotations[0].segmentation[0][6]");

        LabelportException image = fails("{\"images\":[{\"id\":1,\"width\":5000,\"height\":3}],\"annotations\":[]}", tiny);
        assertTrue(image instanceof LimitExceededException, image.toString());
        assertEquals("images[0].width", image.location().path());
    }

    @Test
    void binaryGarbageIsLocated() throws IOException {
        Path f = tmp.resolve("bad.json");
        Files.write(f, new byte[] {'{', '"', 'i', (byte) 0xC3, 0x28, 0, 1, 2, (byte) 0xFF});
        LabelportException e = assertThrows(LabelportException.class, () -> Datasets.read(COCO, f));
        assertEquals("bad.json", e.location().source());
        assertTrue(e.location().byteOffset() >= 0, e.getMessage());
    }

    @Test
    void invalidUtf8InsideAFileNameIsLocated() throws IOException {
        byte[] head = "{\"images\":[\n{\"id\":1,\"file_name\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ".jpg\"}],\"annotations\":[],\"categories\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xC3; // a lead byte ...
        all[head.length + 1] = 0x28;    // ... followed by no continuation byte
        System.arraycopy(tail, 0, all, head.length + 2, tail.length);
        Path f = Files.write(tmp.resolve("bad.json"), all);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(COCO, f));
        assertEquals("bad.json", e.location().source());
        assertEquals(2, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void duplicateImageIdIsLocated() throws IOException {
        LabelportException e = fails("{\"images\":[{\"id\":1},\n{\"id\":1}],\"annotations\":[]}");
        assertAt(e, 2, "images[1].id");
        assertTrue(e.getMessage().contains("duplicate image id 1"), e.getMessage());
    }

    @Test
    void notCocoJson() throws IOException {
        assertTrue(fails("{\"foo\": 1}").getMessage().contains("not a COCO dataset"));
        assertTrue(fails("42").getMessage().contains("expected a COCO dataset object"));
        assertTrue(fails("{\"images\":[]} trailing").getMessage().contains("malformed JSON"));
    }

    @Test
    void idsTooLongForAnIdAreLocated() throws IOException {
        LabelportException e = fails("{\"images\":[{\"id\":123456789012345678901234567890}],\"annotations\":[]}");
        assertEquals("images[0].id", e.location().path(), e.getMessage());
    }

    @Test
    void skipPolicyDropsOnlyTheBadRecordsAndReportsEach() throws IOException {
        Path f = file("bad.json", dataset(good(1),
                "{\"id\":2,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,-3,4]}",
                "{\"id\":3,\"image_id\":99,\"category_id\":1,\"bbox\":[1,2,3,4]}",
                "{\"id\":4,\"image_id\":2,\"category_id\":5,\"bbox\":[1,2,3,4]}",
                "17",
                "{\"id\":6,\"category_id\":1,\"bbox\":[1,2,3,4]}",
                "{\"id\":7,\"image_id\":2,\"category_id\":1,\"bbox\":[5,6,7,8]}"));
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext("bad.json", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP, reporter, null);
        Dataset d = Datasets.read(COCO, f, ctx);
        assertEquals(2, d.items().size());
        assertEquals(1, d.items().get(0).annotations().size());
        assertEquals(Id.of(1), d.items().get(0).annotations().get(0).id());
        assertEquals(new Box(5, 6, 7, 8), d.items().get(1).annotations().get(0).geometry());
        assertEquals(5, reporter.lossCount("SKIPPED_RECORD"));
        String report = reporter.build("coco", null).toJson();
        assertTrue(report.contains("annotations[1].bbox[2]"), report);
        assertTrue(report.contains("annotations[2].image_id"), report);
    }

    @Test
    void wildButValidFieldsAreRead() throws IOException {
        Path f = file("wild.json", "{\"categories\":[{\"id\":0,\"name\":\"zero\",\"supercategory\":null}],"
                + "\"annotations\":[{\"id\":\"a\",\"image_id\":\"img\",\"category_id\":0,\"iscrowd\":\"false\","
                + "\"area\":null,\"bbox\":[\"1\",2,3,4],\"segmentation\":[],\"score\":\"0.5\"}],"
                + "\"info\":{\"year\":\"\"},\"type\":\"instances\","
                + "\"images\":[{\"id\":\"img\",\"width\":10.0,\"height\":\"20\",\"date_captured\":0,\"file_name\":null}]}");
        Dataset d = Datasets.read(COCO, f);
        var item = d.items().get(0);
        assertEquals(Id.of("img"), item.id());
        assertEquals(10, item.width());
        assertEquals(20, item.height());
        var a = item.annotations().get(0);
        assertEquals(Id.of("a"), a.id());
        assertEquals(new Box(1, 2, 3, 4), a.geometry());
        assertEquals(0.5, a.score());
        assertEquals(false, a.crowd());
        assertEquals(Id.of(0), a.category().id());
        assertEquals("instances", d.header().extension("coco").object("extra").string("type"));
        // and it survives a same-format round trip
        Path out = tmp.resolve("out.json");
        Datasets.write(COCO, out, d);
        Dataset back = Datasets.read(COCO, out);
        assertEquals(d.items(), back.items());
        assertEquals(d.header().extensions(), back.header().extensions());
    }
}
