package dev.labelport.formats.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConllFormatTest extends FormatContractTest {

    static final String DOCSTART = "-DOCSTART- -X- -X- O";

    @Override
    protected String formatId() {
        return "conll";
    }

    /**
     * Two documents, four columns in a tab file (a token with a space), IOB1 with an adjacent
     * pair of LOC chunks (the B- case), single-token chunks, emoji and CJK tokens.
     */
    @Override
    protected Dataset sample() {
        ConllSamples s = new ConllSamples();
        List<Item> items = List.of(
                s.sentence(1).docstart(DOCSTART).document(1)
                        .token("EU", "NNP", "B-NP").token("rejects", "VBZ", "B-VP").token("German", "JJ", "B-NP")
                        .token("call", "NN", "I-NP").token(".", ".", "O")
                        .span("ORG", 0, 1).span("MISC", 2, 3).build(),
                s.sentence(2).document(1)
                        .token("Peter", "NNP", "B-NP").token("Blackburn", "NNP", "I-NP")
                        .span("PER", 0, 2).build(),
                s.sentence(3).docstart(DOCSTART).document(2)
                        .token("Tokyo", "NNP", "B-NP").token("Osaka", "NNP", "I-NP").token("and", "CC", "O")
                        .token("New York", "NNP", "B-NP").token("City", "NNP", "I-NP").token("😀", "SYM", "O")
                        .token("京都", "NNP", "B-NP").token("rocks", "VBZ", "B-VP")
                        .span("LOC", 0, 1).span("LOC", 1, 2).span("LOC", 3, 5).span("MISC", 5, 6).span("LOC", 6, 7).build(),
                s.sentence(4).document(2)
                        .token("Smith", "NNP", "B-NP").token("said", "VBD", "B-VP")
                        .token("unsurprisingly", "RB", "B-ADVP").token("so", "RB", "B-ADVP")
                        .token("today", "NN", "B-NP").token(".", ".", "O")
                        .span("PER", 0, 1).build());
        JsonObject ext = JsonObject.builder().put("scheme", "iob1").put("separator", "tab")
                .put("trailingBlankLine", JsonValue.of(true)).build();
        DatasetHeader header = new DatasetHeader(null, "conll", null, List.of(), JsonObject.builder().put("conll", ext).build());
        return new Dataset(header, items);
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxTokensPerItem(1).build();
    }

    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }

    /**
     * A token file cut between lines is a shorter valid file (a cut inside a line is caught as a
     * short line). The sample is sized so that its half falls between two lines: 433 bytes, cut
     * at 216, right before {@code and}.
     */
    @Override
    protected boolean truncationIsDetectable() {
        return false;
    }

    @Test
    void sampleIsWrittenAsExpected() throws IOException {
        Path out = write(sample(), "expected");
        String expected = """
                -DOCSTART- -X- -X- O

                EU\tNNP\tB-NP\tI-ORG
                rejects\tVBZ\tB-VP\tO
                German\tJJ\tB-NP\tI-MISC
                call\tNN\tI-NP\tO
                .\t.\tO\tO

                Peter\tNNP\tB-NP\tI-PER
                Blackburn\tNNP\tI-NP\tI-PER

                -DOCSTART- -X- -X- O

                Tokyo\tNNP\tB-NP\tI-LOC
                Osaka\tNNP\tI-NP\tB-LOC
                and\tCC\tO\tO
                New York\tNNP\tB-NP\tI-LOC
                City\tNNP\tI-NP\tI-LOC
                😀\tSYM\tO\tI-MISC
                京都\tNNP\tB-NP\tI-LOC
                rocks\tVBZ\tB-VP\tO

                Smith\tNNP\tB-NP\tI-PER
                said\tVBD\tB-VP\tO
                unsurprisingly\tRB\tB-ADVP\tO
                so\tRB\tB-ADVP\tO
                today\tNN\tB-NP\tO
                .\t.\tO\tO

                """;
        assertEquals(expected, Files.readString(out, StandardCharsets.UTF_8));
    }
}
