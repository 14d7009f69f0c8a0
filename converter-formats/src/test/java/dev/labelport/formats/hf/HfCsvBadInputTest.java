package dev.labelport.formats.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.report.LossCode;
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

/** Broken inputs fail with the file, the line and the column (and list element) at fault. */
class HfCsvBadInputTest {
    @TempDir
    Path tmp;

    private final FormatProvider hf = FormatRegistry.discover().require("hf-csv");

    private static final String INFO = """
            {"features": {"tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"},
              "ner_tags": {"feature": {"names": ["O", "B-PER", "I-PER"], "_type": "ClassLabel"}, "_type": "Sequence"}}}
            """;

    private Path folder(String train, String info) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ds"));
        Files.writeString(dir.resolve("train.csv"), train, StandardCharsets.UTF_8);
        if (info != null) {
            Files.writeString(dir.resolve("dataset_info.json"), info, StandardCharsets.UTF_8);
        }
        return dir;
    }

    private InvalidInputException fails(Path input) {
        return assertThrows(InvalidInputException.class, () -> Datasets.read(hf, input));
    }

    private static void located(InvalidInputException e, String source, long line, String path, String detail) {
        assertEquals(source, e.location().source(), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(path, e.location().path(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.getMessage().startsWith(source + ":" + line), e.getMessage());
    }

    @Test
    void unterminatedListLiteral() throws IOException {
        Path in = folder("tokens,ner_tags\n\"['EU', 'rejects']\",\"['B-ORG', 'O']\"\n\"['EU', 'rejects\",\"['B-ORG', 'O']\"\n", null);
        located(fails(in), "ds/train.csv", 3, "tokens", "unterminated string literal");
        Path in2 = folder("tokens,ner_tags\n\"['EU', 'rejects'\",\"['B-ORG', 'O']\"\n", null);
        located(fails(in2), "ds/train.csv", 2, "tokens", "unterminated list");
    }

    @Test
    void tagIndexOutOfRange() throws IOException {
        Path in = folder("tokens,ner_tags\n\"['Peter', 'Blackburn']\",\"[1, 2]\"\n\"['Ann', 'Lee']\",\"[1, 5]\"\n", INFO);
        located(fails(in), "ds/train.csv", 3, "ner_tags[1]", "tag index 5 is out of range: 3 names in dataset_info.json");
    }

    @Test
    void tokensAndTagsOfDifferentLengths() throws IOException {
        Path in = folder("tokens,ner_tags\n\"['a', 'b', 'c']\",\"['O', 'O']\"\n", null);
        located(fails(in), "ds/train.csv", 2, "ner_tags", "2 tags for 3 tokens");
    }

    @Test
    void integerTagsWithoutNames() throws IOException {
        Path in = folder("tokens,ner_tags\n\"['a', 'b']\",\"[0, 1]\"\n", null);
        located(fails(in), "ds/train.csv", 2, "ner_tags[0]", "integer tags need the tag names");
        Dataset d = Datasets.read(hf, in, ReadContext.of("ds").withOptions(FormatOptions.of(Map.of("label-names", "O,B-X,I-X"))));
        assertEquals("b", d.items().get(0).annotations().get(0).geometry() instanceof dev.labelport.model.TextSpan s ? s.text() : "");
    }

    @Test
    void invalidIob2Sequence() throws IOException {
        Path in = folder("tokens,ner_tags\n\"['a', 'b']\",\"['I-PER', 'O']\"\n", null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(hf, in,
                ReadContext.of("ds").withOptions(FormatOptions.of(Map.of("scheme", "iob2")))));
        located(e, "ds/train.csv", 2, "ner_tags[0]", "invalid iob2 tag sequence");
        Dataset d = Datasets.read(hf, in); // scheme=auto: a chunk starting with I- is iob1
        assertEquals(1, d.items().get(0).annotations().size());
    }

    @Test
    void textLabelIndexOutOfRangeAndUnknownName() throws IOException {
        String info = "{\"features\": {\"label\": {\"names\": [\"neg\", \"pos\"], \"_type\": \"ClassLabel\"}}}";
        located(fails(folder("text,label\nfine,1\nbad,2\n", info)), "ds/train.csv", 3, "label",
                "label index 2 is out of range: 2 names in dataset_info.json");
        located(fails(folder("text,label\nfine,pos\nbad,meh\n", info)), "ds/train.csv", 3, "label",
                "label 'meh' is not among the 2 names");
        located(fails(folder("text,label\nfine,\"[0, 'x\"\n", info)), "ds/train.csv", 2, "label", "malformed list literal");
    }

    @Test
    void csvRecordsThatDoNotFitTheHeader() throws IOException {
        located(fails(folder("text,label\n\"multi\nline\",pos\nshort\n", null)), "ds/train.csv", 4, null,
                "the record has 1 fields but the header (line 1) names 2 columns");
        located(fails(folder("text,label\nok,pos\n\"never closed,pos\n", null)), "ds/train.csv", 3, null, "malformed CSV");
        located(fails(folder("label,body\npos,x\n", null)), "ds/train.csv", 1, null, "no text column");
    }

    @Test
    void jsonLinesRowsMustBeObjects() throws IOException {
        Path f = tmp.resolve("rows.jsonl");
        Files.writeString(f, "{\"words\": [\"a\"], \"ner\": [\"O\"]}\n[1, 2]\n");
        InvalidInputException e = fails(f);
        assertEquals(2, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains("expected a row object"), e.getMessage());
        Files.writeString(f, "{\"words\": [\"a\", 3], \"ner\": [\"O\", \"O\"]}\n");
        located(fails(f), "rows.jsonl", 1, "words[1]", "a token must be a string");
    }

    @Test
    void lenientPolicySkipsTheBadRowAndGoesOn() throws IOException {
        Path in = folder("tokens,ner_tags\n\"['a', 'b']\",\"['O']\"\n\"['c']\",\"['B-X']\"\n", null);
        Reporter reporter = new Reporter(false);
        Dataset d = Datasets.read(hf, in, new ReadContext("ds", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP, reporter, null));
        assertEquals(1, d.items().size());
        assertEquals(dev.labelport.model.Id.of(2), d.items().get(0).id(), "ids stay row positions");
        assertEquals(1, reporter.build("hf-csv", null).lossCount(LossCode.SKIPPED_RECORD.code()));
    }

    @Test
    void limitsAreCheckedBeforeBuilding() throws IOException {
        Path in = folder("text,label\n\"" + "x".repeat(5000) + "\",pos\n", null);
        LabelportException e = assertThrows(LimitExceededException.class, () -> Datasets.read(hf, in,
                ReadContext.of("ds").withLimits(Limits.builder().maxStringLength(1000).build())));
        assertEquals("ds/train.csv", e.location().source(), e.getMessage());
        Path tags = folder("tokens,ner_tags\n\"['a', 'b', 'c']\",\"['O', 'O', 'O']\"\n", null);
        assertThrows(LimitExceededException.class, () -> Datasets.read(hf, tags,
                ReadContext.of("ds").withLimits(Limits.builder().maxTokensPerItem(2).build())));
    }

    /** Regression: under SKIP, a decoder error made every later read fail the same way, forever. */
    @Test
    void lenientReadingStopsAFileAfterMalformedBytes() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bytes"));
        byte[] head = "text,label\nok,pos\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, '\n', 'x', ',', 'y', '\n'};
        byte[] all = java.util.Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(dir.resolve("train.csv"), all);
        Reporter reporter = new Reporter(false);
        Dataset d = Datasets.read(hf, dir, new ReadContext("bytes", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP, reporter, null));
        assertEquals(1, d.items().size());
        assertEquals(1, reporter.build("hf-csv", null).lossCount(LossCode.SKIPPED_RECORD.code()));
        Files.writeString(dir.resolve("train.csv"), "");
        Files.delete(dir.resolve("train.csv"));
        Path rows = dir.resolve("rows.jsonl");
        Files.writeString(rows, "{\"text\": \"a\", \"label\": \"x\"}\n[{\"text\": \"b\"\n");
        Dataset j = Datasets.read(hf, rows, new ReadContext("rows.jsonl", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP,
                new Reporter(false), null));
        assertEquals(1, j.items().size());
    }
}
