package dev.labelport.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Tag;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
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

/** The box presets: units, what a write keeps and reports, and header-only differences. */
class CsvPresetsTest {
    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static ReadContext reading(String name, Map<String, String> options) {
        return ReadContext.of(name).withOptions(FormatOptions.of(options));
    }

    private Path writeWith(String preset, Dataset d, Reporter reporter) {
        Path out = tmp.resolve(preset + ".csv");
        Datasets.write(new CsvFormat(), out, d, new WriteContext(preset + ".csv", FormatOptions.of(Map.of("preset", preset)),
                reporter, null));
        return out;
    }

    private static Dataset dataset(Item... items) {
        return new Dataset(CsvSamples.header(), List.of(items));
    }

    @Test
    void tensorflowFractionsAreReadAsNormalisedUnlessPixelsAreAsked() throws IOException {
        Path f = file("tf.csv", "filename,width,height,class,xmin,ymin,xmax,ymax\na.jpg,200,100,cat,0.1,0.2,0.5,1\n");
        Reporter reporter = new Reporter(false);
        Dataset auto = Datasets.read(new CsvFormat(), f, new ReadContext("tf.csv", FormatOptions.EMPTY,
                dev.labelport.Limits.DEFAULTS, dev.labelport.ErrorPolicy.FAIL, reporter, null));
        assertTrue(auto.items().get(0).normalized());
        assertEquals(1, reporter.lossCount("UNITS_DETECTED"));
        Dataset pixels = Datasets.read(new CsvFormat(), f, reading("tf.csv", Map.of("units", "pixels")));
        assertFalse(pixels.items().get(0).normalized());
        Path ints = file("ints.csv", "filename,width,height,class,xmin,ymin,xmax,ymax\na.jpg,2,2,cat,0,0,1,1\n");
        assertFalse(Datasets.read(new CsvFormat(), ints).items().get(0).normalized(), "0 and 1 alone are pixels");
    }

    @Test
    void openImagesWriterDividesByTheImageSize() throws IOException {
        Item a = Item.image(Id.of("img")).fileName("img.jpg").size(200, 100).annotations(List.of(
                Annotation.builder(new Box(20, 10, 100, 50)).category(CsvSamples.CAR).score(0.5).build(),
                Annotation.builder(Tag.INSTANCE).category(CsvSamples.NAMED).build())).build();
        Reporter reporter = new Reporter(false);
        Path out = writeWith("openimages", dataset(a), reporter);
        assertEquals("ImageID,Source,LabelName,Confidence,XMin,XMax,YMin,YMax,IsOccluded,IsTruncated,IsGroupOf,IsDepiction,IsInside\n"
                + "img,,car,0.5,0.1,0.6,0.1,0.6,-1,-1,-1,-1,-1\n"
                + "img,,tree,,,,,,-1,-1,-1,-1,-1\n", Files.readString(out));
        assertEquals(1, reporter.lossCount("REINDEXED"), "car's id 3 is lost; tree's id is its name");
        assertEquals(1, reporter.lossCount("DROPPED_FIELD"), "the file name");
        Dataset back = Datasets.read(new CsvFormat(), out);
        assertTrue(back.items().get(0).normalized());
        assertEquals(new Box(0.1, 0.1, 0.5, 0.5), back.items().get(0).annotations().get(0).geometry());
    }

    @Test
    void openImagesWriterNamesTheItemWithoutASize() {
        Item a = Item.image(Id.of(4)).fileName("nosize.jpg").annotations(List.of(
                Annotation.builder(new Box(20, 10, 100, 50)).category(CsvSamples.CAR).build())).build();
        LabelportException e = assertThrows(LabelportException.class, () -> writeWith("openimages", dataset(a), new Reporter(false)));
        assertEquals(ErrorCode.MISSING_IMAGE_SIZE, e.code());
        assertTrue(e.getMessage().contains("'nosize.jpg' (id 4)"), e.getMessage());
    }

