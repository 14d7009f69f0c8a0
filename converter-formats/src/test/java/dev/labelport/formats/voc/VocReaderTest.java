package dev.labelport.formats.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.Labelport;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonString;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.Reporter;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reader details: layouts, encodings, notes, zip input, detection and image sizes. */
class VocReaderTest {
    private static final VocFormat VOC = new VocFormat();

    @TempDir
    Path tmp;

    private Reporter reporter = new Reporter(false);

    private ReadContext ctx(String name) {
        return new ReadContext(name, FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.FAIL, reporter, null);
    }

    @Test
    void aSingleFileIsOneItemAndAFilenameThatDisagreesIsANote() throws IOException {
        Path f = tmp.resolve("0001.xml");
        Files.writeString(f, "<annotation><filename>other.jpg</filename><object><name>a</name></object></annotation>");
        Dataset d = Datasets.read(VOC, f, ctx("0001.xml"));
        assertEquals(1, d.items().size());
        Item item = d.items().get(0);
        assertEquals("0001", item.id().text());
        assertEquals("other.jpg", item.fileName());
        assertEquals(1, reporter.lossCount("FILENAME_MISMATCH"));
        assertTrue(reporter.build("voc", null).lossless(), "a note, not a loss");
    }

    @Test
    void aMalformedByteIsLocatedToItsLineColumnAndOffset() throws IOException {
        Path f = tmp.resolve("bad.xml");
        byte[] head = "<annotation>\n<filename>a".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + 30];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xC3; // a lead byte without its continuation
        System.arraycopy(".jpg</filename></annotation>".getBytes(StandardCharsets.US_ASCII), 0, all, head.length + 1, 28);
        Files.write(f, java.util.Arrays.copyOf(all, head.length + 29));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(VOC, f, ctx("bad.xml")));
        assertEquals(2, e.location().line());
        assertEquals(12, e.location().column());
        assertEquals(head.length, e.location().byteOffset());
        assertTrue(e.getMessage().startsWith("bad.xml:2:12"), e.getMessage());
    }

    @Test
    void theDeclaredEncodingAndUtf16AreDecoded() throws IOException {
        Path latin = tmp.resolve("latin.xml");
        Files.write(latin, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><annotation><object><name>caf\u00e9</name></object></annotation>"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("caf\u00e9", Datasets.read(VOC, latin, ctx("latin.xml")).items().get(0).annotations().get(0).category().name());
        Path utf16 = tmp.resolve("utf16.xml");
        Files.write(utf16, "\uFEFF<annotation><object><name>\u00fcber</name></object></annotation>".getBytes(StandardCharsets.UTF_16LE));
        assertEquals("\u00fcber", Datasets.read(VOC, utf16, ctx("utf16.xml")).items().get(0).annotations().get(0).category().name());
    }

    @Test
    void aZipIsReadAsTheFolderItHolds() throws IOException {
        Path zip = tmp.resolve("voc.zip");
        try (ExportWriter w = Datasets.writer(VOC, zip, WriteContext.of("voc.zip"))) {
            w.begin(VocFormatTest.sampleDataset().header());
            for (Item i : VocFormatTest.sampleDataset().items()) {
                w.write(i);
            }
            w.finish();
        }
        assertEquals("voc", Labelport.create().detect(zip).descriptor().id());
        ConversionReport r = Labelport.create().conversion(zip, tmp.resolve("out.json")).from("voc").to("coco").run();
        assertEquals(3, r.itemsRead());
        assertEquals(VocFormatTest.sampleDataset().annotationCount(), r.annotationsRead());
    }

    @Test
    void detectionKnowsAFileAFlatFolderAndTheDevkitLayout() throws IOException {
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        Files.writeString(flat.resolve("a.xml"), "<annotation><size><width>3</width></size><object><name>x</name>"
                + "<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>");
        Files.writeString(flat.resolve("a.jpg"), "not really an image");
        assertEquals("voc", Labelport.create().detect(flat).descriptor().id());
        assertEquals("voc", Labelport.create().detect(flat.resolve("a.xml")).descriptor().id());
        assertEquals(0, VOC.detect(dev.labelport.spi.Detection.probe(Files.writeString(tmp.resolve("x.json"), "{\"images\":[]}"))));
        Path labelme = tmp.resolve("labelme.xml");
        Files.writeString(labelme, "<annotation><filename>a.jpg</filename><object><polygon><pt><x>1</x></pt></polygon></object></annotation>");
        assertTrue(VOC.detect(dev.labelport.spi.Detection.probe(labelme)) < 50, "LabelMe XML has no <bndbox> or <size>");
    }

    @ExternalSamples
    @Test
    void imageSizesComeFromJpegImagesWhenTheXmlHasNone() {
        Path root = ExternalData.resolve("voc/datumaro-voc_dataset/voc_dataset1");
        try (AnnotationSource src = VOC.open(root, ctx("voc_dataset1"))) {
            src.next();
            Item listed = src.next();
            assertEquals("2007_000002", listed.id().text());
            ImageSize size = src.imageSize(listed);
            assertNotNull(size);
            assertTrue(size.width() > 0 && size.height() > 0, size.toString());
            assertEquals(null, src.imageSize(Item.image(listed.id()).fileName("../voc_dataset1/JPEGImages/2007_000002.jpg").build()),
                    "only plain file names are resolved");
        }
        assertEquals(1, reporter.lossCount("SYNTHESISED") - 1, "the listed id without XML is noted (besides the id note)");
    }

    @Test
    void anIdInTrainAndTrainvalTakesTrainAndKeepsBoth() throws IOException {
        Path root = tmp.resolve("sets");
        Files.createDirectories(root.resolve("Annotations"));
        Files.createDirectories(root.resolve("ImageSets/Main"));
        Files.writeString(root.resolve("Annotations/a.xml"), "<annotation/>");
        Files.writeString(root.resolve("ImageSets/Main/trainval.txt"), "a\n");
        Files.writeString(root.resolve("ImageSets/Main/train.txt"), "a\n");
        Files.writeString(root.resolve("ImageSets/Main/dog_train.txt"), "a -1\n");
        Item a = Datasets.read(VOC, root, ctx("sets")).items().get(0);
        assertEquals("train", a.split());
        assertEquals(new JsonArray(List.of(new JsonString("train"), new JsonString("trainval"))), a.extension("voc").get("splits"));
        Datasets.write(VOC, tmp.resolve("back"), Datasets.read(VOC, root, ctx("sets")));
        assertEquals("a\n", Files.readString(tmp.resolve("back/ImageSets/Main/trainval.txt")));
        assertEquals("a\n", Files.readString(tmp.resolve("back/ImageSets/Main/train.txt")));
    }

    @Test
    void unknownElementsAndAttributesComeBackAsWritten() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("rich/Annotations"));
        String xml = "<annotation>\n\t<filename>r.jpg</filename>\n"
                + "\t<owner id=\"3\">\n\t\t<flickrid>x &amp; y</flickrid>\n\t\t<name>Some One</name>\n\t</owner>\n"
                + "\t<tag>a</tag>\n\t<tag>b</tag>\n\t<note lang=\"en\">hello</note>\n"
                + "\t<object difficult-reason=\"tiny\">\n\t\t<name>cat</name>\n\t\t<bndbox>\n\t\t\t<xmin>1</xmin>\n"
                + "\t\t\t<ymin>1</ymin>\n\t\t\t<xmax>2</xmax>\n\t\t\t<ymax>2</ymax>\n\t\t</bndbox>\n"
                + "\t\t<score>0.9</score>\n\t</object>\n</annotation>\n";
        Files.writeString(root.resolve("r.xml"), xml);
        Dataset d = Datasets.read(VOC, tmp.resolve("rich"), ctx("rich"));
        Datasets.write(VOC, tmp.resolve("rich-out"), d);
        assertEquals(xml, Files.readString(tmp.resolve("rich-out/Annotations/r.xml")));
        assertEquals(d.items(), Datasets.read(VOC, tmp.resolve("rich-out"), ctx("rich-out")).items());
    }
}
