package dev.labelport.formats.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The format contract, on an Ultralytics detect dataset with a negative image and two splits. */
class YoloFormatTest extends FormatContractTest {
    static final Category CAT = Category.of(Id.of(0), "cat");
    static final Category DOG = Category.of(Id.of(1), "dog");

    @Override
    protected String formatId() {
        return "yolo";
    }

    /** A detect box as the reader builds it from {@code cx cy w h}. */
    static Annotation box(Category c, double cx, double cy, double w, double h) {
        return Annotation.builder(new Box(cx - w / 2, cy - h / 2, w, h)).category(c).build();
    }

    static Item item(String fileName, String split, Annotation... annotations) {
        return Item.image(Id.of(fileName)).fileName(fileName).split(split).normalized(true)
                .annotations(List.of(annotations)).build();
    }

    static DatasetHeader header(String task, Category... categories) {
        JsonObject ext = JsonObject.builder().put("layout", "ultralytics").put("task", task).put("names_file", "data.yaml").build();
        return new DatasetHeader(null, "yolo", null, List.of(categories), JsonObject.builder().put("yolo", ext).build());
    }

    @Override
    protected Dataset sample() {
        return new Dataset(header("detect", CAT, DOG), List.of(
                item("images/train/a", "train", box(CAT, 0.25, 0.3, 0.1, 0.2), box(DOG, 0.5, 0.5, 0.125, 0.75),
                        box(CAT, 0.9, 0.1, 0.05, 0.05)),
                item("images/train/b", "train"),
                item("images/val/c", "val", box(DOG, 0.333333, 0.666667, 0.2, 0.4))));
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxCategories(1).build();
    }

    /** The label file with three lines: cutting it in half leaves a short line. */
    @Override
    protected Path mainFile(Path output) {
        return output.resolve("labels/train/a.txt");
    }

    @Test
    void writesTheUltralyticsLayout() throws IOException {
        Path out = write(sample(), "layout");
        assertEquals("train: images/train\nval: images/val\nnc: 2\nnames:\n  0: cat\n  1: dog\n",
                Files.readString(out.resolve("data.yaml")));
        assertEquals("0 0.250000 0.300000 0.100000 0.200000\n1 0.500000 0.500000 0.125000 0.750000\n"
                + "0 0.900000 0.100000 0.050000 0.050000\n", Files.readString(out.resolve("labels/train/a.txt")));
        assertEquals("", Files.readString(out.resolve("labels/train/b.txt")), "a negative image keeps an empty label file");
        assertTrue(Files.exists(out.resolve("labels/val/c.txt")));
    }

    @Test
    void headerRecordsLayoutAndTask() throws IOException {
        Dataset back = read(write(sample(), "header"));
        JsonObject ext = back.header().extension("yolo");
        assertEquals("ultralytics", ext.string("layout"));
        assertEquals("detect", ext.string("task"));
        assertEquals(List.of(CAT, DOG), back.header().categories());
    }
}