    @Test
    void tensorflowWriteReportsWhatItLoses() throws IOException {
        Reporter reporter = new Reporter(false);
        Path out = writeWith("tensorflow", CsvSamples.everything(), reporter);
        List<String> lines = Files.readAllLines(out);
        assertEquals("filename,width,height,class,xmin,ymin,xmax,ymax", lines.get(0));
        assertEquals("\"images/a, \"\"1\"\".jpg\",640,480,car,120,85.5,320,235.5", lines.get(1));
        assertEquals(7, reporter.lossCount("APPROXIMATED_GEOMETRY"), "rotated box, polygon, polyline, points, keypoints, 2 masks");
        assertEquals(3, reporter.lossCount("DROPPED_GEOMETRY"), "cuboid, tag, caption");
        assertEquals(1, reporter.lossCount("DROPPED_ITEM"), "b.png has no annotations");
        assertTrue(reporter.lossCount("DROPPED_FIELD") > 0);
        assertTrue(reporter.lossCount("DROPPED_ATTRIBUTE") > 0);
        Dataset back = Datasets.read(new CsvFormat(), out);
        assertEquals(3, back.items().size());
        // box, rotated box, polygon, polyline, points, keypoints, 2 masks of a.jpg; the box of c.jpg; n.jpg's box
        assertEquals(10, back.items().stream().mapToInt(i -> i.annotations().size()).sum());
        Item n = back.items().get(2);
        assertEquals(new Box(10, 10, 30, 20), n.annotations().get(0).geometry(), "normalised boxes are written in pixels");
    }

    @Test
    void vottWriteKeepsPolygonsAsTheirBounds() throws IOException {
        Item a = Item.image(Id.of("x.jpg")).fileName("x.jpg").annotations(List.of(
                Annotation.builder(Polygon.of(PointList.of(1, 2, 5, 2, 3, 9))).category(CsvSamples.NAMED).build())).build();
        Reporter reporter = new Reporter(false);
        Path out = writeWith("vott", dataset(a), reporter);
        assertEquals("image,xmin,ymin,xmax,ymax,label\nx.jpg,1,2,5,9,tree\n", Files.readString(out));
        assertEquals(1, reporter.lossCount("APPROXIMATED_GEOMETRY"));
    }

    /** BOM, CRLF, a quoted header and extra columns are read, kept and written back byte for byte. */
    @Test
    void headerOnlyDifferencesSurviveASameFormatConversion() throws IOException {
        String content = "\uFEFF\"filename\",\"width\",\"height\",\"class\",\"xmin\",\"ymin\",\"xmax\",\"ymax\",\"note\"\r\n"
                + "\"a.jpg\",10,20,\"cat\",1,2,3,4,\"keep, me\"\r\n"
                + "\"a.jpg\",10,20,\"dog\",1.5,2,3,4,\"\"\r\n";
        Path in = file("quirky.csv", content);
        Dataset d = Datasets.read(new CsvFormat(), in);
        assertEquals("keep, me", d.items().get(0).annotations().get(0).extension("csv").object("columns").string("note"));
        Path out = tmp.resolve("out.csv");
        Labelport.create().conversion(in, out).from("csv").to("csv").run();
        assertEquals(content, Files.readString(out, StandardCharsets.UTF_8));
        Path plain = tmp.resolve("plain.csv");
        Labelport.create().conversion(in, plain).from("csv").to("csv").options(dev.labelport.ConversionOptions.builder()
                .writerOptions(FormatOptions.of(Map.of("bom", "false", "line-ending", "lf", "quote", "minimal"))).build()).run();
        assertEquals("filename,width,height,class,xmin,ymin,xmax,ymax,note\na.jpg,10,20,cat,1,2,3,4,\"keep, me\"\n"
                + "a.jpg,10,20,dog,1.5,2,3,4,\n", Files.readString(plain, StandardCharsets.UTF_8));
    }

    @Test
    void cornersReadBackExactly() throws IOException {
        // 0.3 - 0.1 + 0.1 is not 0.3 in doubles: the corner text is kept so the write is exact
        String content = "ImageID,LabelName,XMin,XMax,YMin,YMax\nimg,/m/1,0.1,0.3,0.7,0.9\n";
        Path in = file("oi.csv", content);
        Path out = tmp.resolve("oi-out.csv");
        Datasets.write(new CsvFormat(), out, Datasets.read(new CsvFormat(), in));
        assertEquals(content, Files.readString(out));
    }
}
