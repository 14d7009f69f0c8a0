package dev.labelport.formats.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Tag;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The format contract, run on a sample that uses everything VOC holds. */
class VocFormatTest extends FormatContractTest {
    static final Category DOG = Category.of(Id.of(1), "dog");
    static final Category PERSON = Category.of(Id.of(2), "person");
    static final Category HEAD = Category.of(Id.of(3), "head");
    static final Category CAT = Category.of(Id.of(4), "cat");

    @Override
    protected String formatId() {
        return "voc";
    }

    static JsonObject voc(JsonObject ext) {
        return JsonObject.builder().put("voc", ext).build();
    }

    static JsonObject attrs(Object... kv) {
        JsonObject.Builder b = JsonObject.builder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            b.put((String) kv[i], v instanceof Boolean x ? JsonBoolean.of(x) : v instanceof Integer n ? JsonNumber.of(n)
                    : v instanceof JsonObject o ? o : new JsonString((String) v));
        }
        return b.build();
    }

    static Dataset sampleDataset() {
        Annotation dog = Annotation.builder(new Box(47, 239, 148, 133)).id(Id.of(1)).category(DOG)
                .attributes(attrs("pose", "Left", "truncated", true, "difficult", false)).build();
        Annotation person = Annotation.builder(new Box(8, 12, 344, 486)).id(Id.of(2)).category(PERSON)
                .attributes(attrs("pose", "Frontal", "truncated", false, "difficult", false,
                        "actions", attrs("jumping", true, "phoning", false)))
                .build();
        Annotation head = Annotation.builder(new Box(100, 20, 50, 60)).id(Id.of(3)).category(HEAD).groupId("2").build();
        Annotation other = Annotation.builder(new Box(0, 0, 353, 500)).id(Id.of(4)).category(PERSON)
                .attributes(attrs("occluded", true, "difficult", true, "color", "red", "count", 3))
                .extensions(voc(attrs("elements", attrs("note", "kept as written")))).build();
        Item first = Item.image(Id.of("2007_000001")).fileName("2007_000001.jpg").size(353, 500).split("train")
                .extensions(voc(JsonObject.builder().put("folder", new JsonString("VOC2007"))
                        .put("source", attrs("database", "The VOC2007 Database", "annotation", "PASCAL VOC2007"))
                        .put("depth", new JsonString("3")).put("segmented", new JsonString("0")).build()))
                .annotations(List.of(dog, person, head, other)).build();
        Annotation tag = Annotation.builder(Tag.INSTANCE).id(Id.of(5)).category(CAT).build();
        Annotation point = Annotation.builder(new Points(PointList.of(10, 20))).id(Id.of(6)).category(PERSON)
                .attributes(attrs("actions", attrs("reading", true))).build();
        Item second = Item.image(Id.of("2007_000002")).fileName("2007_000002.jpg").split("val")
                .extensions(voc(JsonObject.builder().put("xmlAttributes", attrs("verified", "yes"))
                        .put("elements", attrs("owner", attrs("flickrid", "someone", "name", "Some One"))).build()))
                .annotations(List.of(tag, point)).build();
        Item third = Item.image(Id.of("2007_000003")).fileName("2007_000003.png").size(10, 20).build();
        return new Dataset(DatasetHeader.of(List.of()), List.of(first, second, third));
    }

    @Override
    protected Dataset sample() {
        return sampleDataset();
    }

    /** An empty folder is what the writer leaves for a dataset without items. */
    @Override
    protected boolean emptyInputIsValid() {
        return true;
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxImageDimension(100).build();
    }

    @Test
    void writesDevkitStyleXmlWithOneBasedIntegers() throws IOException {
        Path out = write(sample(), "devkit");
        String xml = Files.readString(out.resolve("Annotations/2007_000001.xml"));
        assertTrue(xml.startsWith("<annotation>\n\t<folder>VOC2007</folder>\n\t<filename>2007_000001.jpg</filename>\n"
                + "\t<source>\n\t\t<database>The VOC2007 Database</database>\n"), xml);
        assertTrue(xml.contains("\t<size>\n\t\t<width>353</width>\n\t\t<height>500</height>\n\t\t<depth>3</depth>\n\t</size>\n"
                + "\t<segmented>0</segmented>\n"), xml);
        assertTrue(xml.contains("\t<object>\n\t\t<name>dog</name>\n\t\t<pose>Left</pose>\n\t\t<truncated>1</truncated>\n"
                + "\t\t<difficult>0</difficult>\n\t\t<bndbox>\n\t\t\t<xmin>48</xmin>\n\t\t\t<ymin>240</ymin>\n"
                + "\t\t\t<xmax>195</xmax>\n\t\t\t<ymax>372</ymax>\n\t\t</bndbox>\n\t</object>\n"), xml);
        assertTrue(xml.contains("\t\t<part>\n\t\t\t<name>head</name>\n\t\t\t<bndbox>\n\t\t\t\t<xmin>101</xmin>"), xml);
        assertTrue(xml.contains("<attributes>\n\t\t\t<attribute>\n\t\t\t\t<name>color</name>\n\t\t\t\t<value>red</value>"), xml);
        String second = Files.readString(out.resolve("Annotations/2007_000002.xml"));
        assertTrue(second.startsWith("<annotation verified=\"yes\">\n"), second);
        assertTrue(second.contains("<point>\n\t\t\t<x>11</x>\n\t\t\t<y>21</y>\n\t\t</point>"), second);
    }

    @Test
    void writesSplitAndClassListsInTheDevkitLayout() throws IOException {
        Path out = write(sample(), "lists");
        Path main = out.resolve("ImageSets/Main");
        assertEquals("2007_000001\n", Files.readString(main.resolve("train.txt")));
        assertEquals("2007_000002\n", Files.readString(main.resolve("val.txt")));
        assertEquals("2007_000001  1\n", Files.readString(main.resolve("dog_train.txt")));
        assertEquals("2007_000002 -1\n", Files.readString(main.resolve("dog_val.txt")));
        assertEquals("2007_000002  1\n", Files.readString(main.resolve("cat_val.txt")));
        assertEquals("2007_000001  1\n", Files.readString(main.resolve("person_train.txt")));
        assertTrue(Files.notExists(main.resolve("head_train.txt")), "parts are not classes");
        assertTrue(Files.notExists(out.resolve("JPEGImages")), "images are not copied");
    }
}
