package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The format contract on Azure's two-column NER CoNLL. */
class AzureNerFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return AzureAutomlFormat.ID;
    }

    @Override
    protected Dataset sample() {
        return AzureSamples.ner();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxTokensPerItem(1).build();
    }

    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }

    @Test
    void sampleIsWrittenAsExpected() throws IOException {
        Path out = write(sample(), "expected.txt");
        assertEquals("""
                -DOCSTART- O

                EU B-ORG
                rejects O
                German B-MISC
                call O

                Peter B-PER
                Blackburn I-PER

                -DOCSTART- O

                Tokyo B-LOC
                Osaka B-LOC
                😀 B-MISC
                . O

                """, Files.readString(out));
    }
}
