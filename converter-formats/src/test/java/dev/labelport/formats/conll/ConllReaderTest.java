package dev.labelport.formats.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import dev.labelport.model.TextSpan;
import dev.labelport.report.LossEntry;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllReaderTest {
    @TempDir
    Path tmp;

    private final FormatProvider conll = FormatRegistry.discover().require("conll");
    private Reporter reporter = new Reporter(false);

    private Path file(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Dataset read(Path p, String... options) {
        return read(p, Limits.DEFAULTS, ErrorPolicy.FAIL, options);
    }

    private Dataset read(Path p, Limits limits, ErrorPolicy policy, String... options) {
        Map<String, String> m = new HashMap<>();
        for (String o : options) {
            m.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
        reporter = new Reporter(false);
        ReadContext ctx = new ReadContext(p.getFileName().toString(), FormatOptions.of(m), limits, policy, reporter, null);
        return Datasets.read(conll, p, ctx);
    }

    private static List<String> spans(Item item) {
        List<String> out = new ArrayList<>();
        for (Annotation a : item.annotations()) {
            TextSpan s = (TextSpan) a.geometry();
            out.add(a.category().name() + ":" + s.text() + "@" + s.start() + "-" + s.end());
        }
        return out;
    }

    // --- invalid tag sequences ---

    @Test
    void invalidIob2SequenceFailsWithFileLineTokenAndTag() throws IOException {
        Path p = file("bad.conll", "Peter B-PER\nlives O\nin O\nBerlin I-LOC\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(p, "scheme=iob2"));
        assertEquals("bad.conll", e.location().source());
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().startsWith("bad.conll:4: invalid iob2 tag sequence at token 'Berlin' tagged 'I-LOC'"), e.getMessage());
        assertTrue(e.getMessage().contains("repair=true"), e.getMessage());
    }

    @Test
    void unclosedBioesChunkFailsOnTheLineThatBreaksIt() throws IOException {
        Path p = file("bad.conll", "New B-LOC\nYork I-LOC\nis O\nbig O\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(p, "scheme=bioes"));
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("not closed with E-LOC"), e.getMessage());
        Path end = file("end.conll", "big O\nNew B-LOC\n\nnext O\n");
        assertEquals(2, assertThrows(InvalidInputException.class, () -> read(end, "scheme=bioes")).location().line());
    }

    @Test
    void repairStartsNewChunksAndReportsEachWithItsLine() throws IOException {
        Path p = file("fix.conll", "Peter B-PER\nlives O\nin O\nNew I-LOC\nYork I-LOC\n\nand O\nParis I-LOC\n");
        Dataset d = read(p, "scheme=iob2", "repair=true");
        assertEquals(List.of("PER:Peter@0-5", "LOC:New York@15-23"), spans(d.items().get(0)));
        assertEquals(List.of("LOC:Paris@4-9"), spans(d.items().get(1)));
        assertEquals(2, reporter.lossCount("INVALID_TAG_SEQUENCE"));
        LossEntry entry = reporter.build("conll", null).losses().stream()
                .filter(l -> l.code().code().equals("INVALID_TAG_SEQUENCE")).findFirst().orElseThrow();
        assertEquals("fix.conll:4", entry.examples().get(0).location());
        assertEquals("fix.conll:8", entry.examples().get(1).location());
        // repaired sentences are written back in canonical tags, so no "tags" extension
        assertNull(d.items().get(0).extension("conll").get("tags"));
    }

    @Test
    void autoDetectionOnlySeesTheSample() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ConllReader.SAMPLE_LINES; i++) {
            sb.append("w B-PER\n\n");
        }
        sb.append("x O\ny I-PER\n");
        Path p = file("late.conll", sb.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(p));
        assertEquals(2L * ConllReader.SAMPLE_LINES + 2, e.location().line());
        assertEquals(ConllReader.SAMPLE_LINES + 1, read(p, "repair=true").items().size());
    }

    @Test
    void lenientPolicySkipsTheSentenceWithAnInvalidSequence() throws IOException {
        Path p = file("skip.conll", "a B-X\n\nb O\nc I-X\n\nd B-Y\n");
        Dataset d = read(p, Limits.DEFAULTS, ErrorPolicy.SKIP, "scheme=iob2");
        assertEquals(List.of(1L, 3L), d.items().stream().map(i -> i.id().asLong()).toList());
        assertEquals(1, reporter.lossCount("SKIPPED_RECORD"));
    }

    // --- columns ---

    @Test
    void columnCountMismatchIsALocatedError() throws IOException {
        Path p = file("cols.conll", "EU NNP B-ORG\nrejects VBZ O\nGerman B-MISC\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(p));
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("found 2 columns, but line 1 has 3"), e.getMessage());
    }

    @Test
    void aTokenWithoutTagIsAnError() throws IOException {
        Path p = file("notag.conll", "EU\nrejects\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(p));
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("found 1 column"), e.getMessage());
    }

    @Test
    void tabFilesKeepSpacesInTokensAndReadEmptyTagsAsOutside() throws IOException {
        Path p = file("tab.tsv", "New York\tB-LOC\nis\t\nbig\tO\n");
        Dataset d = read(p);
        Item item = d.items().get(0);
        assertEquals("New York is big", item.text().text());
        assertEquals(List.of("LOC:New York@0-8"), spans(item));
        assertEquals("tab", d.header().extension("conll").string("separator"));
        // the empty tag is not how the writer spells O: the tags are kept as written
        assertTrue(item.extension("conll").has("tags"));
    }

    @Test
    void tokenAndTagColumnsAreOptions() throws IOException {
        Path p = file("cols.conll", "B-PER x Peter\nO y says\n");
        Item item = read(p, "token-column=-1", "tag-column=0").items().get(0);
        assertEquals("Peter says", item.text().text());
        assertEquals(List.of("x"), item.text().tokens().get(0).columns());
        assertEquals(List.of("PER:Peter@0-5"), spans(item));
        LabelportException same = assertThrows(LabelportException.class, () -> read(p, "token-column=1", "tag-column=1"));
        assertEquals(ErrorCode.INVALID_OPTION, same.code());
    }

    @Test
    void unknownOptionsAndValuesAreRejected() throws IOException {
        Path p = file("o.conll", "a O\n");
        assertEquals(ErrorCode.INVALID_OPTION, assertThrows(LabelportException.class, () -> read(p, "schema=iob2")).code());
        assertEquals(ErrorCode.INVALID_OPTION, assertThrows(LabelportException.class, () -> read(p, "scheme=iob3")).code());
        assertEquals(ErrorCode.INVALID_OPTION, assertThrows(LabelportException.class, () -> read(p, "separator=comma")).code());
    }

    // --- layout tolerance ---

    @Test
    void messyLayoutReadsLikeTheCleanOne() throws IOException {
        String clean = "EU B-ORG\nrejects O\n\nPeter B-PER\nBlackburn I-PER\n";
        String messy = "\uFEFF\r\n  \r\n\nEU  B-ORG \r\n  rejects   O\r\n\r\n\r\n   \nPeter B-PER\r\nBlackburn I-PER";
        Dataset a = read(file("clean.conll", clean));
        Dataset b = read(file("messy.conll", messy));
        assertEquals(a.items(), b.items());
        assertEquals(2, b.items().size());
    }

    @Test
    void emptyAndBlankFilesAreEmptyDatasets() throws IOException {
        assertTrue(read(file("empty.conll", "")).items().isEmpty());
        assertTrue(read(file("blank.conll", "\n\n \n")).items().isEmpty());
    }

    @Test
    void docstartsMidFileAndEmptyDocuments() throws IOException {
        Path p = file("docs.conll", "a O\n-DOCSTART- O\nb B-X\n\n-DOCSTART- O\n\n-DOCSTART- -X- O\n\nc O\n-DOCSTART- O\n");
        Dataset d = read(p);
        assertEquals(5, d.items().size());
        assertNull(d.items().get(0).extension("conll").get("docstart"));
        assertEquals("-DOCSTART- O", d.items().get(1).extension("conll").string("docstart"));
        // the document with no sentence in the middle, and the one at the end (issue 13): items without tokens
        Item emptyMiddle = d.items().get(2);
        assertEquals("-DOCSTART- O", emptyMiddle.extension("conll").string("docstart"));
        assertEquals("", emptyMiddle.text().text());
        assertTrue(emptyMiddle.text().tokens().isEmpty() && emptyMiddle.annotations().isEmpty());
        assertEquals("-DOCSTART- -X- O", d.items().get(3).extension("conll").string("docstart"));
        assertEquals("3", d.items().get(3).extension("conll").get("document").toString());
        assertEquals("4", d.items().get(4).extension("conll").get("document").toString());
        assertTrue(d.items().get(4).text().tokens().isEmpty());
        assertEquals(List.of("1", "2", "3", "4", "5"), d.items().stream().map(i -> i.id().text()).toList());
        assertEquals(0, reporter.lossCount("DROPPED_ITEM"));
    }

    @Test
    void notesAreReportedOncePerFile() throws IOException {
        read(file("n.conll", "a O\n\nb O\n\nc O\n"));
        assertEquals(1, reporter.lossCount("SYNTHESISED"));
        assertEquals(1, reporter.lossCount("TEXT_RECONSTRUCTED"));
    }

    @Test
    void categoriesAreOneInstancePerType() throws IOException {
        Dataset d = read(file("c.conll", "a B-X\n\nb B-X\nc B-Y\n"));
        assertTrue(d.items().get(0).annotations().get(0).category() == d.items().get(1).annotations().get(0).category());
        assertTrue(d.header().categories().isEmpty());
    }

    @Test
    void suffixAndLowerCaseNotationsAreDetected() throws IOException {
        Dataset d = read(file("s.conll", "Peter per-b\nBlackburn per-i\nsays o\n"));
        assertEquals(List.of("per:Peter Blackburn@0-15"), spans(d.items().get(0)));
        assertEquals(Boolean.TRUE, d.header().extension("conll").get("tagSuffix").toJava());
        assertEquals(Boolean.TRUE, d.header().extension("conll").get("lowerCase").toJava());
        assertNull(d.items().get(0).extension("conll").get("tags"));
    }

    // --- bytes and limits ---

    @Test
    void nonUtf8IsALocatedError() throws IOException {
        byte[] bytes = {'a', ' ', 'O', '\n', 'b', (byte) 0xE9, 't', 'e', ' ', 'O', '\n'};
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(file("latin1.conll", bytes)));
        assertEquals("latin1.conll", e.location().source());
        assertEquals(2, e.location().line());
        assertEquals(2, e.location().column());
        assertEquals(5, e.location().byteOffset());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void truncatedMultiByteCharacterAtTheEndIsALocatedError() throws IOException {
        byte[] bytes = {'a', ' ', 'O', '\n', (byte) 0xE4, (byte) 0xBA};
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(file("cut.conll", bytes)));
        assertEquals(2, e.location().line());
        assertEquals(4, e.location().byteOffset());
    }

    @Test
    void tooLongLineFailsAgainstTheLimit() throws IOException {
        Limits limits = Limits.builder().maxLineLength(10).build();
        Path ok = file("ok.conll", "abcdefgh O\r\n"); // 10 characters and a CRLF
        assertEquals(1, read(ok, limits, ErrorPolicy.FAIL).items().size());
        Path p = file("long.conll", "a O\n\nabcdefghi O\n");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> read(p, limits, ErrorPolicy.FAIL));
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("maxLineLength"), e.getMessage());
    }

    @Test
    void tooManyTokensFailsAgainstTheLimit() throws IOException {
        Limits limits = Limits.builder().maxTokensPerItem(2).build();
        Path p = file("many.conll", "a O\nb O\n\nc O\nd O\ne O\n");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> read(p, limits, ErrorPolicy.FAIL));
        assertEquals(6, e.location().line());
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("maxTokensPerItem"), e.getMessage());
    }

    @Test
    void tooManyTypesFailsAgainstTheLimit() throws IOException {
        Limits limits = Limits.builder().maxCategories(2).build();
        Path p = file("types.conll", "a B-X\nb B-Y\n\nc B-Z\n");
        assertEquals(4, assertThrows(LimitExceededException.class, () -> read(p, limits, ErrorPolicy.FAIL)).location().line());
    }

    // --- the line reader with hostile streams ---

    /** Hands out one byte per read call. */
    private static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void lineReaderHandlesOneByteReadsAndSplitCharacters() {
        String text = "\uFEFF京都 B-LOC\r\n😀 O\n\nlast";
        LineReader r = new LineReader(oneByteAtATime(text.getBytes(StandardCharsets.UTF_8)), "s", 100);
        List<String> lines = new ArrayList<>();
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            lines.add(l);
        }
        assertEquals(List.of("京都 B-LOC", "😀 O", "", "last"), lines);
        assertEquals(4, r.lineNumber());
        assertNull(r.readLine());
    }

    @Test
    void lineReaderLocatesBadBytesAcrossBufferBoundaries() {
        byte[] bytes = new byte[20_000];
        java.util.Arrays.fill(bytes, (byte) 'x');
        bytes[9000] = '\n';
        bytes[12_345] = (byte) 0xFF;
        for (InputStream in : List.of(new ByteArrayInputStream(bytes), oneByteAtATime(bytes))) {
            LineReader r = new LineReader(in, "big", 100_000);
            assertEquals(9000, r.readLine().length());
            InvalidInputException e = assertThrows(InvalidInputException.class, r::readLine);
            assertEquals(2, e.location().line());
            assertEquals(12_345 - 9000, e.location().column());
            assertEquals(12_345, e.location().byteOffset());
        }
    }
}
