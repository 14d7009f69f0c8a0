package dev.labelport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path sample() {
        return Path.of(System.getProperty("labelport.testdata", "../testdata"), "samples", "instances_small.json");
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run());
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("convert", "a.json"));
        assertEquals(2, run("convert", "a.json", "b.json"));
        assertTrue(err().contains("--to"), err());
        assertEquals(2, run("convert", "a.json", "b.json", "--to", "coco", "--bogus"));
        assertEquals(0, run("--help"));
        assertTrue(out().contains("Exit codes"));
    }

    @Test
    void formatsListsEveryBundledFormat() {
        assertEquals(0, run("formats"));
        for (String id : new String[] {"avala", "coco", "conll"}) {
            assertTrue(out().contains(id + " "), out());
        }
        assertFalse(out().contains("read: no"), out());
    }

    @Test
    void convertsTheBundledSampleAndWritesTheReport() throws IOException {
        Path output = tmp.resolve("avala.json");
        Path report = tmp.resolve("report.json");
        assertEquals(0, run("convert", sample().toString(), output.toString(), "--to", "avala", "--report", report.toString()), err());
        assertTrue(Files.size(output) > 0);
        String json = Files.readString(report);
        for (String key : new String[] {"\"items_read\" : 3", "\"annotations_read\" : 4", "\"items_written\" : 3", "\"losses\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertTrue(out().contains("Converted"), out());
    }

    @Test
    void strictModeExitsWith3AndLeavesNoOutput() {
        Path output = tmp.resolve("strict.json");
        // the sample has a crowd RLE mask, which Avala cannot hold
        assertEquals(3, run("convert", sample().toString(), output.toString(), "--to", "avala", "--strict"), err());
        assertTrue(err().contains("strict"), err());
        assertFalse(Files.exists(output));
    }

    @Test
    void invalidInputExitsWith1WithALocatedMessageAndNoStackTrace() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": \"wide\", \"height\": 2}], \"annotations\": [], \"categories\": []}");
        Path output = tmp.resolve("out");
        assertEquals(1, run("convert", bad.toString(), output.toString(), "--from", "coco", "--to", "coco"));
        assertTrue(err().contains("bad.json:1:54 (byte 53) at images[0].width"), err());
        assertTrue(err().contains("width"), err());
        assertFalse(err().contains("\tat "), "no stack trace without --verbose: " + err());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "only the input is left");
        }
    }

    @Test
    void imagesToTokensIsRefusedUpFront() {
        assertEquals(1, run("convert", sample().toString(), tmp.resolve("x.conll").toString(), "--to", "conll"));
        assertTrue(err().contains("cannot convert coco to conll"), err());
    }

    @Test
    void optionsAreRoutedOrRejected() {
        assertEquals(2, run("convert", sample().toString(), tmp.resolve("o.json").toString(), "--to", "coco",
                "--option", "no-such-option=1"));
        assertTrue(err().contains("no-such-option"), err());
        assertEquals(0, run("convert", sample().toString(), tmp.resolve("p.json").toString(), "--to", "coco",
                "--option", "pretty=true"), err());
    }

    @Test
    void inspectPrintsTheDetectedFormatAndCheckValues() {
        assertEquals(0, run("inspect", sample().toString()), err());
        String o = out();
        assertTrue(o.contains("coco (detected)"), o);
        assertTrue(o.contains("items: 3 read"), o);
        assertTrue(o.contains("annotations: 4 read"), o);
        assertTrue(o.contains("car=2") && o.contains("person=2"), o);
    }

    @Test
    void readmeFormatTableMatchesTheDescriptors() throws IOException {
        assertEquals(0, run("formats", "--markdown"));
        Path readme = Path.of(System.getProperty("labelport.testdata", "../testdata")).resolveSibling("README.md");
        String text = Files.readString(readme);
        for (String row : out().split("\\R")) {
            assertTrue(text.contains(row), "README.md lacks the generated row (run 'labelport formats --markdown'): " + row);
        }
    }

    @Test
    void dashMeansStandardInputAndOutput() throws IOException {
        byte[] sampleBytes = Files.readAllBytes(sample());
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, new java.io.ByteArrayInputStream(sampleBytes));
        assertEquals(0, main.run("convert", "-", "-", "--to", "coco"), err());
        assertTrue(out().startsWith("{\"info\""), out());
        assertTrue(out().contains("\"file_name\":\"street_0003.jpg\""), out());
        assertTrue(err().contains("Converted - (coco) to - (coco)"), "the summary goes to stderr: " + err());
    }

    @Test
    void errorsInStandardInputNameIt() {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, new java.io.ByteArrayInputStream("{\"images\": [{\"id\": 1, \"width\": -5}], \"annotations\": []}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, main.run("convert", "-", "-", "--from", "coco", "--to", "coco"));
        assertTrue(err().contains("stdin:1:"), err());
        assertEquals("", out(), "nothing reaches stdout when the conversion fails");
    }

    private Path cocoWithImage(String dir, int declaredW, int declaredH, int realW, int realH) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(dir));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(realW, realH, java.awt.image.BufferedImage.TYPE_INT_RGB);
        assertTrue(javax.imageio.ImageIO.write(img, "png", folder.resolve("a.png").toFile()));
        return Files.writeString(folder.resolve("coco.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": "
                + declaredW + ", \"height\": " + declaredH + "}], \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1,"
                + " \"bbox\": [1, 1, 2, 2]}], \"categories\": [{\"id\": 1, \"name\": \"cat\"}]}");
    }

    @Test
    void verifyImageSizesComparesDeclaredSizesWithTheImagesBesideTheInput() throws IOException {
        Path in = cocoWithImage("data", 10, 20, 20, 10);
        Path report = tmp.resolve("r.json");
        assertEquals(0, run("convert", in.toString(), tmp.resolve("o.json").toString(), "--to", "coco", "--verify-image-sizes",
                "--report", report.toString(), "--strict"), err());
        assertTrue(out().contains("SIZE_MISMATCH x1 (note)"), out());
        assertTrue(out().contains("item 'a.png' (id 1) declares 10x20, its image is 20x10"), out());
        assertTrue(Files.readString(report).contains("SIZE_MISMATCH"));

        out.reset();
        Path same = cocoWithImage("same", 20, 10, 20, 10);
        assertEquals(0, run("convert", same.toString(), tmp.resolve("o2.json").toString(), "--to", "coco", "--verify-image-sizes"), err());
        assertFalse(out().contains("SIZE_MISMATCH"), out());
    }

    @Test
    void aSizeTableComesBeforeTheImagesAndImagesCanLiveElsewhere() throws IOException {
        Path in = cocoWithImage("data", 10, 20, 20, 10);
        Path table = Files.writeString(tmp.resolve("sizes.tsv"), "file\twidth\theight\na.png\t10\t20\n");
        assertEquals(0, run("convert", in.toString(), tmp.resolve("o.json").toString(), "--to", "coco", "--verify-image-sizes",
                "--image-sizes", table.toString()), err());
        assertFalse(out().contains("SIZE_MISMATCH"), "the table agrees with the declared size: " + out());

        out.reset();
        Path elsewhere = cocoWithImage("pics", 1, 1, 7, 7).getParent();
        assertEquals(0, run("convert", in.toString(), tmp.resolve("o2.json").toString(), "--to", "coco", "--verify-image-sizes",
                "--images", elsewhere.toString()), err());
        assertTrue(out().contains("declares 10x20, its image is 7x7"), out());
    }

    @Test
    void imageSizeOptionErrors() throws IOException {
        Path in = cocoWithImage("data", 10, 20, 20, 10);
        assertEquals(2, run("convert", in.toString(), tmp.resolve("o.json").toString(), "--to", "coco",
                "--images", tmp.resolve("nope").toString()));
        assertTrue(err().contains("--images takes a folder"), err());
        Path table = Files.writeString(tmp.resolve("sizes.csv"), "file,width,height\na.png,ten,20\n");
        assertEquals(1, run("convert", in.toString(), tmp.resolve("o.json").toString(), "--to", "coco",
                "--image-sizes", table.toString()));
        assertTrue(err().contains("sizes.csv:2") && err().contains("width is not a whole number"), err());
        assertEquals(0, run("--help"));
        for (String opt : new String[] {"--image-sizes FILE", "--images DIR", "--exif-orientation", "--verify-image-sizes", ".zip"}) {
            assertTrue(out().contains(opt), opt + " in " + out());
        }
    }

    @Test
    void unreadableImagesAreWarnedAbout() throws IOException {
        Path in = cocoWithImage("data", 10, 20, 20, 10);
        Files.writeString(in.getParent().resolve("a.png"), "not a png");
        assertEquals(0, run("convert", in.toString(), tmp.resolve("o.json").toString(), "--to", "coco", "--verify-image-sizes"), err());
        assertTrue(err().contains("1 image(s) could not be read for their size"), err());
        assertTrue(err().contains("a.png: not an image any reader knows"), err());
    }

    @Test
    void anUnknownTokenizerIsAUsageError() {
        assertEquals(2, run("convert", sample().toString(), tmp.resolve("o.json").toString(), "--to", "coco",
                "--tokenizer", "spacy"));
        assertTrue(err().contains("--tokenizer takes whitespace or punctuation, not 'spacy'"), err());
        assertEquals(0, run("convert", sample().toString(), tmp.resolve("o.json").toString(), "--to", "coco",
                "--tokenizer", "punctuation"), err());
    }

    @Test
    void missingImagesWarnOrFailByOption() {
        Path zip = tmp.resolve("sample-yolo.zip");
        assertEquals(0, run("convert", sample().toString(), zip.toString(), "--to", "yolo", "--option", "task=detect"), err());
        assertEquals(1, run("convert", zip.toString(), tmp.resolve("a.json").toString(), "--from", "yolo", "--to", "coco"));
        assertTrue(err().contains("has no image size"), err());
        err.reset();
        assertEquals(1, run("convert", zip.toString(), tmp.resolve("b.json").toString(), "--from", "yolo", "--to", "coco",
                "--missing-images", "fail"));
        assertTrue(err().contains("no image file") && !err().contains("has no image size"), err());
        assertEquals(2, run("convert", zip.toString(), tmp.resolve("c.json").toString(), "--to", "coco",
                "--missing-images", "maybe"));
    }
}
