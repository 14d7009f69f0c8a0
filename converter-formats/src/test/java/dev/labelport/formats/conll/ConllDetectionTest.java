package dev.labelport.formats.conll;

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

class ConllDetectionTest {
    @TempDir
    Path tmp;

    private final ConllFormat conll = new ConllFormat();

    private int detect(String content) throws IOException {
        Path p = tmp.resolve("probe.txt");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return conll.detect(Detection.probe(p));
    }

    @Test
    void scoresFollowTheDocumentedRule() throws IOException {
        assertEquals(90, detect("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n"));
        assertEquals(80, detect("EU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\n"));
        assertEquals(80, detect("a S-X\nb o-tag-ish O\nc U-Y\nd E-Z\n"));
        assertEquals(0, detect("{\"images\": [], \"annotations\": []}\n"));
        assertEquals(0, detect("0 0.5 0.5 0.2 0.1\n1 0.3 0.3 0.1 0.1\n"));
        assertEquals(0, detect("Just some prose.\nWith two lines.\n"));
        assertEquals(0, detect(""));
        // mostly prose with one tag-like line
        assertEquals(0, detect("Hello world\nThis is text\nAnd more text\nend O\n"));
    }

    @Test
    void binaryIsNotConll() throws IOException {
        Path p = tmp.resolve("bin");
        Files.write(p, new byte[] {'a', ' ', 'O', '\n', 0, (byte) 0xFF, '\n'});
        assertEquals(0, conll.detect(Detection.probe(p)));
    }

    @ParameterizedTest
    @CsvSource({
        "allennlp-conll2003-fixture/conll2003.txt, 90",
        "azureml-examples-automl-ner/training-mltable-folder/train.txt, 90",
        "hf-datasets-conll2003-dummy/train.txt, 80",
        "transformers-GermEval/dev.txt, 80",
        "seqeval-conlleval-chunking/ground_truth.txt, 80",
        "doccano-import-sequence_labeling/example.conll, 80",
        "doccano-import-sequence_labeling/example.jsonl, 0",
        "azureml-examples-automl-ner/training-mltable-folder/MLTable.yaml, 0"})
    @ExternalSamples
    void externalFiles(String path, int score) throws IOException {
        assertEquals(score, conll.detect(Detection.probe(ExternalData.resolve("conll/" + path))));
    }
}
