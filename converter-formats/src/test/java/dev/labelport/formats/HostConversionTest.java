package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionInput;
import dev.labelport.ConversionOutput;
import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.OutputFolder;
import dev.labelport.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversions fed by a host's own {@link AnnotationSource} and written into streams, folders and
 * zip streams: each must give the bytes the path-to-path conversion gives.
 */
class HostConversionTest {
    @TempDir
    Path tmp;

    private final Labelport lp = Labelport.create();

    private static final Category CAR = Category.of(Id.of(1), "car");
    private static final Category BUS = Category.of(Id.of(2), "bus");

    /** Items pulled one at a time from a generator, as a platform would page through its rows. */
    private static final class HostSource implements AnnotationSource {
        private final int count;
        private final int interruptAfter;
        private int next;
        final AtomicBoolean closed = new AtomicBoolean();

        HostSource(int count, int interruptAfter) {
            this.count = count;
            this.interruptAfter = interruptAfter;
        }

        @Override
        public DatasetHeader header() {
            return DatasetHeader.of(List.of(CAR, BUS));
        }

        @Override
        public Item next() {
            if (next == interruptAfter) {
                Thread.currentThread().interrupt(); // as an engine's cancel() interrupts the worker
            }
            if (next >= count) {
                return null;
            }
            int i = next++;
            List<Annotation> anns = new ArrayList<>();
            for (int a = 0; a <= i % 3; a++) {
                anns.add(Annotation.builder(new Box(10 * a, 5, 20, 30 + i)).id(Id.of(i * 10L + a))
                        .category(a % 2 == 0 ? CAR : BUS).build());
            }
            return Item.image(Id.of(i + 1)).fileName("img" + i + ".jpg").size(640, 480).annotations(anns).build();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aHostSourceConvertsIntoAStreamAsIntoAFile() throws IOException {
        Path file = tmp.resolve("host.json");
        HostSource first = new HostSource(50, -1);
        ConversionReport viaPath = lp.conversion(ConversionInput.of(first, null), ConversionOutput.of(file)).to("coco").run();
        assertTrue(first.closed.get(), "the pipeline closes the host source");
        assertEquals(ConversionInput.HOST, viaPath.from());
        assertEquals(50, viaPath.itemsWritten());
        assertEquals(java.util.stream.IntStream.range(0, 50).map(i -> i % 3 + 1).sum(), viaPath.annotationsWritten());

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ConversionReport viaStream = lp.conversion(ConversionInput.of(new HostSource(50, -1), null), ConversionOutput.of(sink))
                .to("coco").run();
        assertArrayEquals(Files.readAllBytes(file), sink.toByteArray(), "COCO (spilled, then copied) into a stream");
        assertEquals(viaPath.annotationsWritten(), viaStream.annotationsWritten());
        assertEquals(50, lp.inspect(file, "coco", dev.labelport.ConversionOptions.DEFAULTS).itemsRead());
    }

    @Test
    void streamingFormatsWriteStraightIntoTheCallersStreamAndLeaveItOpen() throws IOException {
        for (String format : List.of("vertex", "csv")) {
            Path file = tmp.resolve("out-" + format);
            lp.conversion(ConversionInput.of(new HostSource(20, -1), null), ConversionOutput.of(file)).to(format).run();
            AtomicBoolean closed = new AtomicBoolean();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            OutputStream caller = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                }

                @Override
                public void close() {
                    closed.set(true);
                }
            };
            lp.conversion(ConversionInput.of(new HostSource(20, -1), null), ConversionOutput.of(caller)).to(format).run();
            assertTrue(lp.formats().require(format).writesToStream(), format);
            assertArrayEquals(Files.readAllBytes(file), bytes.toByteArray(), format);
            assertFalse(closed.get(), format + ": the caller's stream stays open");
        }
    }

    @Test
    void aFolderFormatIntoAZipStreamGivesTheZipFileEntries() throws IOException {
        Path sample = TestData.root().resolve("samples/instances_small.json");
        Path zipFile = tmp.resolve("yolo.zip");
        lp.conversion(sample, zipFile).from("coco").to("yolo").run();
        ByteArrayOutputStream zipStream = new ByteArrayOutputStream();
        lp.conversion(ConversionInput.of(sample), ConversionOutput.zip(zipStream)).from("coco").to("yolo").run();
        Map<String, String> expected;
        try (InputStream in = Files.newInputStream(zipFile)) {
            expected = entries(in);
        }
        Map<String, String> actual = entries(new java.io.ByteArrayInputStream(zipStream.toByteArray()));
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
    }

