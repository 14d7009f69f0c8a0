package dev.labelport.formats.vertex;

import static dev.labelport.formats.vertex.VertexSamples.box;
import static dev.labelport.formats.vertex.VertexSamples.ext;
import static dev.labelport.formats.vertex.VertexSamples.image;
import static dev.labelport.formats.vertex.VertexSamples.span;
import static dev.labelport.formats.vertex.VertexSamples.tag;
import static dev.labelport.formats.vertex.VertexSamples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract for the JSON Lines flavour: images with labels and boxes, inline and Cloud Storage texts. */
class VertexFormatTest extends FormatContractTest {
    static final String TEXT = "Take Metformin 500mg 😀 at 京都\r\nthen rest.";

    @Override
    protected String formatId() {
        return "vertex";
    }

    @Override
    protected Dataset sample() {
        Annotation labelled = box("Salad", 0.1, 0.2, 0.8, 0.9).toBuilder()
                .extensions(JsonObject.builder().put("vertex", JsonObject.builder().put("annotationResourceLabels",
                        JsonObject.builder().put("reviewer", "ann").build()).build()).build()).build();
        List<Item> items = List.of(
                image("gs://bucket/a.jpeg").split("train").extensions(ext("mlUse", "training"))
                        .annotations(List.of(tag("daisy"), box("Tomato", 0.3, 0.3, 0.7, 0.6), labelled)).build(),
                image("gs://bucket/b.png").split("val").extensions(ext("mlUse", "validation", "labelsAsArray", JsonValue.of(true)))
                        .annotations(List.of(tag("roses"))).build(),
                text(3, TEXT).split("test").extensions(ext("mlUse", "test"))
                        .annotations(List.of(tag("medical"), span("DRUG", TEXT, 5, 14), span("EMOJI", TEXT, 21, 22),
                                span("CITY", TEXT, 26, 28))).build(),
                Item.text(Id.of(4), TextContent.of("")).uri("gs://bucket/doc.txt").fileName("doc.txt")
                        .extensions(ext("textSegmentAnnotations", new JsonArray(List.of(JsonObject.builder()
                                .put("startOffset", JsonValue.of(0)).put("endOffset", JsonValue.of(4))
                                .put("displayName", "WORD").build()))))
                        .annotations(List.of(tag("news"))).build(),
                image("gs://bucket/c.gif").build());
        return new Dataset(VertexSamples.header("jsonl", null), items);
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxCategories(2).build();
    }

    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }

    @Test
    void sampleIsWrittenAsExpected() throws IOException {
        Path out = write(sample(), "expected");
        String expected = """
                {"imageGcsUri":"gs://bucket/a.jpeg","classificationAnnotation":{"displayName":"daisy"},"boundingBoxAnnotations":[{"displayName":"Tomato","xMin":0.3,"yMin":0.3,"xMax":0.7,"yMax":0.6},{"displayName":"Salad","xMin":0.1,"yMin":0.2,"xMax":0.8,"yMax":0.9,"annotationResourceLabels":{"reviewer":"ann"}}],"dataItemResourceLabels":{"aiplatform.googleapis.com/ml_use":"training"}}
                {"imageGcsUri":"gs://bucket/b.png","classificationAnnotations":[{"displayName":"roses"}],"dataItemResourceLabels":{"aiplatform.googleapis.com/ml_use":"validation"}}
                {"textContent":"Take Metformin 500mg 😀 at 京都\\r\\nthen rest.","classificationAnnotation":{"displayName":"medical"},"textSegmentAnnotations":[{"startOffset":5,"endOffset":14,"displayName":"DRUG"},{"startOffset":21,"endOffset":22,"displayName":"EMOJI"},{"startOffset":26,"endOffset":28,"displayName":"CITY"}],"dataItemResourceLabels":{"aiplatform.googleapis.com/ml_use":"test"}}
                {"textGcsUri":"gs://bucket/doc.txt","classificationAnnotation":{"displayName":"news"},"textSegmentAnnotations":[{"startOffset":0,"endOffset":4,"displayName":"WORD"}]}
                {"imageGcsUri":"gs://bucket/c.gif"}
                """;
        assertEquals(expected, Files.readString(out, StandardCharsets.UTF_8));
    }
}
