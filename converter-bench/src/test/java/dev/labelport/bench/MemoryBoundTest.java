package dev.labelport.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts a generated COCO file far larger than the heap: this test runs in its own surefire
 * execution with {@code -Xmx64m} (see the pom), so holding every annotation, or a whole-file
 * tree, fails it with OutOfMemoryError. 400k annotations of 10–40-point polygons take about
 * 280 MB as objects and the file about 190 MB. It then goes into a YOLO zip, and that zip (items
 * normalised, 55k label files) into a VOC zip.
 */
@Tag("memory")
class MemoryBoundTest {
    private static final long ANNOTATIONS = 400_000;

    @TempDir
    Path tmp;

    @Test
    void cocoConvertsWithAHeapMuchSmallerThanTheFile() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 96L << 20, "run with a small -Xmx (got " + (maxHeap >> 20) + " MB)");
        Path in = tmp.resolve("instances.json");
        new CocoGenerator(CocoGenerator.Spec.withAnnotations(ANNOTATIONS, CocoGenerator.DEFAULT_SEED)).write(in);
        assertTrue(Files.size(in) > 2 * maxHeap, "the input must dwarf the heap");

        Labelport lp = Labelport.create();
        ConversionReport coco = lp.conversion(in, tmp.resolve("coco.json")).from("coco").to("coco").run();
        assertEquals(ANNOTATIONS, coco.annotationsRead());
        assertEquals(ANNOTATIONS, coco.annotationsWritten());
        assertTrue(coco.lossless(), coco.toJson());
        Files.delete(tmp.resolve("coco.json"));

        ConversionReport avala = lp.conversion(in, tmp.resolve("avala.json")).from("coco").to("avala").run();
        assertEquals(ANNOTATIONS, avala.annotationsRead());
        Files.delete(tmp.resolve("avala.json"));

        // the folder formats, written into zips (issue 3): per-image files, spilled lists, one zip buffer
        ConversionReport yolo = lp.conversion(in, tmp.resolve("yolo.zip")).from("coco").to("yolo").run();
        assertEquals(ANNOTATIONS, yolo.annotationsRead());
        assertEquals(yolo.itemsRead(), yolo.itemsWritten(), "every image gets a label file");
        ConversionReport back = lp.conversion(tmp.resolve("yolo.zip"), tmp.resolve("voc.zip")).from("yolo").to("voc")
                .options(dev.labelport.ConversionOptions.builder().imageSizes(item -> new dev.labelport.spi.ImageSize(640, 480))
                        .build()).run();
        assertEquals(yolo.itemsWritten(), back.itemsWritten());
        assertEquals(yolo.annotationsWritten(), back.annotationsRead());
    }
}
