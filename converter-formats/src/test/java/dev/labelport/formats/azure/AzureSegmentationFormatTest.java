package dev.labelport.formats.azure;

import dev.labelport.Limits;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;

/** The format contract on instance-segmentation JSON Lines. */
class AzureSegmentationFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return AzureAutomlFormat.ID;
    }

    @Override
    protected Dataset sample() {
        return AzureSamples.segmentation();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxPolygonVertices(5).build();
    }

    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }
}
