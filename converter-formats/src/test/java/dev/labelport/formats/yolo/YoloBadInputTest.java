package dev.labelport.formats.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.StrictLossException;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken label files and data.yaml files fail with their file, line and column. */
class YoloBadInputTest {
    @TempDir
    Path tmp;

    private Path dataset(String yaml, String label) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("ds"));
        if (yaml != null) {
            Files.writeString(root.resolve("data.yaml"), yaml, StandardCharsets.UTF_8);
        }
        Path l = root.resolve("labels/train/a.txt");
        Files.createDirectories(l.getParent());
        Files.writeString(l, label, StandardCharsets.UTF_8);
        return root;
    }

    private static final String YAML = "train: images/train\nnames: [cat, dog]\n";

    private InvalidInputException fails(Path root) {
        return assertThrows(InvalidInputException.class, () -> Datasets.read(new YoloFormat(), root));
    }

    @Test
    void aLineWithFourNumbersAfterTheClassIsFine() throws IOException {
        assertEquals(1, Datasets.read(new YoloFormat(), dataset(YAML, "0 0.5 0.5 0.1 0.1\n")).annotationCount());
    }

    @Test
    void aLineWithThreeNumbersNamesFileAndLine() throws IOException {
        InvalidInputException e = fails(dataset(YAML, "0 0.5 0.5 0.1 0.1\n1 0.5 0.5 0.1\n"));
        assertEquals("ds/labels/train/a.txt", e.location().source());
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().startsWith("ds/labels/train/a.txt:2:1: label line has 3 numbers after the class"), e.getMessage());
    }

    @Test
    void aNonNumericClass() throws IOException {
        InvalidInputException e = fails(dataset(YAML, "\n  cat 0.5 0.5 0.1 0.1\n"));
        assertEquals(2, e.location().line());
        assertEquals(3, e.location().column());
        assertTrue(e.getMessage().contains("class 'cat' is not a non-negative integer index"), e.getMessage());
    }

    @Test
    void aNegativeClass() throws IOException {
        assertTrue(fails(dataset(YAML, "-1 0.5 0.5 0.1 0.1\n")).getMessage().contains("class '-1'"));
    }

    @Test
    void aClassBeyondTheNames() throws IOException {
        InvalidInputException e = fails(dataset(YAML, "0 0.5 0.5 0.1 0.1\r\n2 0.5 0.5 0.1 0.1\r\n"));
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("class 2 is not in the names (2 classes in data.yaml)"), e.getMessage());
    }

    @Test
    void aNumberJavaWouldAcceptButYoloDoesNot() throws IOException {
        for (String bad : new String[] {"NaN", "Infinity", "0x1p3", "1d", "1f", "1e", "."}) {
            InvalidInputException e = fails(dataset(YAML, "0 0.5 " + bad + " 0.1 0.1\n"));
            assertEquals(7, e.location().column(), bad);
            assertTrue(e.getMessage().contains("'" + bad + "' is not a number"), e.getMessage());
        }
    }

    @Test
    void aNegativeWidth() throws IOException {
        assertTrue(fails(dataset(YAML, "0 0.5 0.5 -0.1 0.1\n")).getMessage().contains("negative box width"));
    }

    @Test
    void nonAsciiBytesInALabel() throws IOException {
        InvalidInputException e = fails(dataset(YAML, "0 0.5 0.5 0.1 0.1\n0 0.5 0.5 0.1 0.1\u00e9\n"));
        assertEquals(2, e.location().line());
        assertEquals(18, e.location().column());
    }

    @Test
    void skipPolicyDropsTheBadLineAndKeepsTheRest() throws IOException {
        Reporter r = new Reporter(false);
        ReadContext ctx = new ReadContext("ds", FormatOptions.EMPTY, dev.labelport.Limits.DEFAULTS, ErrorPolicy.SKIP, r, null);
        Dataset d = Datasets.read(new YoloFormat(), dataset(YAML, "0 0.5 0.5 0.1 0.1\n0 0.5\n1 0.2 0.2 0.1 0.1\n"), ctx);
        assertEquals(2, d.annotationCount());
        assertEquals(1, r.lossCount("SKIPPED_RECORD"));
    }

    @Test
    void aLongLineIsALimit() throws IOException {
        ReadContext ctx = ReadContext.of("ds").withLimits(dev.labelport.Limits.builder().maxLineLength(10).build());
        Path root = dataset(YAML, "0 0.5 0.5 0.1 0.1\n");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Datasets.read(new YoloFormat(), root, ctx));
        assertEquals("ds/labels/train/a.txt", e.location().source());
    }

    @Test
    void tooManyPolygonPointsIsALimit() throws IOException {
        ReadContext ctx = ReadContext.of("ds").withLimits(dev.labelport.Limits.builder().maxPolygonVertices(3).build());
        Path root = dataset(YAML, "0 0.1 0.1 0.2 0.1 0.2 0.2 0.1 0.2 0.15 0.15\n");
        assertThrows(LimitExceededException.class, () -> Datasets.read(new YoloFormat(), root, ctx));
    }

    // ---------------------------------------------------------------- data.yaml

    private InvalidInputException yamlFails(String yaml) throws IOException {
        InvalidInputException e = fails(dataset(yaml, "0 0.5 0.5 0.1 0.1\n"));
        assertEquals("ds/data.yaml", e.location().source(), e.getMessage());
        return e;
    }

    @Test
    void anAnchorOrAnAliasIsRefused() throws IOException {
        InvalidInputException anchor = yamlFails("names: &n\n  - cat\nval: *n\n");
        assertEquals(1, anchor.location().line());
        assertEquals(8, anchor.location().column());
        assertTrue(anchor.getMessage().contains("anchors ('&') are not supported"), anchor.getMessage());
        InvalidInputException alias = yamlFails("train: images/train\nnames:\n  - *cat\n");
        assertEquals(3, alias.location().line());
        assertTrue(alias.getMessage().contains("aliases"), alias.getMessage());
    }

    @Test
    void tagsMergeKeysComplexKeysAndDocumentsAreRefused() throws IOException {
        assertTrue(yamlFails("names: !!python/tuple [a, b]\n").getMessage().contains("tags"));
        assertTrue(yamlFails("base: {a: b}\n<<: {c: d}\nnames: [a]\n").getMessage().contains("merge keys"));
        assertTrue(yamlFails("? [a, b]\n: c\n").getMessage().contains("complex keys"));
        InvalidInputException docs = yamlFails("names: [a]\n---\nnames: [b]\n");
        assertEquals(2, docs.location().line());
        assertTrue(yamlFails("%YAML 1.2\nnames: [a]\n").getMessage().contains("directives"));
    }

    @Test
    void oddConstructsAreLocated() throws IOException {
        InvalidInputException tab = yamlFails("names:\n\t- a\n");
        assertEquals(2, tab.location().line());
        InvalidInputException dup = yamlFails("names: [a]\nnames: [b]\n");
        assertEquals(2, dup.location().line());
        assertTrue(dup.getMessage().contains("duplicate key 'names'"));
        InvalidInputException unclosed = yamlFails("names: [a, 'b\n");
        assertEquals(1, unclosed.location().line());
        InvalidInputException list = yamlFails("- a\n- b\n");
        assertTrue(list.getMessage().contains("must be a mapping"), list.getMessage());
        assertTrue(yamlFails("names: {zero: a}\n").getMessage().contains("names keys must be class indices"));
        assertTrue(yamlFails("names: [a]\nkpt_shape: [17, 4]\n").getMessage().contains("kpt_shape"));
        assertTrue(yamlFails("names: a: b\n").getMessage().contains("quote the value"));
    }

    @Test
    void ncDisagreeingWithTheNamesIsAWarningNotARefusal() throws IOException {
        Path root = dataset("names: [a, b]\nnc: 3\n", "1 0.5 0.5 0.1 0.1\n");
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext("ds", FormatOptions.EMPTY, dev.labelport.Limits.DEFAULTS, ErrorPolicy.FAIL, reporter, null);
        Dataset d = Datasets.read(new YoloFormat(), root, ctx);
        assertEquals(java.util.List.of("a", "b"), d.header().categories().stream().map(c -> c.name()).toList());
        assertEquals(1, reporter.lossCount("INCONSISTENT_METADATA"));
        ReadContext strict = new ReadContext("ds", FormatOptions.EMPTY, dev.labelport.Limits.DEFAULTS, ErrorPolicy.FAIL,
                new Reporter(true), null);
        StrictLossException e = assertThrows(StrictLossException.class, () -> Datasets.read(new YoloFormat(), root, strict));
        assertEquals("ds/data.yaml", e.location().source());
        assertTrue(e.getMessage().contains("nc is 3 but names lists 2"), e.getMessage());
    }

    @Test
    void binaryDataYamlIsRefused() throws IOException {
        Path root = dataset(null, "0 0.5 0.5 0.1 0.1\n");
        Files.write(root.resolve("data.yaml"), new byte[] {'n', 'a', (byte) 0xff, (byte) 0xfe, 0, 1});
        InvalidInputException e = fails(root);
        assertEquals("ds/data.yaml", e.location().source());
    }

    @Test
    void aFileIsNotADataset() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.txt"), "0 0.5 0.5 0.1 0.1\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(new YoloFormat(), f));
        assertEquals("x.txt", e.location().source());
    }

    @Test
    void unknownOptionsAndBadValuesAreRefused() throws IOException {
        Path root = dataset(YAML, "0 0.5 0.5 0.1 0.1\n");
        for (String[] kv : new String[][] {{"layout", "plain"}, {"task", "tracking"}, {"kpt-shape", "17x4"}}) {
            ReadContext ctx = ReadContext.of("ds").withOptions(FormatOptions.of(java.util.Map.of(kv[0], kv[1])));
            assertThrows(LabelportException.class, () -> Datasets.read(new YoloFormat(), root, ctx), kv[0]);
        }
    }

    @Test
    void poseWithoutKptShapeIsRefused() throws IOException {
        Path root = dataset(YAML, "0 0.5 0.5 0.1 0.1\n");
        ReadContext ctx = ReadContext.of("ds").withOptions(FormatOptions.of(java.util.Map.of("task", "pose")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(new YoloFormat(), root, ctx));
        assertTrue(e.getMessage().contains("kpt_shape"), e.getMessage());
    }

    /** Found by the mutation fuzzer: a NUL in a Darknet list made Path throw InvalidPathException. */
    @Test
    void aControlCharacterInAListFileIsALocatedError() throws IOException {
        Path root = tmp.resolve("darknet");
        Files.createDirectories(root.resolve("obj_train_data"));
        Files.writeString(root.resolve("obj.names"), "cat\n");
        Files.writeString(root.resolve("obj.data"), "classes = 1\ntrain = train.txt\nnames = obj.names\n");
        Files.writeString(root.resolve("train.txt"), "obj_train_data/a.jpg\nobj_train_data/b\u0000.jpg\n");
        Files.writeString(root.resolve("obj_train_data/a.txt"), "0 0.5 0.5 0.1 0.1\n");
        InvalidInputException e = fails(root);
        assertEquals(2, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains("contains a control character"), e.getMessage());
    }
}