    @Test
    void aFolderFormatThroughAHostOutputFolderCreatesTheSameFiles() throws IOException {
        Path sample = TestData.root().resolve("samples/instances_small.json");
        Path dir = tmp.resolve("yolo-dir");
        lp.conversion(sample, dir).from("coco").to("yolo").run();
        Map<String, String> files = new TreeMap<>();
        OutputFolder folder = new OutputFolder() {
            @Override
            public OutputStream create(String relativePath) {
                return new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        files.put(relativePath, toString(java.nio.charset.StandardCharsets.UTF_8));
                    }
                };
            }

            @Override
            public String name() {
                return "bucket/prefix/";
            }

            @Override
            public boolean isArchive() {
                return false;
            }
        };
        lp.conversion(ConversionInput.of(sample), ConversionOutput.of(folder)).from("coco").to("yolo").run();
        Map<String, String> expected = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                expected.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        assertEquals(expected, files);
    }

    @Test
    void outputsOfTheWrongKindAndAFormatForAHostSourceAreRefusedUpFront() {
        LabelportException folderIntoStream = assertThrows(LabelportException.class, () -> lp.conversion(
                ConversionInput.of(new HostSource(1, -1), null), ConversionOutput.of(new ByteArrayOutputStream())).to("yolo").run());
        assertEquals(ErrorCode.UNSUPPORTED_CONVERSION, folderIntoStream.code());
        assertTrue(folderIntoStream.getMessage().contains("zip(stream)"), folderIntoStream.getMessage());
        LabelportException fileIntoZip = assertThrows(LabelportException.class, () -> lp.conversion(
                ConversionInput.of(new HostSource(1, -1), null), ConversionOutput.zip(new ByteArrayOutputStream())).to("coco").run());
        assertEquals(ErrorCode.UNSUPPORTED_CONVERSION, fileIntoZip.code());
        LabelportException from = assertThrows(LabelportException.class, () -> lp.conversion(
                ConversionInput.of(new HostSource(1, -1), null), ConversionOutput.of(new ByteArrayOutputStream())).from("coco").to("coco").run());
        assertEquals(ErrorCode.INVALID_OPTION, from.code());
    }

    @Test
    void cancellingAHostConversionLeavesNoFileAndClosesTheSource() {
        Path out = tmp.resolve("cancelled.json");
        HostSource src = new HostSource(1000, 10);
        LabelportException e = assertThrows(LabelportException.class,
                () -> lp.conversion(ConversionInput.of(src, null), ConversionOutput.of(out)).to("coco").run());
        assertTrue(Thread.interrupted(), "the interrupt is left for the caller to see");
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(src.closed.get());
        assertFalse(Files.exists(out));
    }

    @Test
    void aHostSourceNamingAFormatIsReportedUnderIt() {
        ConversionReport r = lp.conversion(ConversionInput.of(new HostSource(3, -1), "avala"),
                ConversionOutput.of(new ByteArrayOutputStream())).to("coco").run();
        assertEquals("avala", r.from());
        assertEquals("coco", r.to());
    }

    /** The README's example, as written there (output path aside). */
    @Test
    void theReadmeExampleRuns() throws IOException {
        AnnotationSource rows = new AnnotationSource() {
            private final java.util.Iterator<Item> page = List.of(
                    Item.image(Id.of(1)).fileName("a.jpg").size(640, 480).annotations(List.of(
                            Annotation.builder(new Box(10, 20, 100, 50)).id(Id.of(7)).category(Category.of(Id.of(1), "car")).build()))
                        .build()).iterator();
            public DatasetHeader header() { return DatasetHeader.of(List.of(Category.of(Id.of(1), "car"))); }
            public Item next() { return page.hasNext() ? page.next() : null; }
            public void close() { }
        };
        Path export = tmp.resolve("export.json");
        ConversionReport r;
        try (OutputStream upload = Files.newOutputStream(export)) {
            r = Labelport.create()
                    .conversion(ConversionInput.of(rows, null), ConversionOutput.of(upload))
                    .to("coco")
                    .run();
        }
        assertEquals(1, r.annotationsWritten());
        assertTrue(Files.readString(export).contains("\"bbox\":[10.0,20.0,100.0,50.0]")
                || Files.readString(export).contains("\"bbox\":[10,20,100,50]"), Files.readString(export));
    }

    private static Map<String, String> entries(InputStream in) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
