package dev.labelport.formats.avala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.model.Item;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken exports: each error names the file, the line and the path of what is wrong. */
class AvalaBadInputTest {
    @TempDir
    Path tmp;

    private final FormatProvider avala = FormatRegistry.discover().require("avala");

    private static final String HEAD = """
            {"scheme_version": "1.0",
             "datasets": [{"uid": "d1", "name": "street", "items": [
               {"uid": "i1", "ref_id": "a.jpg", "metadata": {}},
               {"uid": "i2", "ref_id": "b.jpg", "metadata": {}}]}],
             "projects": [{"uid": "p1", "name": "det", "labels": [{"name": "car", "color": "#ff0000"}]}],
            """;

    /** An export whose {@code results} array is {@code results} (one result per line, from line 7). */
    private Path export(String name, String results) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, HEAD + " \"results\": [\n" + results + "\n]}\n");
        return f;
    }

    private static String box(String coordinates) {
        return "{\"uid\": \"a1\", \"type\": \"bounding_box\", \"label\": \"car\", \"coordinates\": " + coordinates + "}";
    }

    /** A result on one line holding one box. */
    private static String boxResult(String coordinates) {
        return "{\"dataset_item_uid\": \"i1\", \"project_uid\": \"p1\", \"annotations\": [" + box(coordinates) + "]}";
    }

    private InvalidInputException fails(Path f) {
        return assertThrows(InvalidInputException.class, () -> Datasets.read(avala, f));
    }

    private static void assertLocated(LabelportException e, String file, long line, String path) {
        assertEquals(file, e.location().source(), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(path, e.location().path(), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":" + line), e.getMessage());
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    @Test
    void danglingItemUidNamesTheResultFieldAndLine() throws IOException {
        Path f = export("dangling.json", """
                {"uid": "r1", "dataset_item_uid": "i1", "project_uid": "p1", "annotations": []},
                {"uid": "r2", "project_uid": "p1",
                 "dataset_item_uid": "nope", "annotations": []}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "dangling.json", 9, "results[1].dataset_item_uid");
        assertTrue(e.getMessage().contains("\"nope\""), e.getMessage());
        assertTrue(e.location().byteOffset() > 0, e.getMessage());
        byte[] bytes = Files.readAllBytes(f);
        String at = new String(bytes, (int) e.location().byteOffset(), 6, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("\"nope\"", at, "the byte offset points at the value");
    }

    @Test
    void danglingProjectUid() throws IOException {
        Path f = export("project.json", """
                {"uid": "r1", "dataset_item_uid": "i1", "project_uid": "p9", "annotations": []}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "project.json", 7, "results[0].project_uid");
        assertTrue(e.getMessage().contains("\"p9\""), e.getMessage());
    }

    @Test
    void danglingResultsAreSkippedUnderTheLenientPolicy() throws IOException {
        Path f = export("lenient.json", """
                {"uid": "r1", "dataset_item_uid": "i1", "project_uid": "p1", "annotations": [%s]},
                {"uid": "r2", "dataset_item_uid": "nope", "project_uid": "p1", "annotations": []},
                {"uid": "r3", "dataset_item_uid": "i2", "project_uid": "p9", "annotations": []}"""
                .formatted(box("{\"x\": 1, \"y\": 2, \"width\": 3, \"height\": 4}")));
        Reporter reporter = new Reporter(false);
        Dataset d = Datasets.read(avala, f, lenient("lenient.json", reporter));
        assertEquals(2, d.items().size());
        assertEquals(1, d.items().get(0).annotations().size());
        assertTrue(d.items().get(1).annotations().isEmpty());
        assertEquals(2, reporter.lossCount(LossCode.SKIPPED_RECORD.code()));
        String report = reporter.build("avala", null).toJson();
        assertTrue(report.contains("results[1].dataset_item_uid") && report.contains("results[2].project_uid"), report);
    }

    private static ReadContext lenient(String name, Reporter reporter) {
        return new ReadContext(name, FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP, reporter, null);
    }

    @Test
    void unknownTypeFailsAtTheTypeValue() throws IOException {
        Path f = export("type.json", """
                {"uid": "r1", "dataset_item_uid": "i1", "project_uid": "p1", "annotations": [
                  {"uid": "a1", "type": "segmentation_mask", "label": "car", "mask": "xyz"}]}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "type.json", 8, "results[0].annotations[0].type");
        assertTrue(e.getMessage().contains("unknown annotation type \"segmentation_mask\""), e.getMessage());
    }

    @Test
    void unknownTypeIsSkippedUnderTheLenientPolicy() throws IOException {
        Path f = export("skip-type.json", """
                {"uid": "r1", "dataset_item_uid": "i1", "project_uid": "p1", "annotations": [
                  {"uid": "a0", "type": "segmentation_mask", "label": "car", "mask": {"counts": [1, 2, {"deep": []}]}},
                  %s,
                  {"uid": "a2", "type": "polygon", "label": "car", "vertices": [[0, 0], "bad", [1, 1]]},
                  {"uid": "a3", "type": "classification", "label": "car"}]}"""
                .formatted(box("{\"x\": 1, \"y\": 2, \"width\": 3, \"height\": 4}")));
        Reporter reporter = new Reporter(false);
        Dataset d = Datasets.read(avala, f, lenient("skip-type.json", reporter));
        Item i1 = d.items().get(0);
        assertEquals(List.of("a1", "a3"), i1.annotations().stream().map(a -> a.id().text()).toList());
        assertEquals(2, reporter.lossCount(LossCode.SKIPPED_RECORD.code()));
    }

    @Test
    void negativeWidth() throws IOException {
        Path f = export("negative.json", boxResult("{\"x\": 1, \"y\": 2, \"width\": -3, \"height\": 4}"));
        InvalidInputException e = fails(f);
        assertLocated(e, "negative.json", 7, "results[0].annotations[0].coordinates.width");
        assertTrue(e.getMessage().contains("negative width -3"), e.getMessage());
    }

    @Test
    void negativeFlatHeight() throws IOException {
        Path f = export("flat.json", """
                {"dataset_item_uid": "i1", "project_uid": "p1", "annotations": [
                  {"type": "bounding_box", "label": "car", "x": 0, "y": 0, "width": 1,
                   "height": -0.5}]}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "flat.json", 9, "results[0].annotations[0].height");
    }

    @Test
    void wrongTypeOfACoordinate() throws IOException {
        Path f = export("string.json", boxResult("{\"x\": \"left\", \"y\": 2, \"width\": 3, \"height\": 4}"));
        InvalidInputException e = fails(f);
        assertLocated(e, "string.json", 7, "results[0].annotations[0].coordinates.x");
        assertTrue(e.getMessage().contains("expected a number, found a string"), e.getMessage());
    }

    @Test
    void wrongTypeOfAVertex() throws IOException {
        Path f = export("vertex.json", """
                {"dataset_item_uid": "i1", "project_uid": "p1", "annotations": [
                  {"type": "polygon", "label": "car", "vertices": [[0, 0], [1, true], [2, 2]]}]}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "vertex.json", 8, "results[0].annotations[0].vertices[1][1]");
    }

    @Test
    void wrongTypeOfANestedVertex() throws IOException {
        Path f = export("nested-vertex.json", """
                {"dataset_item_uid": "i1", "project_uid": "p1", "annotations": [
                  {"type": "polygon", "label": "car", "coordinates": {"vertices": [[0, 0], [1, true], [2, 2]]}}]}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "nested-vertex.json", 8, "results[0].annotations[0].coordinates.vertices[1][1]");
    }

    @Test
    void geometryBothFlatAndNestedIsRefused() throws IOException {
        Path f = export("twice.json", """
                {"dataset_item_uid": "i1", "project_uid": "p1", "annotations": [
                  {"type": "polygon", "label": "car", "vertices": [[0, 0], [1, 1], [2, 2]],
                   "coordinates": {"vertices": [[0, 0], [1, 1], [2, 2]]}}]}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "twice.json", 9, "results[0].annotations[0].coordinates.vertices");
        assertTrue(e.getMessage().contains("\"vertices\" given twice"), e.getMessage());
    }

    @Test
    void wrongTypeOfTopLevelArrays() throws IOException {
        Path f = tmp.resolve("items.json");
        Files.writeString(f, "{\"datasets\": [{\"uid\": \"d\", \"items\": {\"uid\": \"i\"}}], \"results\": []}");
        InvalidInputException e = fails(f);
        assertEquals("datasets[0].items", e.location().path(), e.getMessage());
        assertTrue(e.getMessage().contains("expected an array of items, found an object"), e.getMessage());

        Path g = tmp.resolve("array.json");
        Files.writeString(g, "[1, 2]");
        InvalidInputException e2 = fails(g);
        assertTrue(e2.getMessage().contains("array.json:1:1"), e2.getMessage());
    }

    @Test
    void wrongTypeOfMetadataNamesTheItem() throws IOException {
        Path f = tmp.resolve("meta.json");
        Files.writeString(f, """
                {"datasets": [{"uid": "d", "items": [
                  {"uid": "i0", "metadata": {}},
                  {"uid": "i1",
                   "metadata": "sunny"}]}],
                 "projects": [], "results": []}""");
        InvalidInputException e = fails(f);
        assertLocated(e, "meta.json", 4, "datasets[0].items[1].metadata");
    }

    @Test
    void missingLabelAndDuplicateItem() throws IOException {
        Path f = export("label.json", """
                {"dataset_item_uid": "i2", "project_uid": "p1", "annotations": [{"type": "classification"}]}""");
        InvalidInputException e = fails(f);
        assertTrue(e.getMessage().contains("annotation without a label"), e.getMessage());
        assertEquals("results[0].annotations[0]", e.location().path());

        Path g = tmp.resolve("dup.json");
        Files.writeString(g, "{\"datasets\": [{\"uid\": \"d\", \"items\": [{\"uid\": \"i\"},\n{\"uid\": \"i\"}]}]}");
        InvalidInputException e2 = fails(g);
        assertLocated(e2, "dup.json", 2, "datasets[0].items[1].uid");
    }

    @Test
    void truncatedFile() throws IOException {
        Path f = export("cut.json", boxResult("{\"x\": 1, \"y\": 2, \"width\": 3, \"height\": 4}"));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 20));
        InvalidInputException e = fails(f);
        assertEquals("cut.json", e.location().source());
        assertTrue(e.location().line() >= 7, e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void garbageAndTrailingContent() throws IOException {
        Path f = tmp.resolve("garbage.json");
        Files.writeString(f, "{\"datasets\": [] } trailing");
        InvalidInputException e = fails(f);
        assertEquals("garbage.json", e.location().source());

        Path g = tmp.resolve("words.json");
        Files.writeString(g, "hello world");
        assertTrue(fails(g).getMessage().startsWith("words.json:1:"));
    }

    @Test
    void invalidUtf8IsLocated() throws IOException {
        Path f = tmp.resolve("latin1.json");
        byte[] head = "{\"datasets\": [{\"uid\": \"d\", \"name\": \"caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = "\", \"items\": []}]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // é in ISO-8859-1: not UTF-8
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Files.write(f, all);
        InvalidInputException e = fails(f);
        assertEquals("latin1.json", e.location().source());
        assertEquals(1, e.location().line(), e.getMessage());
    }

    @Test
    void tooManyVerticesIsALimitError() throws IOException {
        Path f = export("limit.json", """
                {"dataset_item_uid": "i1", "project_uid": "p1", "annotations": [
                  {"type": "polyline", "label": "car", "vertices": [[0, 0], [1, 1], [2, 2], [3, 3]]}]}""");
        ReadContext ctx = ReadContext.of("limit.json").withLimits(Limits.builder().maxPolygonVertices(3).build());
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Datasets.read(avala, f, ctx));
        assertLocated(e, "limit.json", 8, "results[0].annotations[0].vertices[3]");
    }

    @Test
    void tooManyLabelsIsALimitError() throws IOException {
        Path f = export("labels.json", "");
        ReadContext ctx = ReadContext.of("labels.json").withLimits(Limits.builder().maxCategories(0 + 1).build());
        Files.writeString(f, Files.readString(f).replace("{\"name\": \"car\", \"color\": \"#ff0000\"}",
                "{\"name\": \"car\"}, {\"name\": \"bus\"}"));
        assertThrows(LimitExceededException.class, () -> Datasets.read(avala, f, ctx));
    }

    @Test
    void unknownReaderOptionIsRejected() throws IOException {
        Path f = export("opt.json", "");
        ReadContext ctx = ReadContext.of("opt.json").withOptions(FormatOptions.of(java.util.Map.of("prety", "true")));
        LabelportException e = assertThrows(LabelportException.class, () -> Datasets.read(avala, f, ctx));
        assertTrue(e.getMessage().contains("unknown option 'prety'"), e.getMessage());
    }
}
