package dev.labelport.formats.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
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

/** Hostile and broken VOC files: each refused with its file, line and column, nothing outside the input read. */
class VocBadInputTest {
    private static final VocFormat VOC = new VocFormat();
    private static final String SECRET = "labelport-secret-4f2a9c";

    @TempDir
    Path tmp;

    private Path dataset(String xml) throws IOException {
        Path root = tmp.resolve("in");
        Files.createDirectories(root.resolve("Annotations"));
        Files.writeString(root.resolve("Annotations/img.xml"), xml, StandardCharsets.UTF_8);
        return root;
    }

    private static Dataset read(Path root) {
        return Datasets.read(VOC, root, ReadContext.of("in"));
    }

    @Test
    void externalEntityIsRefusedAndTheFileItNamesIsNeverRead() throws IOException {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        Path root = dataset("<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [\n  <!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">\n]>\n<annotation><filename>&xxe;</filename></annotation>\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(root));
        assertEquals("in/Annotations/img.xml", e.location().source());
        assertTrue(e.location().line() >= 2, e.getMessage());
        assertTrue(e.location().column() >= 1, e.getMessage());
        assertTrue(e.getMessage().startsWith("in/Annotations/img.xml:"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "cause " + t);
        }
    }

    @Test
    void externalEntityIsNotExpandedEvenWhenRecordsAreSkipped() throws IOException {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        Path root = dataset("<!DOCTYPE annotation [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<annotation><filename>&xxe;</filename><object><name>&xxe;</name></object></annotation>");
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext("in", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP, reporter, null);
        Dataset d = Datasets.read(VOC, root, ctx);
        assertTrue(d.items().isEmpty(), d.toString());
        assertEquals(1, reporter.lossCount("SKIPPED_RECORD"));
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i == 1 ? "" : Integer.toString(i - 1)).append(';');
            }
            dtd.append("\">\n");
        }
        dtd.append("]>\n<annotation><filename>&lol9;</filename></annotation>\n");
        Path root = dataset(dtd.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(root));
        assertEquals("in/Annotations/img.xml", e.location().source());
        assertTrue(e.location().line() > 0, e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void aDoctypeAloneIsRefused() throws IOException {
        Path root = dataset("<?xml version=\"1.0\"?>\n<!DOCTYPE annotation>\n<annotation><filename>a.jpg</filename></annotation>\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(root));
        assertEquals(2, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void anExternalDtdIsRefusedWithoutFetchingIt() throws IOException {
        Path secret = tmp.resolve("evil.dtd");
        Files.writeString(secret, "<!ENTITY x \"" + SECRET + "\">");
        Path root = dataset("<!DOCTYPE annotation SYSTEM \"" + secret.toUri() + "\"><annotation><filename>&x;</filename></annotation>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(root));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void anOversizedFileIsRefusedBeforeParsing() throws IOException {
        Path root = dataset("<annotation><filename>" + "a".repeat(5000) + ".jpg</filename></annotation>");
        ReadContext ctx = ReadContext.of("in").withLimits(Limits.builder().maxStringLength(4096).build());
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Datasets.read(VOC, root, ctx));
        assertEquals("in/Annotations/img.xml", e.location().source());
        assertTrue(e.getMessage().contains("Limits.maxStringLength"), e.getMessage());
    }

    @Test
    void deepNestingIsALimit() throws IOException {
        Path root = dataset("<annotation>" + "<a>".repeat(300) + "</a>".repeat(300) + "</annotation>");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> read(root));
        assertEquals("in/Annotations/img.xml", e.location().source());
        assertEquals(1, e.location().line());
    }

    @Test
    void badValuesAreLocatedToTheirElement() throws IOException {
        Path root = dataset("<annotation>\n  <object>\n    <name>dog</name>\n    <bndbox>\n      <xmin>0x10</xmin>\n"
                + "      <ymin>1</ymin><xmax>2</xmax><ymax>3</ymax>\n    </bndbox>\n  </object>\n</annotation>\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(root));
        assertEquals(5, e.location().line());
        assertEquals("object[0].bndbox.xmin", e.location().path());
        assertTrue(e.getMessage().contains("not a number: '0x10'"), e.getMessage());
    }

    @Test
    void invertedBoxesObjectsWithoutNamesAndWrongRootsAreLocated() throws IOException {
        String inverted = "<annotation><object><name>a</name><bndbox><xmin>9</xmin><ymin>1</ymin><xmax>2</xmax>"
                + "<ymax>3</ymax></bndbox></object></annotation>";
        assertEquals("object[0].bndbox", assertThrows(InvalidInputException.class, () -> read(dataset(inverted)))
                .location().path());
        Files.writeString(tmp.resolve("in/Annotations/img.xml"), "<annotation><object><pose>Left</pose></object></annotation>");
        assertTrue(assertThrows(InvalidInputException.class, () -> read(tmp.resolve("in"))).getMessage()
                .contains("without a <name>"));
        Files.writeString(tmp.resolve("in/Annotations/img.xml"), "<labelme><object/></labelme>");
        assertTrue(assertThrows(InvalidInputException.class, () -> read(tmp.resolve("in"))).getMessage()
                .contains("expected <annotation>"));
        // a size no coordinate depends on is reported, not refused (issue 13)
        Files.writeString(tmp.resolve("in/Annotations/img.xml"), "<annotation><size><width>-5</width></size></annotation>");
        ReadContext ctx = ReadContext.of("in");
        assertEquals(null, Datasets.read(VOC, tmp.resolve("in"), ctx).items().get(0).width());
        assertTrue(ctx.reporter().build("voc", "voc").losses().get(0).examples().get(0).location().endsWith("at size.width"));
    }

    @Test
    void truncatedXmlIsLocatedAndSkippableFileByFile() throws IOException {
        Path root = dataset("<annotation>\n<object><name>dog</name>\n");
        Files.writeString(root.resolve("Annotations/ok.xml"), "<annotation><filename>ok.jpg</filename></annotation>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(root));
        assertEquals("in/Annotations/img.xml", e.location().source());
        assertTrue(e.location().line() >= 2, e.getMessage());
        Reporter reporter = new Reporter(false);
        Dataset d = Datasets.read(VOC, root, new ReadContext("in", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP,
                reporter, null));
        assertEquals(1, d.items().size());
        assertEquals("ok", d.items().get(0).id().text());
    }

    @Test
    void anUnknownOptionIsRefused() throws IOException {
        Path root = dataset("<annotation/>");
        LabelportException e = assertThrows(LabelportException.class, () -> Datasets.read(VOC, root,
                ReadContext.of("in").withOptions(FormatOptions.of(Map.of("pixel", "raw")))));
        assertTrue(e.getMessage().contains("unknown option 'pixel'"), e.getMessage());
        e = assertThrows(LabelportException.class, () -> Datasets.read(VOC, root,
                ReadContext.of("in").withOptions(FormatOptions.of(Map.of("pixels", "two-based")))));
        assertTrue(e.getMessage().contains("one-based, zero-based, raw"), e.getMessage());
    }
}
