package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The format contract on a multi-label text-classification CSV. */
class AzureTextFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return AzureAutomlFormat.ID;
    }

    @Override
    protected Dataset sample() {
        return AzureSamples.texts();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxStringLength(5).build();
    }

    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }

    @Test
    void sampleIsWrittenAsExpected() throws IOException {
        Path out = write(sample(), "expected.csv");
        assertEquals("""
                text,source,labels
                "Hello, ""world""
                second line",web,"['cs.CV', 'cs.LG']"
                "",,[]
                日本語 😀,x,"[""it's"", 'back\\\\slash']"
                " padded ",y,"['a','b']"
                plain,z,"x,y"
                """, Files.readString(out));
    }
}
