package dev.labelport.formats.vertex;

import static dev.labelport.formats.vertex.VertexSamples.category;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.FormatRegistry;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer does with items from other formats, and every loss it reports. */
class VertexWriterTest {
    private static final FormatProvider VERTEX = FormatRegistry.discover().require("vertex");

    @TempDir
    Path tmp;

    private Reporter reporter;

    private String write(List<Item> items, Map<String, String> options) throws IOException {
        Path out = tmp.resolve("out");
        reporter = new Reporter(false);
        Datasets.write(VERTEX, out, new Dataset(DatasetHeader.of(List.of()), items),
                new WriteContext("out", FormatOptions.of(options), reporter, null));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private long losses(LossCode code) {
        return reporter.lossCount(code.code());
    }

    private static Annotation.Builder on(dev.labelport.model.Geometry g, String name) {
        return Annotation.builder(g).category(category(name));
    }

    @Test
    void pixelBoxesAreDividedByTheImageSize() throws IOException {
        Item item = Item.image(Id.of(1)).fileName("a.jpg").size(200, 100)
                .annotations(List.of(on(new Box(20, 10, 100, 50), "cat").build())).build();
        assertEquals("{\"imageGcsUri\":\"gs://b/a.jpg\",\"boundingBoxAnnotations\":[{\"displayName\":\"cat\",\"xMin\":0.1,"
                + "\"yMin\":0.1,\"xMax\":0.6,\"yMax\":0.6}]}\n", write(List.of(item), Map.of("gcs-prefix", "gs://b/")));
        assertEquals(1, losses(LossCode.DROPPED_FIELD), "the image size is not kept");
    }

    @Test
    void otherShapesBecomeTheirBoundingBox() throws IOException {
        Polygon triangle = Polygon.of(PointList.of(0.1, 0.1, 0.5, 0.2, 0.3, 0.7));
        Item item = Item.image(Id.of(1)).uri("gs://b/a.jpg").normalized(true)
                .annotations(List.of(on(triangle, "tri").build(), on(new RotatedBox(0.5, 0.5, 0.2, 0.2, 0), "rot").build()))
                .build();
        String out = write(List.of(item), Map.of());
        assertEquals("{\"imageGcsUri\":\"gs://b/a.jpg\",\"boundingBoxAnnotations\":[{\"displayName\":\"tri\",\"xMin\":0.1,"
                + "\"yMin\":0.1,\"xMax\":0.5,\"yMax\":0.7},{\"displayName\":\"rot\",\"xMin\":0.4,\"yMin\":0.4,\"xMax\":0.6,"
                + "\"yMax\":0.6}]}\n", out);
        assertEquals(2, losses(LossCode.APPROXIMATED_GEOMETRY));
    }

    @Test
    void aPixelBoxWithoutSizeIsDroppedAndReported() throws IOException {
        Item item = Item.image(Id.of(1)).uri("gs://b/a.jpg").annotations(List.of(on(new Box(1, 1, 2, 2), "x").build())).build();
        assertEquals("{\"imageGcsUri\":\"gs://b/a.jpg\"}\n", write(List.of(item), Map.of()));
        assertEquals(1, losses(LossCode.DROPPED_GEOMETRY));
    }

    @Test
    void boxesOutsideTheImageAreNotedOrClamped() throws IOException {
        Item item = Item.image(Id.of(1)).uri("gs://b/a.jpg").normalized(true)
                .annotations(List.of(on(new Box(-0.25, 0.5, 0.5, 0.75), "x").build())).build();
        assertEquals("{\"imageGcsUri\":\"gs://b/a.jpg\",\"boundingBoxAnnotations\":[{\"displayName\":\"x\",\"xMin\":-0.25,"
                + "\"yMin\":0.5,\"xMax\":0.25,\"yMax\":1.25}]}\n", write(List.of(item), Map.of()));
        assertEquals(1, losses(VertexFormat.OUTSIDE_IMAGE));
        assertEquals("{\"imageGcsUri\":\"gs://b/a.jpg\",\"boundingBoxAnnotations\":[{\"displayName\":\"x\",\"xMin\":0,"
                + "\"yMin\":0.5,\"xMax\":0.25,\"yMax\":1}]}\n", write(List.of(item), Map.of("clamp", "true")));
        assertEquals(1, losses(LossCode.CLAMPED));
    }

    @Test
    void fieldsVertexHasNoPlaceForAreReported() throws IOException {
        Category rich = new Category(Id.of(7), "cat", "animal", "#ff0000", List.of(), List.of(), JsonObject.EMPTY, JsonObject.EMPTY);
        Item item = Item.image(Id.of(1)).uri("gs://b/a.jpg").normalized(true).split("holdout").status(null)
                .annotations(List.of(Annotation.builder(Tag.INSTANCE).category(rich).id(Id.of(3)).score(0.9).build(),
                        Annotation.builder(Tag.INSTANCE).build()))
                .build();
        assertEquals("{\"imageGcsUri\":\"gs://b/a.jpg\",\"classificationAnnotation\":{\"displayName\":\"cat\"}}\n",
                write(List.of(item), Map.of()));
        assertEquals(3, losses(LossCode.DROPPED_FIELD), "split, annotation id and score, category supercategory and colour");
        assertEquals(1, losses(LossCode.DROPPED_GEOMETRY), "a tag without a category");
    }

    @Test
    void theCsvFlavourDropsSpansAndReportsThem() throws IOException {
        String text = "Aspirin daily";
        Item item = Item.text(Id.of(1), TextContent.of(text)).split("train")
                .annotations(List.of(on(Tag.INSTANCE, "medical").build(), on(new TextSpan(0, 7, "Aspirin"), "DRUG").build()))
                .build();
        assertEquals("training,Aspirin daily,medical\n", write(List.of(item), Map.of("flavour", "csv")));
        assertEquals(1, losses(LossCode.DROPPED_GEOMETRY));
    }

    @Test
    void aClassificationCsvDropsBoxes() throws IOException {
        Item item = Item.image(Id.of(1)).uri("gs://b/a.jpg").normalized(true)
                .annotations(List.of(on(Tag.INSTANCE, "kitchen").build(), on(new Box(0, 0, 1, 1), "cup").build())).build();
        assertEquals("gs://b/a.jpg,kitchen\n", write(List.of(item), Map.of("flavour", "csv", "task", "classification")));
        assertEquals(1, losses(LossCode.DROPPED_GEOMETRY));
    }

    @Test
    void inclusiveEndsAndUtf8Offsets() throws IOException {
        String text = "é 😀 ok";
        Item item = Item.text(Id.of(1), TextContent.of(text))
                .annotations(List.of(on(new TextSpan(2, 3, "😀"), "EMOJI").build(), on(new TextSpan(4, 4, ""), "EMPTY").build()))
                .build();
        assertEquals("{\"textContent\":\"é 😀 ok\",\"textSegmentAnnotations\":[{\"startOffset\":3,\"endOffset\":3,"
                + "\"displayName\":\"EMOJI\"}]}\n", write(List.of(item), Map.of("offset-unit", "utf8", "end-offset", "inclusive")));
        assertEquals(1, losses(LossCode.DEGENERATE), "an empty span has no inclusive end");
    }

    @Test
    void aSpanWhoseTextDisagreesIsWrittenByItsOffsetsAndReported() throws IOException {
        Item item = Item.text(Id.of(1), TextContent.of("abc def"))
                .annotations(List.of(on(new TextSpan(4, 7, "xyz"), "X").build())).build();
        assertEquals("{\"textContent\":\"abc def\",\"textSegmentAnnotations\":[{\"startOffset\":4,\"endOffset\":7,"
                + "\"displayName\":\"X\"}]}\n", write(List.of(item), Map.of()));
        assertEquals(1, losses(VertexFormat.SPAN_TEXT_MISMATCH));
    }

    @Test
    void boxEdgesAreWrittenSoThatTheWidthReadsBackExactly() {
        double[][] cases = {{0.1, 0.7000000000000001}, {0.3, 0.39999999999999997}, {0.367681, 0.13556600000000002}};
        for (double[] c : cases) {
            double upper = VertexWriter.upper(c[0], c[1]);
            assertEquals(c[1], upper - c[0], () -> c[0] + " + " + c[1]);
        }
        assertEquals(0.8, VertexWriter.upper(0.1, 0.7000000000000001));
        // no double v has v - 1e-9 == 0.5: the nearest sum is written, one ulp off
        assertEquals(0.5, VertexWriter.upper(1e-9, 0.5) - 1e-9, Math.ulp(0.5));
        assertEquals("0.0001", VertexWriter.number(1e-4));
        assertEquals("1", VertexWriter.number(1.0));
    }
}
