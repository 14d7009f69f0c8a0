package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.LossEntry;
import dev.labelport.spi.FormatOptions;
import dev.labelport.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 3: a folder format given one of its files finds the rest beside it, says which
 * files it used (a {@code FILES_BESIDE} note), and gives what the folder gives. The inputs are the
 * golden cases' folders; the format is detected, not named.
 */
class OneFileOfALayoutTest {
    @TempDir
    Path tmp;

    private ConversionReport convert(Path in, Path out, String to, Map<String, String> writerOptions) {
        return Labelport.create().conversion(in, out).to(to)
                .options(ConversionOptions.builder().writerOptions(FormatOptions.of(writerOptions)).build()).run();
    }

    private static String note(ConversionReport r) {
        LossEntry e = r.losses().stream().filter(l -> l.code().code().equals("FILES_BESIDE")).findFirst().orElseThrow(
                () -> new AssertionError("no FILES_BESIDE note in " + r.toJson()));
        assertEquals(1, e.count());
        return e.examples().get(0).detail();
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        assertEquals(GoldenFixturesTest.listFiles(expected), GoldenFixturesTest.listFiles(actual));
        for (String f : GoldenFixturesTest.listFiles(expected)) {
            assertEquals(Files.readString(expected.resolve(f)), Files.readString(actual.resolve(f)), f);
        }
    }

    @Test
    void aComprehendAnnotationsCsvAloneIsReadWithTheDocumentsItNames() throws IOException {
        Path dir = TestData.root().resolve("comprehend/shuffled-csv-to-manifest");
        Path out = tmp.resolve("out");
        ConversionReport r = convert(dir.resolve("input/annotations.csv"), out, "comprehend",
                Map.of("flavour", "manifest", "attribute", "entities"));
        assertSameFiles(dir.resolve("expected"), out);
        assertTrue(note(r).contains("its document was read from beside it (documents.txt)"), note(r));
    }

    @Test
    void aComprehendCsvAloneNamingAFileOutsideItsFolderIsRefusedWithItsLine() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(tmp.resolve("secret.txt"), "Alice met Bob\n");
        Files.writeString(in.resolve("annotations.csv"), "File,Line,Begin Offset,End Offset,Type\n../secret.txt,0,0,5,PERSON\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.labelport.error.InvalidInputException.class,
                () -> convert(in.resolve("annotations.csv"), tmp.resolve("o.csv"), "comprehend", Map.of()));
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("unknown File '../secret.txt'"), e.getMessage());
    }

    @Test
    void aDataYamlIsItsDatasetFolder() throws IOException {
        Path dir = TestData.root().resolve("yolo/out-of-range-kept");
        Path fromFolder = tmp.resolve("folder");
        convert(dir.resolve("input"), fromFolder, "yolo", Map.of());
        Path fromYaml = tmp.resolve("yaml");
        ConversionReport r = convert(dir.resolve("input/data.yaml"), fromYaml, "yolo", Map.of());
        assertSameFiles(fromFolder, fromYaml);
        assertTrue(note(r).contains("data.yaml was given: the dataset is the folder that holds it (input)"), note(r));
    }

    @Test
    void aDarknetObjDataIsItsDatasetFolder() throws IOException {
        Path dir = TestData.root().resolve("yolo/darknet-layout-kept");
        Path out = tmp.resolve("out");
        ConversionReport r = convert(dir.resolve("input/obj.data"), out, "yolo", Map.of());
        assertSameFiles(dir.resolve("expected"), out);
        assertTrue(note(r).contains("obj.data was given"), note(r));
    }

    @Test
    void aVocXmlInADevkitFolderGetsItsSplitAndOnlyItsItem() throws IOException {
        Path in = TestData.root().resolve("voc/voc-to-coco/input/Annotations/2008_000008.xml");
        Path out = tmp.resolve("out.csv");
        ConversionReport r = Labelport.create().conversion(in, out).to("csv").run();
        assertEquals(1, r.itemsRead());
        String csv = Files.readString(out);
        assertTrue(csv.lines().skip(1).allMatch(l -> l.startsWith("2008_000008.jpg,500,442,train,")), csv);
        assertTrue(note(r).contains("only its item is read, with its split from ImageSets/Main"), note(r));
    }

    @Test
    void aHuggingFaceSplitFileTakesItsSplitAndTheDatasetInfoBesideIt() throws IOException {
        Path dir = TestData.root().resolve("hf-csv/ids-with-dataset-info-to-names");
        Path out = tmp.resolve("out");
        ConversionReport r = convert(dir.resolve("input/train.csv"), out, "hf-csv", Map.of("labels", "names"));
        assertEquals(Files.readString(dir.resolve("expected/train.csv")), Files.readString(out.resolve("train.csv")));
        assertTrue(Files.notExists(out.resolve("test.csv")), "only the split given is read");
        assertTrue(note(r).contains("its rows are split train, label names from the dataset_info.json beside it"), note(r));
    }

    @Test
    void aConllSplitFileIsReadAloneAndNeedsNothingBesideIt() throws IOException {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(corpus.resolve("train.txt"), "EU B-ORG\nrejects O\n");
        Files.writeString(corpus.resolve("test.txt"), "Peter B-PER\n");
        Path out = tmp.resolve("out.txt");
        ConversionReport r = Labelport.create().conversion(corpus.resolve("train.txt"), out).to("conll").run();
        assertEquals(1, r.itemsRead());
        assertTrue(Files.readString(out).startsWith("EU B-ORG\nrejects O\n"), Files.readString(out));
        assertTrue(r.losses().stream().noneMatch(l -> l.code().code().equals("FILES_BESIDE")), r.toJson());
    }
}
