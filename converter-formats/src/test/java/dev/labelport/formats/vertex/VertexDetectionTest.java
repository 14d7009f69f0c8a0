package dev.labelport.formats.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.labelport.Labelport;
import dev.labelport.spi.Detection;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files the registry's detection hands to Vertex, and which it must not. */
class VertexDetectionTest {
    private static final VertexFormat VERTEX = new VertexFormat();

    @TempDir
    Path tmp;

    private int score(String name, String content) throws IOException {
        Path f = Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
        return VERTEX.detect(Detection.probe(f));
    }

    @ExternalSamples
    @Test
    void theThirdPartySamplesAreDetectedAsVertex() {
        for (String f : new String[] {"vertex-ai/gcloud-docs-managed-datasets-export/image_bounding_box.jsonl",
                "vertex-ai/gcloud-docs-managed-datasets-export/image_classification_single_label.jsonl",
                "vertex-ai/tflite-model-maker-salads_csv/salads_ml_use.csv"}) {
            assertEquals("vertex", Labelport.create().detect(ExternalData.resolve(f)).descriptor().id(), f);
        }
    }

    @Test
    void scoresByContent() throws IOException {
        assertEquals(95, score("x.txt", "{\"textContent\":\"hello\"}\n"));
        assertEquals(85, score("no-ext", "gs://b/a.jpg,Cat,0.1,0.2,,,0.5,0.6,,\nTRAIN,b.png,Dog,0.1,0.2,0.5,0.2,0.5,0.6,0.1,0.6\n"));
        assertEquals(80, score("t.csv", "training,gs://b/a.txt,positive\ngs://b/b.txt,negative\n"));
        assertEquals(60, score("t.csv", "training,\"some text\",positive\ntest,other,negative\n"));
    }

    @Test
    void foreignFilesAreNotClaimed() throws IOException {
        assertEquals(0, score("coco.json", "{\"images\":[],\"annotations\":[],\"categories\":[]}"));
        assertEquals(0, score("a.conll", "EU B-ORG\nrejects O\n"));
        assertEquals(0, score("plain.csv", "filename,width,height,class,xmin,ymin,xmax,ymax\na.jpg,10,10,cat,1,2,3,4\n"));
        assertEquals(0, score("empty.jsonl", ""));
        assertNotEquals(95, score("other.jsonl", "{\"image_url\":\"x\",\"label\":\"y\"}\n"));
    }
}
