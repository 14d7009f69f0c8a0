package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The format contract on object-detection JSON Lines; the other tasks have their own subclasses. */
class AzureAutomlFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return AzureAutomlFormat.ID;
    }

    @Override
    protected Dataset sample() {
        return AzureSamples.detection();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxImageDimension(100).build();
    }

    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }

    @Test
    void sampleIsWrittenAsExpected() throws IOException {
        Path out = write(sample(), "expected.jsonl");
        assertEquals("""
                {"image_url":"azureml://subscriptions/s/resourcegroups/g/workspaces/w/datastores/d/paths/img/1.jpg",\
                "image_details":{"format":"jpg","width":"499px","height":"666px"},"label":[{"label":"can","topX":0.25,\
                "topY":0.5,"bottomX":0.75,"bottomY":0.75,"isCrowd":0},{"label":"carton","topX":0.125,"topY":0.125,\
                "bottomX":0.375,"bottomY":0.5,"isCrowd":1}]}
                {"image_url":"images/2.png","image_details":{"format":"png"},"label":[]}
                {"image_url":"https://example.com/x/3.jpeg?sig=1","image_details":{"width":640,"height":"480 PX"},\
                "label":[{"label":"Ünïcode 猫","topX":0,"topY":0,"bottomX":1,"bottomY":1,"note":"x"}],"split":"train"}
                """, Files.readString(out));
    }
}
