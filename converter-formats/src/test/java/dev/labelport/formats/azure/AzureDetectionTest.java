package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.spi.Detection;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Detection scores: Azure's own files, and other formats' files it must leave alone. */
class AzureDetectionTest {
    @TempDir
    Path tmp;

    private final AzureAutomlFormat azure = new AzureAutomlFormat();

    private int detect(String content) throws IOException {
        Path p = Files.writeString(tmp.resolve("probe"), content, StandardCharsets.UTF_8);
        return azure.detect(Detection.probe(p));
    }

    @Test
    void scoresByContent() throws IOException {
        assertEquals(95, detect("{\"image_url\": \"a.jpg\", \"label\": \"cat\"}\n"));
        assertEquals(0, detect("{\"images\": [], \"annotations\": []}\n"));
        assertEquals(0, detect("{\"imageGcsUri\": \"gs://b/a.jpg\"}\n"));
        assertEquals(95, detect("-DOCSTART- O\n\nEU B-ORG\nrejects O\n"));
        assertEquals(0, detect("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n"));
        assertEquals(0, detect("EU B-ORG\nrejects O\n"));
        assertEquals(30, detect("text,labels\nhello,\"['a']\"\n"));
        assertEquals(0, detect("label,sentence1,sentence2\n1,a,b\n"));
        assertEquals(0, detect(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "azure-automl/azure-docs-automl-images-schema/object_detection.jsonl, 95",
        "conll/azureml-examples-automl-ner/training-mltable-folder/train.txt, 95",
        "conll/azureml-examples-automl-ner/training-mltable-folder/MLTable.yaml, 0",
        "conll/allennlp-conll2003-fixture/conll2003.txt, 0",
        "hf/transformers-mrpc-csv/dev.csv, 0",
        "voc/tflite-model-maker-voc_and_coco/annotations.json, 0",
        "coco/cocoapi-results/instances_val2014_fakebbox100_results.json, 0"})
    @ExternalSamples
    void externalFiles(String path, int score) throws IOException {
        assertEquals(score, azure.detect(Detection.probe(ExternalData.resolve(path))));
    }
}
