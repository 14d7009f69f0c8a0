package dev.labelport.formats.azure;

import dev.labelport.Limits;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;

/** The format contract on multi-class image JSON Lines. */
class AzureClassificationFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return AzureAutomlFormat.ID;
    }

    @Override
    protected Dataset sample() {
        return AzureSamples.classification();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxCategories(1).build();
    }

    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }
}
