package dev.labelport.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Item;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

class CocoGeneratorTest {

    private static byte[] generate(long images, long annotations, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CocoGenerator(new CocoGenerator.Spec(images, annotations, seed)).write(out);
        return out.toByteArray();
    }

    /** Parses the whole (tiny) file; also proves it is well-formed JSON with nothing after the root. */
    private static JsonObject parse(byte[] json) {
        try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), json)) {
            p.nextToken();
            JsonValue v = JsonSupport.readValue(p);
            assertEquals(null, p.nextToken(), "trailing content after the root object");
            return (JsonObject) v;
        }
    }

    private static JsonArray array(JsonObject o, String key) {
        return (JsonArray) o.get(key);
    }

    private static long num(JsonObject o, String key) {
        return ((JsonNumber) o.get(key)).longValue();
    }

    private static List<JsonObject> objects(JsonArray a) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : a.values()) {
            out.add((JsonObject) v);
        }
        return out;
    }

    @Test
    void writesTheRequestedCountsInCocoSectionOrder() {
        JsonObject root = parse(generate(20, 150, 7));
        assertEquals(List.of("info", "licenses", "images", "annotations", "categories"), List.copyOf(root.keys()));
        assertEquals(20, array(root, "images").size());
        assertEquals(150, array(root, "annotations").size());
        assertEquals(8, array(root, "licenses").size());
        assertEquals("COCO 2017 Dataset", root.object("info").string("description"));

        Set<Long> imageIds = new HashSet<>();
        for (JsonObject image : objects(array(root, "images"))) {
            long id = num(image, "id");
            assertTrue(imageIds.add(id), "duplicate image id " + id);
            assertEquals(String.format("%012d.jpg", id), image.string("file_name"));
            assertTrue(image.string("coco_url").endsWith("/train2017/" + image.string("file_name")));
            long w = num(image, "width");
            long h = num(image, "height");
            assertTrue(w >= 240 && w <= 640 && h >= 240 && h <= 640, w + "x" + h);
            assertTrue(num(image, "license") >= 1 && num(image, "license") <= 8);
        }
        Set<Long> annotationIds = new HashSet<>();
        for (JsonObject a : objects(array(root, "annotations"))) {
            assertTrue(imageIds.contains(num(a, "image_id")), "dangling image_id " + a.get("image_id"));
            assertTrue(annotationIds.add(num(a, "id")), "duplicate annotation id " + a.get("id"));
        }
    }

    @Test
    void categoriesAreCocos80WithTheRealIdGaps() {
        List<JsonObject> categories = objects(array(parse(generate(1, 1, 1)), "categories"));
        Set<Long> ids = new TreeSet<>();
        for (JsonObject c : categories) {
            ids.add(num(c, "id"));
        }
        Set<Long> expected = new TreeSet<>();
        for (long id = 1; id <= 90; id++) {
            expected.add(id);
        }
        List.of(12L, 26L, 29L, 30L, 45L, 66L, 68L, 69L, 71L, 83L).forEach(expected::remove);
        assertEquals(80, categories.size());
        assertEquals(expected, ids);
        assertEquals("person", categories.get(0).string("name"));
        assertEquals("toothbrush", categories.get(79).string("name"));
        assertEquals("indoor", categories.get(79).string("supercategory"));
    }

    @Test
    void annotationsAreShuffledNotGroupedByImage() {
        List<JsonObject> annotations = objects(array(parse(generate(50, 400, 3)), "annotations"));
        long changes = 0;
        boolean sorted = true;
        for (int i = 1; i < annotations.size(); i++) {
            long prev = num(annotations.get(i - 1), "image_id");
            long cur = num(annotations.get(i), "image_id");
            sorted &= prev <= cur;
            changes += prev != cur ? 1 : 0;
        }
        assertFalse(sorted, "annotations are sorted by image_id");
        // Grouped by image there would be at most 49 changes; drawn at random nearly every neighbour differs.
        assertTrue(changes > 300, "only " + changes + " image changes in 400 annotations");
    }

    @Test
    void polygonsLieInsideTheirImageWithBoundsAreaAndTwoDecimals() {
        JsonObject root = parse(generate(30, 300, 11));
        Map<Long, long[]> sizes = new HashMap<>();
        for (JsonObject image : objects(array(root, "images"))) {
            sizes.put(num(image, "id"), new long[] {num(image, "width"), num(image, "height")});
        }
        int polygons = 0;
        for (JsonObject a : objects(array(root, "annotations"))) {
            if (num(a, "iscrowd") != 0) {
                continue;
            }
            polygons++;
            long[] size = sizes.get(num(a, "image_id"));
            JsonArray parts = array(a, "segmentation");
            assertEquals(1, parts.size());
            List<JsonValue> coords = ((JsonArray) parts.get(0)).values();
            int points = coords.size() / 2;
            assertTrue(points >= 10 && points <= 40 && coords.size() % 2 == 0, "points: " + coords.size() / 2.0);
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = 0, maxY = 0, s = 0;
            for (int i = 0; i < coords.size(); i++) {
                JsonNumber n = (JsonNumber) coords.get(i);
                String lexical = n.lexical();
                assertTrue(lexical.matches("\\d+\\.\\d{1,2}"), "not a two-decimal coordinate: " + lexical);
                double v = n.doubleValue();
                assertTrue(v >= 0 && v <= size[i % 2], v + " outside " + size[0] + "x" + size[1]);
            }
            for (int i = 0; i < points; i++) {
                double x = ((JsonNumber) coords.get(2 * i)).doubleValue();
                double y = ((JsonNumber) coords.get(2 * i + 1)).doubleValue();
                int j = (i + 1) % points;
                s += x * ((JsonNumber) coords.get(2 * j + 1)).doubleValue() - ((JsonNumber) coords.get(2 * j)).doubleValue() * y;
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
            JsonArray bbox = array(a, "bbox");
            assertEquals(minX, ((JsonNumber) bbox.get(0)).doubleValue(), 1e-9);
            assertEquals(minY, ((JsonNumber) bbox.get(1)).doubleValue(), 1e-9);
            assertEquals(maxX - minX, ((JsonNumber) bbox.get(2)).doubleValue(), 1e-6);
            assertEquals(maxY - minY, ((JsonNumber) bbox.get(3)).doubleValue(), 1e-6);
            assertEquals(Math.abs(s) / 2, ((JsonNumber) a.get("area")).doubleValue(), 1e-6);
            assertTrue(((JsonNumber) a.get("area")).doubleValue() > 0);
        }
        assertTrue(polygons > 280, "expected ~99% polygons, got " + polygons);
    }

    @Test
    void aboutOnePercentAreCrowdsWithValidUncompressedRle() {
        JsonObject root = parse(generate(100, 3000, 5));
        Map<Long, long[]> sizes = new HashMap<>();
        for (JsonObject image : objects(array(root, "images"))) {
            sizes.put(num(image, "id"), new long[] {num(image, "width"), num(image, "height")});
        }
        int crowds = 0;
        for (JsonObject a : objects(array(root, "annotations"))) {
            if (num(a, "iscrowd") != 1) {
                continue;
            }
            crowds++;
            long[] size = sizes.get(num(a, "image_id"));
            JsonObject rle = a.object("segmentation");
            JsonArray rleSize = array(rle, "size");
            assertEquals(size[1], ((JsonNumber) rleSize.get(0)).longValue(), "size is [height, width]");
            assertEquals(size[0], ((JsonNumber) rleSize.get(1)).longValue());
            long total = 0;
            long ones = 0;
            List<JsonValue> counts = array(rle, "counts").values();
            for (int i = 0; i < counts.size(); i++) {
                long c = ((JsonNumber) counts.get(i)).longValue();
                assertTrue(c >= 0);
                total += c;
                ones += i % 2 == 1 ? c : 0;
            }
            assertEquals(size[0] * size[1], total, "RLE counts must cover the image");
            assertEquals(ones, num(a, "area"));
            assertTrue(num(a, "id") > 900_000_000_000L);
        }
        assertTrue(crowds >= 10 && crowds <= 60, crowds + " crowds in 3000");
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        byte[] a = generate(10, 70, 99);
        assertArrayEquals(a, generate(10, 70, 99));
        assertFalse(java.util.Arrays.equals(a, generate(10, 70, 100)));
    }

    @Test
    void writesAFileThroughAPartFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub/instances.json");
        new CocoGenerator(new CocoGenerator.Spec(4, 30, 1)).write(out);
        assertArrayEquals(generate(4, 30, 1), Files.readAllBytes(out));
        assertEquals(List.of(out), Files.list(out.getParent()).toList());
    }

    @Test
    void formatsCentsLikePythonFloatRepr() {
        char[] buf = new char[24];
        assertEquals("473.07", new String(buf, 0, CocoGenerator.formatCents(47307, buf)));
        assertEquals("473.1", new String(buf, 0, CocoGenerator.formatCents(47310, buf)));
        assertEquals("473.0", new String(buf, 0, CocoGenerator.formatCents(47300, buf)));
        assertEquals("0.07", new String(buf, 0, CocoGenerator.formatCents(7, buf)));
        assertEquals("0.0", new String(buf, 0, CocoGenerator.formatCents(0, buf)));
        assertEquals("640.0", new String(buf, 0, CocoGenerator.formatCents(64000, buf)));
    }

    @Test
    void presetsAndDerivedSizes() {
        assertEquals(new CocoGenerator.Spec(118_287, 860_001, 1), CocoGenerator.Spec.preset("train2017", 1));
        assertEquals(1_500_000, CocoGenerator.Spec.preset("big", 1).annotations());
        assertEquals(860_001, CocoGenerator.Spec.withImages(118_287, 1).annotations());
        assertEquals(118_287, CocoGenerator.Spec.withAnnotations(860_001, 1).images());
        assertThrows(IllegalArgumentException.class, () -> CocoGenerator.Spec.preset("val2017", 1));
        assertThrows(IllegalArgumentException.class, () -> new CocoGenerator.Spec(0, 5, 1));
    }

    @Test
    void modelItemsHoldTheRequestedAnnotations() {
        List<Item> items = new SyntheticCoco(3).items(25, 180);
        assertEquals(25, items.size());
        assertEquals(180, items.stream().mapToInt(i -> i.annotations().size()).sum());
        assertNotEquals(0, items.get(0).width());
    }
}
