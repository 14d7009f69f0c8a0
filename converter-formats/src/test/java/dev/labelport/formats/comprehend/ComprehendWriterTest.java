package dev.labelport.formats.comprehend;

import static dev.labelport.formats.comprehend.ComprehendSamples.classified;
import static dev.labelport.formats.comprehend.ComprehendSamples.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComprehendWriterTest {
    @TempDir
    Path tmp;

    private final FormatProvider comprehend = FormatRegistry.discover().require("comprehend");
    private final Reporter reporter = new Reporter(false);

    private Path write(Map<String, String> options, Item... items) {
        Path out = tmp.resolve("out");
        Datasets.write(comprehend, out, new Dataset(ComprehendSamples.header(), List.of(items)),
                new WriteContext("out", FormatOptions.of(options), reporter, null));
        return out;
    }

    private static String file(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The CoNLL writer's rule: earliest start first, the longest on equal starts; the rest is reported. */
    @Test
    void overlappingSpansKeepTheFirstLongestAndAreReported() throws IOException {
        Path out = write(Map.of(), doc(1, null, "New York City is big", "CITY", 4, 8, "LOC", 0, 13, "CITY", 0, 8, "ADJ", 17, 20));
        assertEquals(List.of("annotations.csv", "documents.txt"), names(out));
        assertEquals("File,Line,Begin Offset,End Offset,Type\ndocuments.txt,0,0,13,LOC\ndocuments.txt,0,17,20,ADJ\n",
                file(out, "annotations.csv"));
        assertEquals(2, reporter.lossCount("OVERLAPPING_SPANS"));
    }

    @Test
    void lineBreaksInOneDocumentPerLineBecomeSpacesAndOffsetsHold() throws IOException {
        Path out = write(Map.of(), doc(1, "docs.txt", "Ann\r\nLee, \"Bo\"", "P", 0, 3, "P", 5, 8), doc(2, "docs.txt", "x"));
        assertEquals("Ann  Lee, \"Bo\"\nx\n", file(out, "docs.txt"));
        assertEquals("File,Line,Begin Offset,End Offset,Type\ndocs.txt,0,0,3,P\ndocs.txt,0,5,8,P\n", file(out, "annotations.csv"));
        assertEquals(1, reporter.lossCount("REPLACED_LINE_BREAK"));
    }

    @Test
    void oneDocumentPerFileKeepsTheTextAndNamesFilesWithoutNames() throws IOException {
        Path out = write(Map.of("document-mode", "file"), doc(1, null, "a\r\nb", "X", 3, 4), doc(2, "sub/b.txt", "c, d", "Y", 0, 1));
        assertEquals(List.of("1.txt", "annotations.csv", "sub"), names(out));
        assertEquals("a\r\nb", file(out, "1.txt"));
        assertEquals("File,Begin Offset,End Offset,Type\n1.txt,3,4,X\nsub/b.txt,0,1,Y\n", file(out, "annotations.csv"));
        assertEquals(1, reporter.lossCount("SYNTHESISED"));
        assertEquals(0, reporter.lossCount("REPLACED_LINE_BREAK"));
    }

    @Test
    void classificationRowsJoinLabelsAndReportWhatTheyCannotHold() throws IOException {
        Path out = write(Map.of(), classified(1, "A band of misfit teens, \"unlikely\" detectives.", "COMEDY", "MYSTERY"),
                classified(2, "two\nlines", "A|B"), doc(3, null, "span here", "X", 0, 4));
        assertEquals(List.of("classifier.csv"), names(out));
        assertEquals("COMEDY|MYSTERY,\"A band of misfit teens, \"\"unlikely\"\" detectives.\"\nA|B,\"two\nlines\"\n,span here\n",
                file(out, "classifier.csv"));
        assertEquals(1, reporter.lossCount("SPLIT_LABEL"));
        assertEquals(1, reporter.lossCount("DROPPED_GEOMETRY"));
    }

    @Test
    void manifestFlavourWritesGroundTruthRecords() throws IOException {
        Path out = write(Map.of("flavour", "manifest", "attribute", "ner"), doc(1, null, "😀 Ana Lima", "PER", 2, 10));
        assertEquals("{\"source\":\"😀 Ana Lima\",\"ner\":{\"annotations\":{\"entities\":[{\"endOffset\":10,\"startOffset\":2,"
                + "\"label\":\"PER\"}],\"labels\":[{\"label\":\"PER\"}]}}}\n", file(out, "output.manifest"));
    }

    /** CoNLL → Comprehend → CoNLL gives the same file; the only loss is the document file name CoNLL cannot hold. */
    @Test
    void conllThroughComprehendAndBack() throws IOException {
        String conll = "EU B-ORG\nrejects O\nGerman B-MISC\ncall O\n\nPeter B-PER\nBlackburn I-PER\n😀 O\n東京 B-LOC\n\n";
        Path in = tmp.resolve("in.conll");
        Files.writeString(in, conll, StandardCharsets.UTF_8);
        Path mid = tmp.resolve("mid");
        ConversionReport there = Labelport.create().conversion(in, mid).from("conll").to("comprehend").run();
        assertEquals("EU rejects German call\nPeter Blackburn 😀 東京\n", file(mid, "documents.txt"));
        assertEquals("File,Line,Begin Offset,End Offset,Type\ndocuments.txt,0,0,2,ORG\ndocuments.txt,0,11,17,MISC\n"
                + "documents.txt,1,0,15,PER\ndocuments.txt,1,18,20,LOC\n", file(mid, "annotations.csv"));
        Path back = tmp.resolve("back.conll");
        ConversionReport report = Labelport.create().conversion(mid, back).from("comprehend").to("conll").run();
        assertEquals(conll, Files.readString(back, StandardCharsets.UTF_8));
        assertEquals(4, there.annotationsWritten());
        assertEquals(4, report.annotationsWritten());
    }
}
