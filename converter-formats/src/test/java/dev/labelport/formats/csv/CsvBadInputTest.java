package dev.labelport.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.report.Reporter;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken CSV fails with the file, the line, the row and the column. */
class CsvBadInputTest {
    @TempDir
    Path tmp;

    private static final String TF = "filename,width,height,class,xmin,ymin,xmax,ymax\n";

    private Path file(String content) throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private InvalidInputException fails(String content) throws IOException {
        Path f = file(content);
        return assertThrows(InvalidInputException.class, () -> Datasets.read(new CsvFormat(), f, ReadContext.of("bad.csv")));
    }

    @Test
    void wrongColumnCountNamesLineAndRow() throws IOException {
        InvalidInputException e = fails(TF + "a.jpg,10,10,cat,1,2,3,4\nb.jpg,10,10,cat,1,2,3\n");
        assertEquals("bad.csv", e.location().source());
        assertEquals(3, e.location().line());
        assertEquals("row 2", e.location().path());
        assertTrue(e.getMessage().contains("row 2 has 7 columns, the header has 8"), e.getMessage());
    }

    @Test
    void nonNumericCoordinateNamesTheColumn() throws IOException {
        InvalidInputException e = fails(TF + "a.jpg,10,10,cat,1,2,3,4\nb.jpg,10,10,cat,1,two,3,4\n");
        assertEquals(3, e.location().line());
        assertEquals("row 2 column ymin", e.location().path());
        assertTrue(e.getMessage().contains("not a number: \"two\""), e.getMessage());
    }

    @Test
    void lineNumbersCountLineBreaksInsideQuotedCells() throws IOException {
        String header = "image,item_id,label,type,x,y,w,h\n";
        InvalidInputException e = fails(header + "a.jpg,1,\"two\nlines\",box,1,2,3,4\r\nb.jpg,2,car,box,1,2,x,4\n");
        assertEquals(4, e.location().line(), e.getMessage());
        assertEquals("row 2 column w", e.location().path());
    }

    @Test
    void unterminatedQuoteNamesWhereTheRowStarts() throws IOException {
        InvalidInputException e = fails(TF + "a.jpg,10,10,cat,1,2,3,4\nb.jpg,10,10,\"cat,1,2,3,4\nc.jpg,10,10,cat,1,2,3,4\n");
        assertEquals(3, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains("unterminated quoted field"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.csv:3"), e.getMessage());
    }

    @Test
    void badJsonCellNamesTheColumn() throws IOException {
        InvalidInputException e = fails("image,type,points\na.jpg,polygon,\"[[[1,2],[3,4]\"\n");
        assertEquals("row 1 column points", e.location().path());
        assertEquals(2, e.location().line());
    }

    @Test
    void aLabelWithoutATypeIsRefusedButCoordinatesAloneAreABox() throws IOException {
        InvalidInputException e = fails("image,label,type,x,y,w,h\na.jpg,car,,,,,\n");
        assertEquals("row 1 column type", e.location().path());
        Path f = file("image,label,type,x,y,w,h\na.jpg,car,,1,2,3,4\n");
        assertEquals(new dev.labelport.model.Box(1, 2, 3, 4),
                Datasets.read(new CsvFormat(), f).items().get(0).annotations().get(0).geometry());
    }

    @Test
    void unknownHeaderIsRefused() throws IOException {
        InvalidInputException e = fails("filename, label_0, label_1\ntrain_001.jpg, 1, 0\n");
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("not an annotation CSV header"), e.getMessage());
    }

    @Test
    void presetOptionNeedsItsColumns() throws IOException {
        Path f = file(TF + "a.jpg,10,10,cat,1,2,3,4\n");
        ReadContext ctx = ReadContext.of("bad.csv").withOptions(dev.labelport.spi.FormatOptions.of(java.util.Map.of("read-preset", "vott")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(new CsvFormat(), f, ctx));
        assertTrue(e.getMessage().contains("preset vott needs the columns"), e.getMessage());
    }

    @Test
    void lenientPolicySkipsBadRowsAndReportsThem() throws IOException {
        Path f = file(TF + "a.jpg,10,10,cat,1,2,3,4\nb.jpg,10,10,cat,1,2,3\nc.jpg,10,10,dog,1,x,3,4\nd.jpg,10,10,cat,1,2,3,4\n");
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext("bad.csv", dev.labelport.spi.FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP,
                reporter, null);
        Dataset d = Datasets.read(new CsvFormat(), f, ctx);
        assertEquals(2, d.items().size());
        assertEquals(2, reporter.lossCount("SKIPPED_RECORD"));
    }

    @Test
    void longRecordsAndManyCategoriesHitTheLimits() throws IOException {
        Path f = file(TF + "a.jpg,10,10," + "c".repeat(500) + ",1,2,3,4\n");
        assertThrows(LimitExceededException.class, () -> Datasets.read(new CsvFormat(), f,
                ReadContext.of("bad.csv").withLimits(Limits.builder().maxLineLength(100).build())));
        Path g = file(TF + "a.jpg,10,10,cat,1,2,3,4\na.jpg,10,10,dog,1,2,3,4\n");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Datasets.read(new CsvFormat(), g,
                ReadContext.of("bad.csv").withLimits(Limits.builder().maxCategories(1).build())));
        assertEquals("row 2 column class", e.location().path());
    }

    @Test
    void nulBytesAreNotText() throws IOException {
        InvalidInputException e = fails(TF + "a.jpg,10,10,c\0t,1,2,3,4\n");
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void malformedUtf8IsLocated() throws IOException {
        Path f = tmp.resolve("latin.csv");
        byte[] head = TF.getBytes(StandardCharsets.UTF_8);
        byte[] row = "caf\u00e9.jpg,10,10,cat,1,2,3,4\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + row.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(row, 0, all, head.length, row.length);
        Files.write(f, all);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(new CsvFormat(), f));
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }
}
