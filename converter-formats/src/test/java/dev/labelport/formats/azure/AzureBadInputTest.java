package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Item;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
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

/** Bad inputs fail with the file, line and JSON path or CSV column of the fault. */
class AzureBadInputTest {
    private static final String OK = "{\"image_url\": \"a.jpg\", \"image_details\": {\"width\": \"10px\", \"height\": \"10px\"},"
            + " \"label\": [{\"label\": \"cat\", \"topX\": 0.1, \"topY\": 0.1, \"bottomX\": 0.5, \"bottomY\": 0.5}]}\n";

    @TempDir
    Path tmp;

    private final FormatProvider azure = FormatRegistry.discover().require(AzureAutomlFormat.ID);

    private Path file(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Dataset read(Path in, String... options) {
        Map<String, String> o = new java.util.HashMap<>();
        for (String kv : options) {
            o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return Datasets.read(azure, in, ReadContext.of(in.getFileName().toString()).withOptions(FormatOptions.of(o)));
    }

    private InvalidInputException fails(Path in, String... options) {
        return assertThrows(InvalidInputException.class, () -> read(in, options));
    }

    @Test
    void aWidthThatIsNotPixelsIsKeptAsWrittenAndReportedWithLineAndPath() throws IOException {
        Path in = file("w.jsonl", OK + "{\"image_url\": \"b.jpg\", \"image_details\": {\"format\": \"jpg\", \"width\": \"abc px\","
                + " \"height\": \"5px\"}, \"label\": []}\n");
        ReadContext ctx = ReadContext.of("w.jsonl");
        Dataset d = Datasets.read(azure, in, ctx);
        Item b = d.items().get(d.items().size() - 1);
        assertEquals(null, b.width()); // no size rather than a refused file (issue 13): the coordinates are fractions
        assertEquals(JsonValue.of("abc px"), b.extension("azure-automl").object("image_details").get("width"));
        var loss = ctx.reporter().build("azure-automl", "azure-automl").losses().get(0);
        assertEquals("INCONSISTENT_METADATA", loss.code().code());
        assertTrue(loss.examples().get(0).location().startsWith("w.jsonl:2:")
                && loss.examples().get(0).location().endsWith("at image_details.width"), loss.examples().toString());
        assertTrue(loss.examples().get(0).detail().contains("\"abc px\""), loss.examples().toString());
    }

    @Test
    void aHugeWidthIsALimitBeforeAnything() throws IOException {
        Path in = file("huge.jsonl", "{\"image_url\": \"b.jpg\", \"image_details\": {\"width\": \"9999999px\", \"height\": 5}}\n");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> read(in));
        assertEquals("image_details.width", e.location().path());
        assertTrue(e.getMessage().contains("maxImageDimension"), e.getMessage());
    }

    @Test
    void malformedJsonNamesItsLineAndColumn() throws IOException {
        Path in = file("m.jsonl", OK + OK + "{\"image_url\": \"c.jpg\", \"label\": [}\n");
        InvalidInputException e = fails(in);
        assertEquals(3, e.location().line());
        assertTrue(e.location().column() > 30, e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void anOddPolygonNamesThePolygon() throws IOException {
        Path in = file("p.jsonl", "{\"image_url\": \"a.jpg\", \"label\": [{\"label\": \"x\", \"polygon\": [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6],"
                + " [0.1, 0.2, 0.3]]}]}\n");
        InvalidInputException e = fails(in);
        assertEquals(1, e.location().line());
        assertEquals("label[0].polygon[1]", e.location().path());
        assertTrue(e.getMessage().contains("odd number of coordinates (3)"), e.getMessage());
    }

    @Test
    void anInvertedBoxNamesTheObject() throws IOException {
        Path in = file("b.jsonl", "{\"image_url\": \"a.jpg\", \"label\": [{\"label\": \"x\", \"topX\": 0.5, \"topY\": 0.1,"
                + " \"bottomX\": 0.2, \"bottomY\": 0.4}]}\n");
        InvalidInputException e = fails(in);
        assertEquals("label[0]", e.location().path());
        assertTrue(e.getMessage().contains("above or left"), e.getMessage());
    }

    @Test
    void twoTasksInOneFileAreRefusedWhereTheSecondShows() throws IOException {
        Path in = file("t.jsonl", "{\"image_url\": \"a.jpg\", \"label\": \"cat\"}\n\n{\"image_url\": \"b.jpg\", \"label\": [\"cat\", \"dog\"]}\n");
        InvalidInputException e = fails(in);
        assertEquals(3, e.location().line());
        assertEquals("label[0]", e.location().path());
        assertTrue(e.getMessage().contains("image-multilabel") && e.getMessage().contains("image-classification"), e.getMessage());
        InvalidInputException forced = fails(file("f.jsonl", OK), "task=instance-segmentation");
        assertTrue(forced.getMessage().contains("option task=instance-segmentation"), forced.getMessage());
    }

    @Test
    void missingImageUrlAndTrailingContentAreErrors() throws IOException {
        assertTrue(fails(file("u.jsonl", "{\"label\": \"cat\"}\n")).getMessage().contains("missing image_url"));
        InvalidInputException e = fails(file("x.jsonl", "{\"image_url\": \"a.jpg\"} {\"image_url\": \"b.jpg\"}\n"));
        assertTrue(e.getMessage().contains("unexpected content after the JSON object"), e.getMessage());
    }

    @Test
    void theLenientPolicySkipsABadLineAndReadsTheRest() throws IOException {
        Path in = file("l.jsonl", OK + "{\"image_url\": 7}\n" + OK);
        Reporter reporter = new Reporter(false);
        Dataset d = Datasets.read(azure, in, new ReadContext("l.jsonl", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP,
                reporter, null));
        assertEquals(2, d.items().size());
        assertEquals(1, reporter.lossCount("SKIPPED_RECORD"));
    }

    @Test
    void aCsvRowWithTheWrongNumberOfCellsNamesItsLine() throws IOException {
        Path in = file("r.csv", "text,label\nfine,a\n\"two\nlines\",b\nshort\n");
        InvalidInputException e = fails(in);
        assertEquals(5, e.location().line());
        assertTrue(e.getMessage().contains("1 cell but the header has 2 columns"), e.getMessage());
    }

    @Test
    void aBadListLiteralNamesTheLabelColumn() throws IOException {
        Path in = file("l.csv", "text,topics\na,\"['x', 'y']\"\nb,\"['x', 'y'\"\n");
        InvalidInputException e = fails(in);
        assertEquals(3, e.location().line());
        assertEquals("column 'topics'", e.location().path());
        assertTrue(e.getMessage().contains("expected ',' or ']'"), e.getMessage());
    }

    @Test
    void anUnknownLabelColumnIsNamed() throws IOException {
        Path in = file("c.csv", "text,label\na,b\n");
        InvalidInputException e = fails(in, "label-column=category");
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("no column named 'category'"), e.getMessage());
    }

    @Test
    void anUnclosedQuoteIsMalformedCsv() throws IOException {
        Path in = file("q.csv", "text,label\n\"never closed,a\n");
        LabelportException e = assertThrows(LabelportException.class, () -> read(in));
        assertEquals("q.csv", e.location().source());
        assertTrue(e.location().line() >= 2, e.getMessage());
    }

    @Test
    void unknownOptionsAndTasksAreRefused() throws IOException {
        Path in = file("o.jsonl", OK);
        assertTrue(assertThrows(LabelportException.class, () -> read(in, "scheme=iob1")).getMessage().contains("unknown option"));
        assertTrue(assertThrows(LabelportException.class, () -> read(in, "task=segmentation")).getMessage()
                .contains("instance-segmentation"));
    }
}
