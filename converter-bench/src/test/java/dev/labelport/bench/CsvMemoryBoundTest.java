package dev.labelport.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The csv reader indexes rows and re-reads them by byte range, so a CSV far larger than the heap
 * converts under {@code -Xmx64m} (see MemoryBoundTest), also when the rows of each item are
 * scattered through the file and must be regrouped through bucket files.
 */
@Tag("memory")
class CsvMemoryBoundTest {
    private static final long ANNOTATIONS = 400_000;

    @TempDir
    Path tmp;

    @Test
    void scatteredCsvConvertsWithAHeapMuchSmallerThanTheFile() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 96L << 20, "run with a small -Xmx (got " + (maxHeap >> 20) + " MB)");
        Path coco = tmp.resolve("instances.json");
        new CocoGenerator(CocoGenerator.Spec.withAnnotations(ANNOTATIONS, CocoGenerator.DEFAULT_SEED)).write(coco);
        Path csv = tmp.resolve("in.csv");
        Labelport lp = Labelport.create();
        assertEquals(ANNOTATIONS, lp.conversion(coco, csv).from("coco").to("csv").run().annotationsWritten());
        Files.delete(coco);
        Path scattered = tmp.resolve("scattered.csv");
        interleaveHalves(csv, scattered);
        Files.delete(csv);
        assertTrue(Files.size(scattered) > 2 * maxHeap, "the input must dwarf the heap");

        ConversionReport r = lp.conversion(scattered, tmp.resolve("out.csv")).from("csv").to("csv").run();
        assertEquals(ANNOTATIONS, r.annotationsRead());
        assertEquals(ANNOTATIONS, r.annotationsWritten());
        assertEquals(1, r.lossCount("REGROUPED_ROWS"), r.toJson());
    }

    /** Rows of the first half alternate with rows of the second (the generated cells hold no line breaks). */
    private static void interleaveHalves(Path in, Path out) throws Exception {
        long rows;
        try (var lines = Files.lines(in, StandardCharsets.UTF_8)) {
            rows = lines.count() - 1;
        }
        try (BufferedReader a = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedReader b = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(a.readLine());
            w.write('\n');
            b.readLine();
            for (long i = 0; i < (rows + 1) / 2; i++) {
                b.readLine();
            }
            for (long i = 0; i < (rows + 1) / 2; i++) {
                w.write(a.readLine());
                w.write('\n');
                String other = b.readLine();
                if (other != null) {
                    w.write(other);
                    w.write('\n');
                }
            }
        }
    }
}
