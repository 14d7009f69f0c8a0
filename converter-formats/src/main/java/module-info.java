/**
 * The bundled Labelport formats. Each lives in its own package, depends only on the API and its
 * shared internals, and is registered here and in {@code META-INF/services} (for class-path use).
 */
module dev.labelport.formats {
    requires transitive dev.labelport.api;
    requires org.apache.commons.csv; // the CSV formats (csv, comprehend, vertex, azure-automl, hf-csv)
    requires java.desktop; // javax.imageio: image sizes from headers
    requires java.xml; // StAX: Pascal VOC annotation files

    exports dev.labelport.formats.images;

    provides dev.labelport.spi.FormatProvider with
            dev.labelport.formats.avala.AvalaFormat,
            dev.labelport.formats.azure.AzureAutomlFormat,
            dev.labelport.formats.coco.CocoFormat,
            dev.labelport.formats.comprehend.ComprehendFormat,
            dev.labelport.formats.conll.ConllFormat,
            dev.labelport.formats.csv.CsvFormat,
            dev.labelport.formats.hf.HfCsvFormat,
            dev.labelport.formats.vertex.VertexFormat,
            dev.labelport.formats.voc.VocFormat,
            dev.labelport.formats.yolo.YoloFormat;
}
