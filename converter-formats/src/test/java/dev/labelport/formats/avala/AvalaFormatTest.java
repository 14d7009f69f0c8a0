package dev.labelport.formats.avala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.Limits;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.Cuboid;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.Tag;
import dev.labelport.model.Timestamp;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.Detection;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AvalaFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return "avala";
    }

    /** The hand-written export, as read: every field the format holds, in reader form. */
    @Override
    protected Dataset sample() {
        return read(AvalaSamples.write(tmp, "sample-source.json", AvalaSamples.FULL));
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxPolygonVertices(2).build();
    }

    private Dataset readFull() {
        return sample();
    }

    @Test
    void readsHeaderProjectsAndScopedCategories() {
        DatasetHeader h = readFull().header();
        assertEquals("cars", h.name());
        assertEquals("avala", h.sourceFormat());
        assertEquals("1.0", h.sourceVersion());
        assertEquals(List.of("p1:car", "p1:truck", "p1:daytime", "p2:car", "p2:lane", "p2:person"),
                h.categories().stream().map(c -> c.id().text()).toList());
        Category car1 = h.categories().get(0);
        Category car2 = h.categories().get(3);
        assertEquals("car", car1.name());
        assertEquals("car", car2.name());
        assertNotEquals(car1, car2);
        assertEquals("#ff0000", car1.color());
        assertEquals("#ff8800", car2.color());
        assertEquals("3d", car2.extension("avala").string("project_name"));
        assertEquals(new JsonString("c"), car2.extension("avala").object("label_extra").get("shortcut"));
        assertNull(h.categories().get(4).color(), "lane has no colour");
        JsonObject ext = h.extension("avala");
        assertEquals("me", ext.object("export_info").string("requested_by"));
        assertEquals(3, ((JsonArray) ext.get("datasets")).size(), "the empty dataset is kept");
        assertEquals(3, ((JsonArray) ext.get("projects")).size(), "the project without labels is kept");
        assertEquals(JsonNumber.parse("42"), ext.object("extra").get("export_job"));
    }

    @Test
    void readsItemsInFileOrderWithTheirResults() {
        List<Item> items = readFull().items();
        assertEquals(List.of("i1", "i2", "880b0700-h51e-11ee-z000-000000000002"),
                items.stream().map(i -> i.id().text()).toList());
        Item i1 = items.get(0);
        assertEquals("street", i1.dataset());
        assertEquals("img_0001.jpg", i1.fileName());
        assertEquals(new JsonString("rainy"), i1.metadata().get("weather"));
        assertEquals(new JsonString("dry"), i1.metadata().get("Weather"));
        assertEquals("d1", i1.extension("avala").string("dataset_uid"));
        // r1 (p1) then r3 (p2): annotations of one item come from two projects
        assertEquals(List.of("a1", "a2", "a3", "a4", "(none)", "a9"),
                i1.annotations().stream().map(a -> a.id() == null ? "(none)" : a.id().text()).toList());
        JsonArray results = (JsonArray) i1.extension("avala").get("results");
        assertEquals(2, results.size());
        assertEquals("r1", ((JsonObject) results.get(0)).string("uid"));
        assertEquals("p2", ((JsonObject) results.get(1)).string("project_uid"));

        Item i2 = items.get(1);
        assertTrue(i2.annotations().isEmpty(), "an item without results is kept, unlabeled");
        assertFalse(i2.extension("avala").has("results"));

        Item scan = items.get(2);
        assertEquals("lidar", scan.dataset());
        assertEquals(new JsonString("s1"), scan.extension("avala").object("extra").get("sequence"));
        assertEquals(2, ((JsonArray) scan.extension("avala").get("results")).size(), "empty result r4 is kept");
    }

    @Test
    void readsEveryAnnotationType() {
        List<Item> items = readFull().items();
        List<Annotation> a = items.get(0).annotations();
        Annotation box = a.get(0);
        assertEquals(new Box(120, 85.5, 200, 150), box.geometry());
        assertEquals("p1:car", box.category().id().text());
        assertEquals(new Annotator("user_01H", null), box.annotator());
        assertEquals(Timestamp.parse("2025-09-15T10:30:00Z"), box.created());
        JsonObject attrs = box.attributes();
        assertEquals(JsonBoolean.FALSE, attrs.get("occluded"));
        assertEquals(JsonNumber.parse("3"), attrs.get("count"));
        assertEquals(JsonNumber.parse("0.25"), attrs.get("ratio"));
        assertEquals(new JsonString("red"), attrs.get("color"));
        assertEquals(new JsonArray(List.of(new JsonString("a"), JsonNumber.of(1))), attrs.get("tags"));
        assertEquals(JsonNull.INSTANCE, attrs.object("nested").get("k"));
        assertEquals(JsonNull.INSTANCE, attrs.get("none"));
        assertEquals(new Box(5, 6, 7, 8.5), a.get(1).geometry(), "flat box fields");
        assertEquals(Polygon.of(PointList.of(305, 120, 320, 115, 340, 130, 345, 200)), a.get(2).geometry());
        assertEquals(new JsonString("manual"), a.get(2).extension("avala").object("extra").get("note"));
        assertEquals(Tag.INSTANCE, a.get(3).geometry());
        assertEquals("p2:car", a.get(4).category().id().text(), "the same label name in another project");
        Category bus = a.get(5).category();
        assertEquals("p2:bus", bus.id().text());
        assertEquals(JsonBoolean.TRUE, bus.extension("avala").get("undeclared"));

        List<Annotation> s = items.get(2).annotations();
        assertEquals(new Polyline(PointList.of(0, 10, 50.5, 12, 100, 14)), s.get(0).geometry());
        assertEquals(new Cuboid(1.5, -2, 0.75, 4.2, 1.8, 1.5, 0.1, 0, 0), s.get(1).geometry());
        assertEquals(Keypoints.of(PointList.of(10, 20, 0, 0, 30, 40), new int[] {2, 0, 1}), s.get(2).geometry());
    }

    @Test
    void undeclaredLabelIsReportedAsSynthesised() {
        Path f = AvalaSamples.write(tmp, "undeclared.json", AvalaSamples.FULL);
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext("undeclared.json", dev.labelport.spi.FormatOptions.EMPTY, Limits.DEFAULTS,
                dev.labelport.ErrorPolicy.FAIL, reporter, null);
        Datasets.read(provider(), f, ctx);
        assertEquals(1, reporter.lossCount(LossCode.SYNTHESISED.code()));
        String json = reporter.build("avala", null).toJson();
        assertTrue(json.contains("results[2].annotations[1].label"), json);
    }

    @Test
    void writesTheCanonicalShape() throws IOException {
        Path out = write(sample(), "canonical.json");
        String text = Files.readString(out);
        assertTrue(text.startsWith("{\"scheme_version\":\"1.0\",\"export_info\":{\"name\":\"cars\""), text);
        assertTrue(text.indexOf("\"datasets\"") < text.indexOf("\"projects\"")
                && text.indexOf("\"projects\"") < text.indexOf("\"results\""), text);
        // the flat box comes out nested; integral coordinates without a fraction
        assertTrue(text.contains("\"uid\":\"a2\",\"type\":\"bounding_box\",\"label\":\"truck\","
                + "\"coordinates\":{\"x\":5,\"y\":6,\"width\":7,\"height\":8.5}"), text);
        assertTrue(text.contains("{\"name\":\"car\",\"color\":\"#ff8800\",\"shortcut\":\"c\"}"), text);
        assertFalse(text.contains("\"name\":\"bus\""), "an undeclared label stays undeclared");
        assertTrue(text.contains("{\"uid\":\"d3\",\"name\":\"empty\",\"items\":[]}"), text);
        assertTrue(text.contains("{\"uid\":\"r4\",\"dataset_item_uid\":\"880b0700-h51e-11ee-z000-000000000002\","
                + "\"project_uid\":\"p1\",\"annotations\":[]}"), text);
        assertTrue(text.endsWith("\"export_job\":42}"), text);
    }

    @Test
    void prettyOptionIndents() throws IOException {
        Path in = write(sample(), "in.json");
        Path out = tmp.resolve("pretty.json");
        Labelport.create().conversion(in, out).from("avala").to("avala-json-external")
                .options(dev.labelport.ConversionOptions.builder()
                        .writerOptions(dev.labelport.spi.FormatOptions.of(java.util.Map.of("pretty", "true"))).build())
                .run();
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 50, "one value per line");
        assertEquals(sample().items(), read(out).items());
    }

    @Test
    void detection() throws IOException {
        assertEquals(90, provider().detect(probe("{\"scheme_version\":\"1.0\"}")));
        assertEquals(90, provider().detect(probe("{\"export_info\":{\"format\":\"avala-json-external\"}}")));
        assertEquals(90, provider().detect(probe(" {\"datasets\":[],\"results\":[]}")));
        assertEquals(0, provider().detect(probe("{\"images\":[],\"annotations\":[],\"categories\":[]}")));
        assertEquals(0, provider().detect(probe("[{\"datasets\":1,\"results\":2}]")));
        assertEquals(0, provider().detect(probe("EU-DOCS B-ORG\nscheme_version O\n")));
    }

    private Detection probe(String text) throws IOException {
        Path f = tmp.resolve("probe-" + Math.abs(text.hashCode()) + ".json");
        Files.writeString(f, text);
        return Detection.probe(f);
    }

    @Test
    void spillFilesAreDeleted() throws IOException {
        Path spills = Files.createDirectories(tmp.resolve("spills"));
        Path out = tmp.resolve("spilled.json");
        Dataset d = sample();
        Datasets.write(provider(), out, d, new dev.labelport.spi.WriteContext("spilled.json",
                dev.labelport.spi.FormatOptions.EMPTY, new Reporter(false), spills));
        try (Stream<Path> left = Files.list(spills)) {
            assertEquals(0, left.count());
        }
        assertEquals(d.items(), read(out).items());
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        Path f = tmp.resolve("bom.json");
        byte[] body = AvalaSamples.FULL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        assertEquals(sample().items(), read(f).items());
    }

    @Test
    void itemIdsOfEveryShapeSurvive() throws IOException {
        Category c = Category.of(Id.of("x"), "thing");
        Item item = Item.image(Id.of(7)).annotations(List.of(
                Annotation.builder(new Box(0, 0, 1, 1)).category(c).build())).build();
        Path out = write(new Dataset(DatasetHeader.of(List.of(c)), List.of(item)), "numeric.json");
        Item back = read(out).items().get(0);
        assertEquals(Id.of("7"), back.id(), "numeric ids become uid strings");
        assertEquals("labelport:thing", back.annotations().get(0).category().id().text());
        assertEquals(JsonValue.of("labelport"), back.extension("avala").get("dataset_uid"));
    }
}
