package dev.labelport.formats.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionInput;
import dev.labelport.ConversionOptions;
import dev.labelport.ConversionOutput;
import dev.labelport.Labelport;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.FormatOptions;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 5: a classify write lays the images out as {@code <split>/<class>/<image>}
 * (copy, hard link or symbolic link), keeps the manifests, and notes what it could not lay out.
 * The copy case is the golden {@code testdata/yolo/classify-tree-kept}.
 */
class YoloClassifyTreeTest {
    @TempDir
    Path tmp;
    private Path in;

    @BeforeEach
    void tree() throws IOException {
        in = tmp.resolve("in");
        Files.createDirectories(in.resolve("train/cat"));
        Files.createDirectories(in.resolve("train/dog"));
        Files.createDirectories(in.resolve("val/cat"));
        Files.writeString(in.resolve("train/cat/a.jpg"), "a");
        Files.writeString(in.resolve("train/dog/b.jpg"), "b");
        Files.writeString(in.resolve("val/cat/c.jpg"), "c");
    }

    private ConversionReport convert(Path from, String fromFormat, Path out, String mode) {
        return Labelport.create().conversion(from, out).from(fromFormat).to("yolo")
                .options(ConversionOptions.builder().writerOptions(FormatOptions.of(Map.of("task", "classify",
                        "classify-images", mode))).build()).run();
    }

    @Test
    void symlinksPointAtTheSourceImages() throws IOException {
        Path out = tmp.resolve("out");
        ConversionReport r = convert(in, "yolo", out, "symlink");
        Path a = out.resolve("train/cat/a.jpg");
        assertTrue(Files.isSymbolicLink(a));
        assertEquals(in.resolve("train/cat/a.jpg").toAbsolutePath(), Files.readSymbolicLink(a));
        assertEquals("c", Files.readString(out.resolve("val/cat/c.jpg")));
        assertEquals("cat/a.jpg\ndog/b.jpg\n", Files.readString(out.resolve("classify/train.txt")));
        assertEquals(0, r.lossCount("IMAGES_NOT_COPIED"));
    }

    @Test
    void hardLinksShareTheSourceFile() throws IOException {
        Path out = tmp.resolve("out");
        convert(in, "yolo", out, "hardlink");
        Path b = out.resolve("train/dog/b.jpg");
        assertFalse(Files.isSymbolicLink(b));
        assertTrue(Files.isSameFile(in.resolve("train/dog/b.jpg"), b));
    }

    @Test
    void theListFormWritesManifestsOnlyAndSaysSo() throws IOException {
        Path out = tmp.resolve("out");
        ConversionReport r = convert(in, "yolo", out, "list");
        assertFalse(Files.exists(out.resolve("train")));
        assertEquals("cat/c.jpg\n", Files.readString(out.resolve("classify/val.txt")));
        assertEquals(1, r.lossCount("IMAGES_NOT_COPIED"));
        assertTrue(r.toJson().contains("3 of 3 images (classify-images=list)"), r.toJson());
    }

    @Test
    void aLinkIntoAZipIsACopyNotedOnce() throws IOException {
        Path zip = tmp.resolve("out.zip");
        ConversionReport r = convert(in, "yolo", zip, "symlink");
        assertEquals(1, r.lossCount("LINKS_COPIED"));
        try (FileSystem fs = FileSystems.newFileSystem(zip)) {
            assertEquals("b", Files.readString(fs.getPath("train/dog/b.jpg")));
        }
    }

    @Test
    void imagesTheSourceCannotReachStayListedAndAreCounted() throws IOException {
        // a COCO file knows no image folder: its tags are classes, its images are only names
        Path coco = Files.writeString(tmp.resolve("tags.json"), "{\"images\":[{\"id\":1,\"file_name\":\"x.jpg\"},"
                + "{\"id\":2,\"file_name\":\"y.jpg\"}],\"categories\":[{\"id\":1,\"name\":\"cat\"}],\"annotations\":["
                + "{\"id\":1,\"image_id\":1,\"category_id\":1},{\"id\":2,\"image_id\":2,\"category_id\":1}]}");
        Path out = tmp.resolve("out");
        ConversionReport r = convert(coco, "coco", out, "copy");
        assertEquals("cat/x.jpg\ncat/y.jpg\n", Files.readString(out.resolve("classify/train.txt")));
        assertFalse(Files.exists(out.resolve("train")));
        assertTrue(r.toJson().contains("2 of 2 images the source could not give"), r.toJson());
    }

    @Test
    void twoImagesOfOneNameInAClassFolderKeepTheFirstAndListBoth() throws IOException {
        Path x = Files.writeString(tmp.resolve("x.jpg"), "first");
        Path y = Files.writeString(tmp.resolve("y.jpg"), "second");
        Category cat = Category.of(Id.of(0), "cat");
        java.util.Iterator<Item> items = List.of(
                Item.image(Id.of(1)).fileName("day/a.jpg").split("train").annotations(List.of(Annotation.builder(Tag.INSTANCE)
                        .category(cat).build())).build(),
                Item.image(Id.of(2)).fileName("night/a.jpg").split("train").annotations(List.of(Annotation.builder(Tag.INSTANCE)
                        .category(cat).build())).build()).iterator();
        AnnotationSource host = new AnnotationSource() {
            public DatasetHeader header() {
                return DatasetHeader.of(List.of(cat));
            }

            public Item next() {
                return items.hasNext() ? items.next() : null;
            }

            public Path imageFile(Item item) {
                return item.id().equals(Id.of(1)) ? x : y;
            }

            public void close() {
            }
        };
        Path out = tmp.resolve("out");
        ConversionReport r = Labelport.create().conversion(ConversionInput.of(host, null), ConversionOutput.of(out)).to("yolo")
                .options(ConversionOptions.builder().writerOptions(FormatOptions.of(Map.of("task", "classify"))).build())
                .run();
        assertEquals("first", Files.readString(out.resolve("train/cat/a.jpg")));
        assertEquals("cat/a.jpg\ncat/a.jpg\n", Files.readString(out.resolve("classify/train.txt")));
        assertTrue(r.toJson().contains("1 of 2 images"), r.toJson());
    }
}
