package dev.labelport.formats.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.Limits;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed input: every failure names the file, the line and the JSON path or CSV column. */
class VertexBadInputTest {
    private static final VertexFormat VERTEX = new VertexFormat();
    private static final String GOOD = "{\"imageGcsUri\":\"gs://b/a.jpg\"}\n";

    @TempDir
    Path tmp;

    private LabelportException fails(String name, String content, ReadContext ctx) throws IOException {
        Path f = Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
        return assertThrows(LabelportException.class, () -> Datasets.read(VERTEX, f, ctx));
    }

    private LabelportException fails(String name, String content) throws IOException {
        return fails(name, content, ReadContext.of(name));
    }

    private static void assertAt(LabelportException e, String source, long line, String path) {
        assertEquals(source, e.location().source(), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(path, e.location().path(), e.getMessage());
        assertTrue(e.getMessage().startsWith(source + ":" + line), e.getMessage());
    }

    @Test
    void malformedJsonNamesItsLineAndColumn() throws IOException {
        LabelportException e = fails("bad.jsonl", GOOD + GOOD + "{\"imageGcsUri\": \"gs://b/c.jpg\",,}\n");
        assertEquals(3, e.location().line(), e.getMessage());
        assertTrue(e.location().column() > 20, e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void aCoordinateThatIsNotANumberNamesItsPath() throws IOException {
        LabelportException e = fails("bad.jsonl", GOOD + "{\"imageGcsUri\":\"gs://b/c.jpg\",\"boundingBoxAnnotations\":"
                + "[{\"displayName\":\"a\",\"xMin\":0,\"yMin\":0,\"xMax\":1,\"yMax\":1},{\"displayName\":\"b\",\"xMin\":\"left\"}]}\n");
        assertAt(e, "bad.jsonl", 2, "boundingBoxAnnotations[1].xMin");
        assertTrue(e.getMessage().contains("expected a number"), e.getMessage());
    }

    @Test
    void aBoxWithoutACornerNamesTheBox() throws IOException {
        LabelportException e = fails("bad.jsonl", "{\"imageGcsUri\":\"gs://b/c.jpg\",\"boundingBoxAnnotations\":"
                + "[{\"displayName\":\"a\",\"xMin\":0,\"yMin\":0,\"xMax\":1}]}\n");
        assertAt(e, "bad.jsonl", 1, "boundingBoxAnnotations[0]");
        assertTrue(e.getMessage().contains("yMax is missing"), e.getMessage());
    }

    @Test
    void anInvertedBoxIsRefused() throws IOException {
        LabelportException e = fails("bad.jsonl", "{\"imageGcsUri\":\"gs://b/c.jpg\",\"boundingBoxAnnotations\":"
                + "[{\"displayName\":\"a\",\"xMin\":0.5,\"yMin\":0,\"xMax\":0.2,\"yMax\":1}]}\n");
        assertAt(e, "bad.jsonl", 1, "boundingBoxAnnotations[0]");
    }

    @Test
    void aLineWithoutMediaIsRefused() throws IOException {
        LabelportException e = fails("bad.jsonl", GOOD + "{\"classificationAnnotation\":{\"displayName\":\"x\"}}\n");
        assertAt(e, "bad.jsonl", 2, null);
        assertTrue(e.getMessage().contains("imageGcsUri, textContent or textGcsUri"), e.getMessage());
    }

    @Test
    void aSegmentPastTheEndOfTheTextIsRefused() throws IOException {
        LabelportException e = fails("bad.jsonl", "{\"textContent\":\"short\",\"textSegmentAnnotations\":"
                + "[{\"startOffset\":0,\"endOffset\":5,\"displayName\":\"A\"},{\"startOffset\":2,\"endOffset\":6,\"displayName\":\"B\"}]}\n");
        assertAt(e, "bad.jsonl", 1, "textSegmentAnnotations[1]");
        assertTrue(e.getMessage().contains("does not fit the text of 5 code-points"), e.getMessage());
    }

    @Test
    void aSegmentInsideAnEmojiIsRefusedInUtf16Units() throws IOException {
        String line = "{\"textContent\":\"a😀b\",\"textSegmentAnnotations\":[{\"startOffset\":2,\"endOffset\":4,\"displayName\":\"A\"}]}\n";
        LabelportException e = fails("bad.jsonl", line, ReadContext.of("bad.jsonl").withOptions(FormatOptions.of(Map.of("offset-unit", "utf16"))));
        assertAt(e, "bad.jsonl", 1, "textSegmentAnnotations[0]");
        assertTrue(e.getMessage().contains("cuts a character"), e.getMessage());
    }

    @Test
    void aSegmentWhoseContentDisagreesFailsOrIsReported() throws IOException {
        String line = "{\"textContent\":\"Take Metformin daily\",\"textSegmentAnnotations\":"
                + "[{\"startOffset\":5,\"endOffset\":14,\"displayName\":\"DRUG\",\"content\":\"Metformin \"}]}\n";
        LabelportException e = fails("bad.jsonl", line);
        assertAt(e, "bad.jsonl", 1, "textSegmentAnnotations[0]");
        assertTrue(e.getMessage().contains("covers 'Metformin' but its content is 'Metformin '"), e.getMessage());

        Path f = Files.writeString(tmp.resolve("report.jsonl"), line, StandardCharsets.UTF_8);
        ReadContext ctx = ReadContext.of("report.jsonl").withOptions(FormatOptions.of(Map.of("span-mismatch", "report")));
        Dataset d = Datasets.read(VERTEX, f, ctx);
        assertEquals(1, d.annotationCount());
        assertEquals(1, ctx.reporter().lossCount("SPAN_TEXT_MISMATCH"));
    }

    @Test
    void badLinesAreSkippedOneByOneUnderTheLenientPolicy() throws IOException {
        Path f = Files.writeString(tmp.resolve("skip.jsonl"), GOOD + "{oops\n" + "[1]\n" + GOOD, StandardCharsets.UTF_8);
        ReadContext ctx = ReadContext.of("skip.jsonl").withErrorPolicy(ErrorPolicy.SKIP);
        Dataset d = Datasets.read(VERTEX, f, ctx);
        assertEquals(2, d.items().size());
        assertEquals(2, ctx.reporter().lossCount(LossCode.SKIPPED_RECORD.code()));
    }

    @Test
    void tooManyLabelsIsALimit() throws IOException {
        LabelportException e = fails("many.jsonl", "{\"imageGcsUri\":\"gs://b/c.jpg\",\"classificationAnnotations\":"
                + "[{\"displayName\":\"a\"},{\"displayName\":\"b\"}]}\n",
                ReadContext.of("many.jsonl").withLimits(Limits.builder().maxCategories(1).build()));
        assertTrue(e instanceof LimitExceededException, e.toString());
        assertAt(e, "many.jsonl", 1, "classificationAnnotations[1]");
    }

    @Test
    void aLongLineIsALimit() throws IOException {
        LabelportException e = fails("long.jsonl", GOOD + "{\"textContent\":\"" + "x".repeat(500) + "\"}\n",
                ReadContext.of("long.jsonl").withLimits(Limits.builder().maxLineLength(100).build()));
        assertTrue(e instanceof LimitExceededException, e.toString());
        assertEquals(2, e.location().line(), e.getMessage());
    }

    @Test
    void aLongCsvLineIsALimitBeforeItIsBuffered() throws IOException {
        LabelportException e = fails("long.csv", "gs://b/a.jpg,x\n\"" + "y".repeat(500) + "\",z\n",
                ReadContext.of("long.csv").withLimits(Limits.builder().maxLineLength(100).build()));
        assertTrue(e instanceof LimitExceededException, e.toString());
        assertEquals(2, e.location().line(), e.getMessage());
    }

    @Test
    void csvCoordinatesInTheWrongPatternNameTheColumn() throws IOException {
        LabelportException e = fails("bad.csv", "TRAIN,gs://b/a.jpg,Cat,0.1,0.2,,,0.5,0.6,,\n"
                + "TRAIN,gs://b/a.jpg,Cat,0.1,0.2,0.3,,0.5,0.6,,\n");
        assertAt(e, "bad.csv", 2, "X2 (column 6)");
        assertTrue(e.getMessage().contains("expected two vertices"), e.getMessage());
    }

    @Test
    void csvBoxWithoutALabelNamesTheLabelColumn() throws IOException {
        LabelportException e = fails("bad.csv", "gs://b/a.jpg,,0.1,0.2,,,0.5,0.6,,\n");
        assertAt(e, "bad.csv", 1, "LABEL (column 2)");
    }

    @Test
    void csvDetectionRowCutShortIsRefused() throws IOException {
        LabelportException e = fails("bad.csv", "gs://b/a.jpg,Cat,0.1,0.2,,,0.5,0.6,,\ngs://b/b.jpg,Cat,0.1,0.2\n");
        assertAt(e, "bad.csv", 2, "LABEL (column 2)");
        assertTrue(e.getMessage().contains("this row has 4 columns"), e.getMessage());
    }

    @Test
    void csvLineNumbersCountQuotedNewlines() throws IOException {
        LabelportException e = fails("bad.csv", "\"a text\nover two lines\",POS\n\"another\",\nTRAIN,\n");
        assertAt(e, "bad.csv", 4, "GCS_FILE_PATH (column 2)");
    }

    @Test
    void csvInvalidUtf8IsLocated() throws IOException {
        Path f = tmp.resolve("bin.csv");
        Files.write(f, new byte[] {'g', 's', ':', '/', '/', 'a', '.', 'j', 'p', 'g', ',', 'x', '\n', 'a', (byte) 0xC3, '(', '\n'});
        LabelportException e = assertThrows(LabelportException.class, () -> Datasets.read(VERTEX, f, ReadContext.of("bin.csv")));
        assertEquals("bin.csv", e.location().source());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    /** Rows of one image listed apart: a located error naming both places, or skipped under the lenient policy. */
    @Test
    void scatteredRowsOfAnImageAreALocatedError() throws IOException {
        String csv = "gs://b/a.jpg,Cat,0.1,0.2,,,0.5,0.6,,\n"
                + "gs://b/b.jpg,Dog,0.1,0.2,,,0.5,0.6,,\n"
                + "gs://b/a.jpg,Cat,0.3,0.2,,,0.5,0.6,,\n";
        LabelportException e = fails("scattered.csv", csv);
        assertAt(e, "scattered.csv", 3, "GCS_FILE_PATH");
        assertTrue(e.getMessage().contains("already had rows from line 1"), e.getMessage());

        Path f = Files.writeString(tmp.resolve("lenient.csv"), csv, StandardCharsets.UTF_8);
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext("lenient.csv", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP, reporter, null);
        Dataset d = Datasets.read(VERTEX, f, ctx);
        assertEquals(2, d.items().size());
        assertEquals(1, reporter.lossCount(LossCode.SKIPPED_RECORD.code()));
    }
}
