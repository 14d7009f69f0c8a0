package dev.labelport.formats.comprehend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import dev.labelport.model.TextSpan;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComprehendReaderTest {
    @TempDir
    Path tmp;

    private final FormatProvider comprehend = FormatRegistry.discover().require("comprehend");
    private final Reporter reporter = new Reporter(false);

    private Path folder(String name, String... fileAndContent) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < fileAndContent.length; i += 2) {
            Files.writeString(dir.resolve(fileAndContent[i]), fileAndContent[i + 1], StandardCharsets.UTF_8);
        }
        return dir;
    }

    private Dataset read(Path in, ErrorPolicy policy, Map<String, String> options) {
        return Datasets.read(comprehend, in, new ReadContext("in", FormatOptions.of(options), Limits.DEFAULTS, policy, reporter, null));
    }

    private Dataset read(Path in) {
        return read(in, ErrorPolicy.FAIL, Map.of());
    }

    private static List<String> spans(Item item) {
        List<String> out = new ArrayList<>();
        for (Annotation a : item.annotations()) {
            TextSpan s = (TextSpan) a.geometry();
            out.add(a.category().name() + "[" + s.start() + "," + s.end() + ")" + s.text());
        }
        Collections.sort(out);
        return out;
    }

    /** 400 lines, two entities each, rows shuffled: every line gets back exactly its own rows. */
    @Test
    void shuffledRowsAreGroupedByFileAndLine() throws IOException {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder line = i % 2 == 0 ? a : b;
            String file = i % 2 == 0 ? "a.txt" : "b.txt";
            int n = i / 2;
            line.append("Alice").append(n).append(" met 東京 Bob").append(n).append('\n');
            int len = ("Alice" + n).length();
            rows.add(file + ", " + n + ", 0, " + len + ", PERSON");
            rows.add("\"" + file + "\", " + n + ", " + (len + 8) + ", " + (len + 11 + Integer.toString(n).length()) + ", \"PER,SON\"");
        }
        Collections.shuffle(rows, new Random(42));
        Path in = folder("shuffled", "a.txt", a.toString(), "b.txt", b.toString(),
                "labels.csv", "File, Line, Begin Offset, End Offset, Type\n" + String.join("\n", rows) + "\n");
        Dataset d = read(in);
        assertEquals(400, d.items().size());
        assertEquals(800, d.annotationCount());
        for (int k = 0; k < 400; k++) {
            Item item = d.items().get(k);
            int n = k % 200;
            String name = k < 200 ? "a.txt" : "b.txt";
            assertEquals(name, item.fileName());
            assertEquals(List.of("PER,SON[" + (("Alice" + n).length() + 8) + "," + (("Alice" + n).length() + 11 + Integer.toString(n).length())
                    + ")Bob" + n, "PERSON[0," + ("Alice" + n).length() + ")Alice" + n), spans(item), "item " + (k + 1));
        }
    }

    @Test
    void offsetBeyondTheLineIsLocated() throws IOException {
        Path in = folder("beyond", "documents.txt", "short line\nsecond\n",
                "annotations.csv", "File,Line,Begin Offset,End Offset,Type\ndocuments.txt,0,0,5,A\ndocuments.txt,1,2,60,B\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in));
        assertEquals("in/annotations.csv", e.location().source());
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("offsets 2, 60 of B go beyond the end of documents.txt Line 1 (6 characters)"), e.getMessage());
    }

    @Test
    void lineBeyondTheDocumentIsLocated() throws IOException {
        Path in = folder("lines", "documents.txt", "one\ntwo",
                "annotations.csv", "File,Line,Begin Offset,End Offset,Type\ndocuments.txt,7,0,1,A\ndocuments.txt,1,0,3,B\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in));
        assertEquals("in/annotations.csv:2: Line 7 is beyond the end of documents.txt (2 lines)", e.getMessage());
    }

    @Test
    void unknownFileIsLocated() throws IOException {
        Path in = folder("unknown", "documents.txt", "one\n",
                "annotations.csv", "File,Line,Begin Offset,End Offset,Type\ndocuments.txt,0,0,1,A\nmissing.txt,0,0,1,A\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in));
        assertEquals("in/annotations.csv:3: unknown File 'missing.txt': no such document beside the annotations CSV", e.getMessage());
    }

    @Test
    void badRowsAreSkippedUnderTheLenientPolicy() throws IOException {
        Path in = folder("lenient", "documents.txt", "one two\nthree\n",
                "annotations.csv", "File,Line,Begin Offset,End Offset,Type\nmissing.txt,0,0,1,A\ndocuments.txt,0,4,7,B\n"
                        + "documents.txt,1,0,x,C\ndocuments.txt,1,3,2,D\ndocuments.txt,9,0,1,E\ndocuments.txt,1,0,5,F\n");
        Dataset d = read(in, ErrorPolicy.SKIP, Map.of());
        assertEquals(List.of(List.of("B[4,7)two"), List.of("F[0,5)three")), d.items().stream().map(ComprehendReaderTest::spans).toList());
        assertEquals(4, reporter.lossCount("SKIPPED_RECORD"));
    }

    @Test
    void oneDocumentPerFileKeepsLineBreaksAndCountsCodePoints() throws IOException {
        Path in = folder("files", "d1.txt", "Line one\r\nLine 😀 two\n", "d2.txt", "🇫🇷 Paris",
                "annotations.csv", "File, Begin Offset, End Offset, Type\nd2.txt, 3, 8, CITY\nd1.txt, 15, 16, EMOJI\nd1.txt, 0, 4, W\n");
        Dataset d = read(in);
        assertEquals(List.of("Line one\r\nLine 😀 two\n", "🇫🇷 Paris"), d.items().stream().map(i -> i.text().text()).toList());
        assertEquals(List.of("EMOJI[15,16)😀", "W[0,4)Line"), spans(d.items().get(0)));
        assertEquals(List.of("CITY[3,8)Paris"), spans(d.items().get(1)));
        assertEquals("file", d.header().extension("comprehend").string("documentMode"));
    }

    @Test
    void documentModeMustAgreeWithTheHeader() throws IOException {
        Path in = folder("mode", "documents.txt", "one\n", "annotations.csv", "File,Begin Offset,End Offset,Type\ndocuments.txt,0,1,A\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in, ErrorPolicy.FAIL, Map.of("document-mode", "line")));
        assertTrue(e.getMessage().startsWith("in/annotations.csv:1: document-mode=line but the header has no Line column"), e.getMessage());
    }

    /** The manifest flavour, with an entity that starts one character late (AWS's Mateo Jackson example shape). */
    @Test
    void augmentedManifestReadsEntitiesAndKeepsMetadata() throws IOException {
        Path in = tmp.resolve("train.manifest");
        Files.writeString(in, """
                {"source":"Ana Lima is an engineer.","job":{"annotations":{"entities":[{"endOffset":8,"startOffset":0,"label":"ENGINEER"}],"labels":[{"label":"ENGINEER"}]}},"job-metadata":{"entities":[{"confidence":0.9}],"human-annotated":"yes"}}

                {"source":"Our new employee, Mateo Jackson, manages.","job":{"annotations":{"entities":[{"endOffset":31,"beginOffset":19,"type":"MANAGER"}]}}}
                """, StandardCharsets.UTF_8);
        Dataset d = read(in);
        assertEquals(2, d.items().size());
        assertEquals(List.of("ENGINEER[0,8)Ana Lima"), spans(d.items().get(0)));
        assertEquals(List.of("MANAGER[19,31)ateo Jackson"), spans(d.items().get(1)));
        assertEquals(1, reporter.lossCount("SUSPECT_SPAN"));
        assertEquals("job", d.header().extension("comprehend").string("attribute"));
        assertEquals("yes", d.items().get(0).extension("comprehend").object("metadata").string("human-annotated"));
    }

    @Test
    void manifestErrorsAreLocatedAtTheirLineAndPath() throws IOException {
        Path in = tmp.resolve("bad.manifest");
        Files.writeString(in, "{\"source\":\"abc\",\"job\":{\"annotations\":{\"entities\":[]}}}\n"
                + "{\"source\":\"abc\",\"job\":{\"annotations\":{\"entities\":[{\"startOffset\":1,\"endOffset\":9,\"label\":\"X\"}]}}}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in));
        assertEquals("in:2 at job.annotations.entities[0]: offsets 1, 9 of X go beyond the end of the source (3 characters)", e.getMessage());
    }

    @Test
    void classificationManifestUsesTheClassMap() throws IOException {
        Path in = tmp.resolve("classes.manifest");
        Files.writeString(in, "{\"source\":\"Great!\",\"c\":[1,5],\"c-metadata\":{\"class-map\":{\"1\":\"optimism\",\"5\":\"anger\"},"
                + "\"type\":\"groundtruth/text-classification-multilabel\"}}\n{\"source\":\"Meh\",\"c\":0,\"c-metadata\":{\"class-name\":\"neutral\"}}\n");
        Dataset d = read(in);
        assertEquals(List.of(List.of("optimism", "anger"), List.of("neutral")), d.items().stream()
                .map(i -> i.annotations().stream().map(a -> a.category().name()).toList()).toList());
    }

    @Test
    void classifierCsvSplitsLabelsAtTheDelimiter() throws IOException {
        Path in = tmp.resolve("train.csv");
        Files.writeString(in, "COMEDY|MYSTERY,\"A band of misfit teens, unlikely detectives.\"\r\nDRAMA,\"Line one\nline two\"\nACTION;WAR,Boom\n");
        Dataset d = read(in);
        assertEquals(3, d.items().size());
        assertEquals(List.of("COMEDY", "MYSTERY"), d.items().get(0).annotations().stream().map(a -> a.category().name()).toList());
        assertEquals("Line one\nline two", d.items().get(1).text().text());
        assertEquals(List.of("ACTION;WAR"), d.items().get(2).annotations().stream().map(a -> a.category().name()).toList());
        Dataset semicolon = read(in, ErrorPolicy.FAIL, Map.of("label-delimiter", ";"));
        assertEquals(List.of("ACTION", "WAR"), semicolon.items().get(2).annotations().stream().map(a -> a.category().name()).toList());
    }

    @Test
    void classifierRowWithUnquotedCommasIsLocated() throws IOException {
        Path in = tmp.resolve("bad.csv");
        Files.writeString(in, "A,fine\nB,one, two\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in));
        assertEquals("in:2: expected 2 columns (label, text), found 3: quote the text when it holds commas", e.getMessage());
    }

    @Test
    void aLoneAnnotationsCsvNamingNoFileBesideItIsLocated() throws IOException {
        Path in = tmp.resolve("annotations.csv");
        Files.writeString(in, "File,Line,Begin Offset,End Offset,Type\nmissing.txt,0,0,2,A\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in));
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("unknown File 'missing.txt': no such document beside the annotations CSV"),
                e.getMessage());
    }

    @Test
    void itemsComeInFileThenLineOrder() throws IOException {
        Path in = folder("order", "b.txt", "b0\nb1\n", "a.txt", "a0\n",
                "annotations.csv", "File,Line,Begin Offset,End Offset,Type\nb.txt,1,0,2,B\na.txt,0,0,2,A\n");
        Dataset d = read(in);
        assertEquals(List.of("a0", "b0", "b1"), d.items().stream().map(i -> i.text().text()).toList());
        assertEquals(List.of(1L, 2L, 3L), d.items().stream().map(i -> i.id().asLong()).toList());
    }

    /** Regression (fuzzing): a manifest cut inside a UTF-8 character made the second read hit a spent decoder. */
    @Test
    void manifestCutInsideAUtf8CharacterIsALocatedError() throws IOException {
        Path in = tmp.resolve("cut.manifest");
        byte[] whole = "{\"source\":\"Ramírez\",\"a\":{\"annotations\":{\"entities\":[]}}}\n".getBytes(StandardCharsets.UTF_8);
        int cut = new String(whole, StandardCharsets.UTF_8).indexOf('í') + 1; // after the first byte of í
        Files.write(in, java.util.Arrays.copyOf(whole, cut));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in, ErrorPolicy.SKIP, Map.of()));
        assertEquals("in:1: not UTF-8 text", e.getMessage());
    }

    /** A CSV with a header row (Hugging Face's label,sentence1,sentence2) is not a Comprehend classifier CSV. */
    @Test
    void aCsvWithAHeaderRowIsNotClaimedAsAClassifierCsv() throws IOException {
        ComprehendFormat f = new ComprehendFormat();
        Path headed = tmp.resolve("dev.csv");
        Files.writeString(headed, "label,sentence1,sentence2\nequivalent,He said so .,He did .\n");
        assertEquals(0, f.detect(dev.labelport.spi.Detection.probe(headed)));
        Path plain = tmp.resolve("train.csv");
        Files.writeString(plain, "COMEDY,A band of misfit teens\nDRAMA,Line one\n");
        assertEquals(25, f.detect(dev.labelport.spi.Detection.probe(plain)));
    }
}
