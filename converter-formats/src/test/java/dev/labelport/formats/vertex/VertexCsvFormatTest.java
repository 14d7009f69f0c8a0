package dev.labelport.formats.vertex;

import static dev.labelport.formats.vertex.VertexSamples.box;
import static dev.labelport.formats.vertex.VertexSamples.ext;
import static dev.labelport.formats.vertex.VertexSamples.image;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Item;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract for the CSV flavour, on an object detection file: two- and four-vertex boxes,
 * legacy upper-case ML_USE, a row without ML_USE and an image without objects.
 */
class VertexCsvFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return "vertex";
    }

    @Override
    protected Dataset sample() {
        JsonObject fourVertices = ext("vertices", JsonValue.of(4));
        List<Item> items = List.of(
                image("gs://bucket/a.jpg").split("train").extensions(ext("mlUse", "TRAIN"))
                        .annotations(List.of(box("Cheese", 0.367681, 0.381481, 0.503247, 0.643684),
                                box("Salad", 0.086808, 0, 1, 1))).build(),
                image("gs://bucket/b, with comma.png")
                        .annotations(List.of(box("Baked goods", 0.1, 0.2, 0.8, 0.6).toBuilder().extensions(fourVertices).build()))
                        .build(),
                image("gs://bucket/c.jpg").split("test").extensions(ext("mlUse", "test")).build(),
                image("gs://bucket/d.jpg").split("val").extensions(ext("mlUse", "validation"))
                        .annotations(List.of(box("Tomato", 0.3, 0.3, 0.7, 0.6))).build());
        return new Dataset(VertexSamples.header("csv", "detection"), items);
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
                TRAIN,gs://bucket/a.jpg,Cheese,0.367681,0.381481,,,0.503247,0.643684,,
                TRAIN,gs://bucket/a.jpg,Salad,0.086808,0,,,1,1,,
                "gs://bucket/b, with comma.png",Baked goods,0.1,0.2,0.8,0.2,0.8,0.6,0.1,0.6
                test,gs://bucket/c.jpg,,,,,,,,,
                validation,gs://bucket/d.jpg,Tomato,0.3,0.3,,,0.7,0.6,,
                """;
        assertEquals(expected, Files.readString(out, StandardCharsets.UTF_8));
    }
}
