package dev.labelport.formats.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Category;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract on a text-classification dataset: three splits, integer labels with their names
 * in {@code dataset_info.json}, a multi-label row, an unlabelled row, a sentence pair's second
 * sentence as an extra column, quotes, line breaks, emoji, flags, CJK and combining marks.
 */
class HfCsvFormatTest extends FormatContractTest {
    static final Category NEG = Category.of(Id.of(0), "negative");
    static final Category POS = Category.of(Id.of(1), "positive");
    static final Category MIXED = Category.of(Id.of(2), "mixed feelings");

    @Override
    protected String formatId() {
        return "hf-csv";
    }

    @Override
    protected Dataset sample() {
        List<Item> items = List.of(
                HfSamples.text(1, "train", "I loved it 😀", HfSamples.meta("sentence2", "so \"good\""), POS),
                HfSamples.text(2, "train", "Terrible,\nreally bad.\r\nNever again", HfSamples.meta("sentence2", ""), NEG),
                HfSamples.text(3, "train", "🇫🇷 flags and 京都 and e\u0301", HfSamples.meta("sentence2", "'quoted'"), POS, MIXED),
                HfSamples.text(4, "validation", "\"\"\" starts with quotes", HfSamples.meta("sentence2", "x"), NEG),
                HfSamples.text(5, "test", "no label yet", HfSamples.meta("sentence2", "y")));
        return new Dataset(HfSamples.header(List.of(NEG, POS, MIXED), "task", "text-classification", "flavour", "csv",
                "columns", List.of("label", "text", "sentence2"), "textColumn", "text", "labelColumn", "label",
                "labels", "ids", "labelNames", List.of("negative", "positive", "mixed feelings")), items);
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxStringLength(8).build();
    }

    @Test
    void sampleIsWrittenAsExpected() throws IOException {
        Path out = write(sample(), "expected");
        assertEquals(List.of("dataset_info.json", "test.csv", "train.csv", "validation.csv"), files(out));
        assertEquals("""
                label,text,sentence2
                1,I loved it 😀,"so ""good\"\"\"
                0,"Terrible,
                really bad.\r
                Never again",
                "[1, 2]",🇫🇷 flags and 京都 and e\u0301,'quoted'
                """, Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
        assertEquals("label,text,sentence2\n-1,no label yet,y\n", Files.readString(out.resolve("test.csv"), StandardCharsets.UTF_8));
        String info = Files.readString(out.resolve("dataset_info.json"), StandardCharsets.UTF_8);
        assertTrue(info.contains("\"names\" : [ \"negative\", \"positive\", \"mixed feelings\" ]"), info);
        assertTrue(info.contains("\"_type\" : \"ClassLabel\""), info);
    }

    @Test
    void readsWithoutTheHeaderExtensionAsNamesInFirstSeenOrder() throws IOException {
        Dataset plain = new Dataset(dev.labelport.model.DatasetHeader.of(List.of()), sample().items());
        Path out = write(plain, "plain");
        assertEquals(List.of("test.csv", "train.csv", "validation.csv"), files(out));
        assertEquals(List.of("text,label,sentence2", "I loved it 😀,positive,\"so \"\"good\"\"\""),
                Files.readAllLines(out.resolve("train.csv"), StandardCharsets.UTF_8).subList(0, 2));
        Dataset back = read(out);
        assertEquals(5, back.items().size());
        assertEquals(Category.of(Id.of("positive"), "positive"), back.items().get(0).annotations().get(0).category());
        assertEquals(JsonObject.EMPTY, back.items().get(0).extensions());
    }

    static List<String> files(Path out) throws IOException {
        try (var s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
