package dev.labelport.formats.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
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
 * The contract on a token-classification dataset: list-literal cells with quotes, backslashes,
 * a token holding a space, emoji, flags, CJK and combining marks, adjacent entities of one type,
 * an empty row and an extra column; two splits.
 */
class HfCsvTokenFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return "hf-csv";
    }

    @Override
    protected Dataset sample() {
        List<Item> items = List.of(
                item(HfSamples.tokens(1, "train", List.of("EU", "rejects", "German", "call", "."), "ORG", 0, 1, "MISC", 2, 3), "en"),
                item(HfSamples.tokens(2, "train", List.of("Peter", "Blackburn"), "PER", 0, 2), "en"),
                item(HfSamples.tokens(3, "train", List.of()), "none"),
                item(HfSamples.tokens(4, "test", List.of("Tokyo", "Osaka", "New York", "😀", "🇯🇵", "京都", "don't", "say \"no\"",
                        "back\\slash", "Zoe\u0308"), "LOC", 0, 1, "LOC", 1, 2, "LOC", 2, 3, "LOC", 4, 6, "PER", 9, 10), "mixed"));
        return new Dataset(HfSamples.header(List.of(), "task", "token-classification", "flavour", "csv",
                "columns", List.of("tokens", "ner_tags", "lang"), "textColumn", "tokens", "labelColumn", "ner_tags",
                "labels", "names", "scheme", "iob2"), items);
    }

    private static Item item(Item i, String lang) {
        return i.toBuilder().metadata(HfSamples.meta("lang", lang)).build();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxTokensPerItem(1).build();
    }

    @Test
    void sampleIsWrittenAsExpected() throws IOException {
        Path out = write(sample(), "expected");
        assertEquals(List.of("test.csv", "train.csv"), HfCsvFormatTest.files(out));
        assertEquals("""
                tokens,ner_tags,lang
                "['EU', 'rejects', 'German', 'call', '.']","['B-ORG', 'O', 'B-MISC', 'O', 'O']",en
                "['Peter', 'Blackburn']","['B-PER', 'I-PER']",en
                [],[],none
                """, Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
        assertEquals("tokens,ner_tags,lang\n"
                + "\"['Tokyo', 'Osaka', 'New York', '😀', '🇯🇵', '京都', \"\"don't\"\", 'say \"\"no\"\"', 'back\\\\slash', 'Zoe\u0308']\","
                + "\"['B-LOC', 'B-LOC', 'B-LOC', 'O', 'B-LOC', 'I-LOC', 'O', 'O', 'O', 'B-PER']\",mixed\n",
                Files.readString(out.resolve("test.csv"), StandardCharsets.UTF_8));
    }
}
