/**
 * Labelport API: the lossless annotation model, the format SPI, the conversion pipeline,
 * the loss report and the exception family.
 *
 * <p>Formats plug in as {@link dev.labelport.spi.FormatProvider} services.
 */
module dev.labelport.api {
    requires transitive tools.jackson.core;

    exports dev.labelport;
    exports dev.labelport.error;
    exports dev.labelport.json;
    exports dev.labelport.masks;
    exports dev.labelport.model;
    exports dev.labelport.report;
    exports dev.labelport.spi;
    // Shared machinery for the bundled formats only: not a public API.
    exports dev.labelport.internal to dev.labelport.formats, dev.labelport.cli, dev.labelport.bench;

    uses dev.labelport.spi.FormatProvider;
}
