package dev.labelport.formats.vertex;

import static dev.labelport.formats.vertex.VertexSamples.box;
import static dev.labelport.formats.vertex.VertexSamples.ext;
import static dev.labelport.formats.vertex.VertexSamples.image;
import static dev.labelport.formats.vertex.VertexSamples.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.model.Box;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.ImageSize;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every Vertex set under {@code shared/external-testdata/vertex-ai} in place; the counts
 * were checked by hand against the files (MANIFEST #43 and #44).
 */
@ExternalSamples
class VertexExternalDataTest {
    private static final VertexFormat VERTEX = new VertexFormat();
    private static final String DOCS = "vertex-ai/gcloud-docs-managed-datasets-export/";
    private static final String SALADS = "vertex-ai/tflite-model-maker-salads_csv/";

    @TempDir
    Path tmp;

    static Dataset read(String relative) {
        return Datasets.read(VERTEX, ExternalData.resolve(relative));
    }

    static long count(Dataset d, String split) {
        return d.items().stream().filter(i -> split.equals(i.split())).count();
    }

    /** #44: four images, five boxes whose coordinates are JSON strings, all three ml_use values. */
    @Test
    void docsBoundingBoxes() {
        Dataset d = read(DOCS + "image_bounding_box.jsonl");
        assertEquals(4, d.items().size());
        assertEquals(5, d.annotationCount());
        assertEquals(1, count(d, "test"));
        assertEquals(2, count(d, "train"));
        assertEquals(1, count(d, "val"));
        assertEquals(image("gs://bucket/filename2.gif").split("train").extensions(ext("mlUse", "training"))
                .annotations(List.of(box("Tomato", 0.8, 0.2, 1.0, 0.4), box("Salad", 0, 0, 1, 1))).build(), d.items().get(1));
        assertEquals(List.of("Baked goods", "Salad", "Tomato"), d.items().stream().flatMap(i -> i.annotations().stream())
                .map(a -> a.category().name()).distinct().sorted().toList());
        assertTrue(d.items().stream().allMatch(Item::normalized));
    }

    /** #44: five images with two labels each ({@code classificationAnnotations}). */
    @Test
    void docsMultiLabel() {
        Dataset d = read(DOCS + "image_classification_multi_label.jsonl");
        assertEquals(5, d.items().size());
        assertEquals(10, d.annotationCount());
        assertEquals(3, count(d, "train"));
        assertEquals(image("gs://bucket/filename4.bmp").split("train").extensions(ext("mlUse", "training"))
                .annotations(List.of(tag("sunflowers"), tag("closeup"))).build(), d.items().get(3));
    }

    /** #44: five images with one label each ({@code classificationAnnotation}). */
    @Test
    void docsSingleLabel() {
        Dataset d = read(DOCS + "image_classification_single_label.jsonl");
        assertEquals(5, d.items().size());
        assertEquals(5, d.annotationCount());
        assertEquals(image("gs://bucket/filename5.tiff").split("val").extensions(ext("mlUse", "validation"))
                .annotations(List.of(tag("tulips"))).build(), d.items().get(4));
    }

    /** Every docs set written back as JSONL and read again gives the same items. */
    @Test
    void docsRoundTrip() throws IOException {
        for (String f : List.of("image_bounding_box.jsonl", "image_classification_multi_label.jsonl",
                "image_classification_single_label.jsonl")) {
            Dataset d = read(DOCS + f);
            Path out = tmp.resolve(f);
            Datasets.write(VERTEX, out, d);
            assertEquals(d.items(), Datasets.read(VERTEX, out).items(), f);
        }
    }

    /**
     * #43: four rows, three images (the last two rows are one image), bare file names,
     * upper-case TRAIN/TEST, two-vertex boxes only.
     */
    @Test
    void saladsCsv() throws IOException {
        Dataset d = read(SALADS + "salads_ml_use.csv");
        assertEquals("csv", d.header().extension("vertex").object("derived").string("flavour"));
        assertEquals("detection", d.header().extension("vertex").object("derived").string("task"));
        assertEquals(3, d.items().size());
        assertEquals(4, d.annotationCount());
        assertEquals(2, count(d, "test"));
        assertEquals(1, count(d, "train"));
        Item last = d.items().get(2);
        assertEquals(image("8515203476_b575d9b2fc_o.jpg").split("train").extensions(ext("mlUse", "TRAIN"))
                .annotations(List.of(box("Cheese", 0.367681, 0.381481, 0.503247, 0.643684),
                        box("Salad", 0.086808, 0, 1, 1))).build(), last);
        assertNull(last.uri(), "a bare file name is not a uri");
        Path out = tmp.resolve("salads.csv");
        Datasets.write(VERTEX, out, d);
        assertEquals(d.items(), Datasets.read(VERTEX, out).items());
    }

    /**
     * #43 is a cross-format oracle: Model Maker converted the CSV to COCO with the images' sizes,
     * truncating to whole pixels. Vertex to COCO with the same sizes agrees within one pixel.
     */
    @Test
    void saladsAgreeWithModelMakersCocoWithinAPixel() throws IOException {
        Map<String, ImageSize> sizes = Map.of("279324025_3e74a32a84_o.jpg", new ImageSize(1600, 1200),
                "3167707458_7b2eebed9e_o.jpg", new ImageSize(2207, 2167), "8515203476_b575d9b2fc_o.jpg", new ImageSize(612, 612));
        Path out = tmp.resolve("salads.json");
        ConversionReport r = Labelport.create().conversion(ExternalData.resolve(SALADS + "salads_ml_use.csv"), out)
                .from("vertex").to("coco")
                .options(ConversionOptions.builder().imageSizes(i -> sizes.get(i.fileName())).build()).run();
        assertEquals(4, r.annotationsWritten());
        Dataset mine = Datasets.read(FormatRegistry.discover().require("coco"), out);
        Map<String, List<Box>> oracle = new java.util.HashMap<>();
        for (String f : List.of("train_annotations.json", "test_annotations.json")) {
            Dataset d = Datasets.read(FormatRegistry.discover().require("coco"), ExternalData.resolve(SALADS + "json_files/" + f));
            for (Item i : d.items()) {
                oracle.put(i.fileName(), i.annotations().stream().map(a -> (Box) a.geometry()).collect(Collectors.toList()));
            }
        }
        assertEquals(3, oracle.size());
        for (Item i : mine.items()) {
            List<Box> expected = oracle.get(i.fileName());
            List<Box> actual = i.annotations().stream().map(a -> (Box) a.geometry()).toList();
            assertEquals(expected.size(), actual.size(), i.fileName());
            for (int k = 0; k < actual.size(); k++) {
                Box e = expected.get(k);
                Box a = actual.get(k);
                String what = i.fileName() + " " + e + " vs " + a;
                assertTrue(Math.abs(e.x() - a.x()) <= 1 && Math.abs(e.y() - a.y()) <= 1, what);
                assertTrue(Math.abs(e.x() + e.width() - a.x() - a.width()) <= 1
                        && Math.abs(e.y() + e.height() - a.y() - a.height()) <= 1, what);
            }
        }
    }
}
