/**
 * The bundled Labelport formats. Each lives in its own package, depends only on the API and its
 * shared internals, and is registered here and in {@code META-INF/services} (for class-path use).
 */
module dev.labelport.formats {
    requires transitive dev.labelport.api;
    requires org.apache.commons.csv;
    requires java.desktop; // javax.imageio: image sizes from headers

    exports dev.labelport.formats.images;

    provides dev.labelport.spi.FormatProvider with
            dev.labelport.formats.avala.AvalaFormat,
            dev.labelport.formats.coco.CocoFormat,
            dev.labelport.formats.conll.ConllFormat,
            dev.labelport.formats.hf.HfCsvFormat;
}
