package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.ErrorPolicy;
import dev.labelport.Limits;
import dev.labelport.Labelport;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Item;
import dev.labelport.model.Polygon;
import dev.labelport.model.TextSpan;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every Azure sample in the shared external data (#45, the docs' image JSONL; #25, the
 * azureml-examples NER CoNLL), read in place. Counts were taken by hand from the files (and
 * checked with a grep for {@code B-} and {@code -DOCSTART-} on the NER files).
 */
@ExternalSamples
class AzureExternalDataTest {
    private static final String IMAGES = "azure-automl/azure-docs-automl-images-schema/";
    private static final String NER = "conll/azureml-examples-automl-ner/";

    @TempDir
    Path tmp;

    private final FormatProvider azure = FormatRegistry.discover().require(AzureAutomlFormat.ID);

    private Dataset read(Path in, Reporter reporter) {
        ReadContext ctx = new ReadContext(in.getFileName().toString(), FormatOptions.EMPTY, Limits.DEFAULTS,
                ErrorPolicy.FAIL, reporter, null);
        return Datasets.read(azure, in, ctx);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "multiclass.jsonl, image-classification, 3, 3",
        "multilabel.jsonl, image-multilabel, 3, 6",
        "object_detection.jsonl, object-detection, 3, 6",
        "instance_segmentation.jsonl, instance-segmentation, 3, 5"})
    void imageSamplesAreReadWithTheirTaskAndCounts(String file, String task, int items, int annotations) throws IOException {
        Path in = ExternalData.resolve(IMAGES + file);
        Dataset d = read(in, new Reporter(false));
        assertEquals(task, d.header().extension(AzureAutomlFormat.ID).object("derived").string("task"));
        assertEquals(items, d.items().size());
        assertEquals(annotations, d.annotationCount());
        for (Item i : d.items()) {
            assertTrue(i.normalized(), "fractions of the image size");
            assertTrue(i.uri().startsWith("azureml://subscriptions/my-subscription-id/"), i.uri());
            assertTrue(i.fileName().startsWith("image_data/Image_"), i.fileName());
        }
        assertEquals(AzureAutomlFormat.ID, Labelport.create().detect(in).descriptor().id());
        // the same-format write gives every value back (the docs' irregular spacing is not kept)
        Path out = tmp.resolve(file);
        Datasets.write(azure, out, d);
        assertEquals(d.items(), read(out, new Reporter(false)).items());
        assertTrue(Files.readString(out).contains("\"width\":\""), "499px stays a string");
    }

    @Test
    void sizesAreTheDocsPixelStrings() {
        Dataset d = read(ExternalData.resolve(IMAGES + "multiclass.jsonl"), new Reporter(false));
        assertEquals(List.of(400, 397, 1024), d.items().stream().map(Item::width).toList());
        assertEquals(List.of(258, 296, 768), d.items().stream().map(Item::height).toList());
        assertEquals(List.of("can", "milk_bottle", "water_bottle"),
                d.items().stream().map(i -> i.annotations().get(0).category().name()).toList());
    }

    @Test
    void detectionBoxesAreFractionsWithTheirCorners() {
        Dataset d = read(ExternalData.resolve(IMAGES + "object_detection.jsonl"), new Reporter(false));
        Box can = (Box) d.items().get(0).annotations().get(0).geometry();
        assertEquals(0.260, can.x());
        assertEquals(0.406, can.y());
        assertEquals(0.735, can.x() + can.width(), 1e-15);
        assertEquals(0.701, can.y() + can.height(), 1e-15);
        // 0.0180 as written in the docs
        Box carton = (Box) d.items().get(2).annotations().get(0).geometry();
        assertEquals(0.018, carton.x());
        assertEquals(List.of("carton", "milk_bottle", "water_bottle"),
                d.items().get(2).annotations().stream().map(a -> a.category().name()).toList());
        assertTrue(d.items().stream().flatMap(i -> i.annotations().stream()).noneMatch(Annotation::crowd));
    }

    @Test
    void segmentationPolygonsKeepEveryVertex() {
        Dataset d = read(ExternalData.resolve(IMAGES + "instance_segmentation.jsonl"), new Reporter(false));
        List<Integer> vertices = d.items().stream().flatMap(i -> i.annotations().stream())
                .map(a -> ((Polygon) a.geometry()).parts().get(0).shell().size()).toList();
        assertEquals(List.of(29, 22, 19, 20, 16), vertices);
        Polygon can = (Polygon) d.items().get(0).annotations().get(0).geometry();
        assertEquals(0.577, can.parts().get(0).shell().x(0));
        assertEquals(0.2705, can.parts().get(0).shell().x(8)); // the one 4-decimal value
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test-mltable-folder/test.txt, 335, 4629, 762, 22, 1",
        "training-mltable-folder/train.txt, 722, 9179, 1413, 49, 0",
        "validation-mltable-folder/valid.txt, 757, 9175, 1315, 38, 0"})
    void nerSamplesAreReadThroughConll(String file, int sentences, int tokens, int entities, int documents, int repaired)
            throws IOException {
        Path in = ExternalData.resolve(NER + file);
        Reporter reporter = new Reporter(false);
        Dataset d = read(in, reporter);
        assertEquals("ner", d.header().extension(AzureAutomlFormat.ID).object("derived").string("task"));
        assertEquals(sentences, d.items().size());
        assertEquals(tokens, d.items().stream().mapToInt(i -> i.text().tokens().size()).sum());
        assertEquals(entities, d.annotationCount());
        assertEquals(documents, d.items().stream().filter(i -> i.extension(AzureAutomlFormat.ID).has("docstart")).count());
        // test.txt line 722: 'Moscardi I-PER' after O; Azure (seqeval) reads it as an entity start
        assertEquals(repaired, reporter.lossCount("INVALID_TAG_SEQUENCE"));
        assertTrue(d.items().stream().flatMap(i -> i.annotations().stream()).allMatch(a -> a.geometry() instanceof TextSpan));
        assertEquals(AzureAutomlFormat.ID, Labelport.create().detect(in).descriptor().id());
        if (repaired == 0) {
            Path out = tmp.resolve("ner.txt");
            Datasets.write(azure, out, d);
            assertEquals(Files.readString(in), Files.readString(out), "a valid Azure NER file comes back byte for byte");
        }
    }
}
