package dev.labelport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.internal.OutputFolders;
import dev.labelport.internal.ZipTree;
import dev.labelport.model.MediaKind;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.OutputFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Folder formats written into a folder or straight into a zip, and read back from either. */
class FolderOutputTest {
    @TempDir
    Path tmp;

    private final Labelport lp = Labelport.using(FormatRegistry.builder()
            .register(new LinesFormat("lines", Set.of(MediaKind.IMAGE)))
            .register(new FolderFormat("folder", false))
            .build());

    private Path input() throws IOException {
        return Files.writeString(tmp.resolve("in.lines"), "LINES a car 1 2 3 4 bus 0 0 1 1\nLINES b\nLINES c car 5 5 1 1\n");
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return Collections.list(z.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    private static String entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFolderFormatIsWrittenStraightIntoAZip() throws IOException {
        Path out = tmp.resolve("out.zip");
        ConversionReport r = lp.conversion(input(), out).from("lines").to("folder").run();
        assertEquals(3, r.itemsWritten());
        assertEquals(List.of("items/a.txt", "items/b.txt", "items/c.txt", "index.txt"), entries(out));
        assertEquals("car 1.0 2.0 3.0 4.0\nbus 0.0 0.0 1.0 1.0\n", entry(out, "items/a.txt"));
        assertEquals("a\nb\nc\n", entry(out, "index.txt"));
        Path again = tmp.resolve("again.zip");
        lp.conversion(input(), again).from("lines").to("folder").run();
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(out), Files.readAllBytes(again)), "reproducible archive");
    }

    @Test
    void theSameIntoAFolderAndBackFromEither() throws IOException {
        Path dir = tmp.resolve("out");
        lp.conversion(input(), dir).from("lines").to("folder").run();
        assertEquals("a\nb\nc\n", Files.readString(dir.resolve("index.txt")));
        assertEquals("car 5.0 5.0 1.0 1.0\n", Files.readString(dir.resolve("items/c.txt")));
        Path zip = tmp.resolve("out.zip");
        lp.conversion(input(), zip).from("lines").to("folder").run();

        Path fromDir = tmp.resolve("from-dir.lines");
        Path fromZip = tmp.resolve("from-zip.lines");
        lp.conversion(dir, fromDir).from("folder").to("lines").run();
        ConversionReport r = lp.conversion(zip, fromZip).from("folder").to("lines").run();
        assertEquals(3, r.itemsRead());
        assertEquals(3, r.annotationsRead());
        assertEquals("LINES a car 1.0 2.0 3.0 4.0 bus 0.0 0.0 1.0 1.0\nLINES b\nLINES c car 5.0 5.0 1.0 1.0\n",
                Files.readString(fromZip));
        assertEquals(Files.readString(fromDir), Files.readString(fromZip));
    }

    @Test
    void detectionLooksInsideAZip() throws IOException {
        Path zip = tmp.resolve("data.zip");
        lp.conversion(input(), zip).from("lines").to("folder").run();
        assertEquals("folder", lp.detect(zip).descriptor().id());
        Path out = tmp.resolve("detected.lines");
        assertEquals(3, lp.conversion(zip, out).to("lines").run().itemsRead());
    }

    private Path zipWith(String... names) throws IOException {
        Path zip = tmp.resolve("hostile.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("index.txt"));
            z.write("a\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("items/a.txt"));
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write('x');
            }
        }
        return zip;
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "/abs.txt", "a\\..\\b", "items/../../x", "C:/win.txt", "./a.txt", "a//b"})
    void unsafeEntryNamesRefuseTheArchiveNamingTheEntry(String name) throws IOException {
        Path zip = zipWith(name);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> lp.conversion(zip, tmp.resolve("x.lines")).from("folder").to("lines").run());
        assertEquals("hostile.zip!/" + name, e.location().source(), e.getMessage());
        assertTrue(e.getMessage().contains("unsafe entry name"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x.lines")));
        // detection does not take such an archive for a folder either
        assertThrows(LabelportException.class, () -> lp.detect(zip));
    }

    @Test
    void zipBombDeclaredSizesAreRefusedBeforeReading() throws IOException {
        Path zip = tmp.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("index.txt"));
            z.write("a\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("items/a.txt"));
            for (int i = 0; i < 80; i++) { // 80 MiB of zeros deflate to about 80 KiB
                z.write(zeros);
            }
        }
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> ZipTree.mount(zip, "bomb.zip"));
        assertEquals("bomb.zip!/items/a.txt", e.location().source(), e.getMessage());
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void aWriterCannotEscapeTheOutput() throws IOException {
        for (String prefix : List.of("../", "/", "sub\\..\\")) {
            Path out = tmp.resolve("esc-" + prefix.length() + ".zip");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lp.conversion(input(), out)
                    .from("lines").to("folder").options(ConversionOptions.builder()
                            .writerOptions(FormatOptions.of(Map.of("prefix", prefix))).build()).run());
            assertTrue(e.getMessage().contains("unsafe relative path '" + prefix + "items/a.txt'"), e.getMessage());
            assertFalse(Files.exists(out));
        }
        IllegalArgumentException dir = assertThrows(IllegalArgumentException.class, () -> lp.conversion(input(), tmp.resolve("d"))
                .from("lines").to("folder").options(ConversionOptions.builder()
                        .writerOptions(FormatOptions.of(Map.of("prefix", "../"))).build()).run());
        assertTrue(dir.getMessage().contains("goes up"), dir.getMessage());
        assertFalse(Files.exists(tmp.resolve("items")));
        assertFalse(Files.exists(tmp.resolve("d")));
    }

    @Test
    void aFailedConversionLeavesNoZipNorFolder() throws IOException {
        Path outDir = Files.createDirectories(tmp.resolve("outputs"));
        for (String name : List.of("out.zip", "out")) {
            assertThrows(IllegalStateException.class, () -> lp.conversion(input(), outDir.resolve(name)).from("lines")
                    .to("folder").options(ConversionOptions.builder()
                            .writerOptions(FormatOptions.of(Map.of("fail-at", "c"))).build()).run());
        }
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void outputFoldersRefuseUnsafePathsDuplicatesAndOverlappingFiles() throws IOException {
        for (String bad : List.of("", "/a", "a/../b", "..", "a\\b", "a//b", "./a", "a/.", "C:a", "a\0b", "a/")) {
            assertThrows(IllegalArgumentException.class, () -> OutputFolders.checkRelative(bad), bad);
        }
        assertEquals("a/b.c", OutputFolders.checkRelative("a/b.c"));
        assertEquals("..a/b..", OutputFolders.checkRelative("..a/b.."), "dots inside a name are fine");

        try (OutputFolders.ZipFolder zip = OutputFolders.zip(tmp.resolve("t.zip"), "t.zip")) {
            OutputStream first = zip.create("a.txt");
            assertThrows(IllegalStateException.class, () -> zip.create("b.txt"), "one file at a time");
            first.write('1');
            first.close();
            first.close(); // idempotent
            assertThrows(IOException.class, () -> first.write('2'), "closed");
            assertThrows(IllegalArgumentException.class, () -> zip.create("a.txt"), "twice");
            assertThrows(IllegalArgumentException.class, () -> zip.create("a.txt/c.txt"), "below a file");
            try (OutputStream b = zip.create("b.txt")) {
                b.write('2');
            }
            assertTrue(zip.isArchive());
        }
        assertEquals(List.of("a.txt", "b.txt"), entries(tmp.resolve("t.zip")));
        assertEquals("1", entry(tmp.resolve("t.zip"), "a.txt"));

        Path root = Files.createDirectories(tmp.resolve("folder"));
        OutputFolder dir = OutputFolders.directory(root, "folder");
        try (OutputStream o = dir.create("x/y.txt")) {
            o.write('y');
        }
        assertThrows(IllegalArgumentException.class, () -> dir.create("x/y.txt"));
        assertThrows(IllegalArgumentException.class, () -> dir.create("x"), "a folder already");
        assertFalse(dir.isArchive());
        assertEquals("y", Files.readString(root.resolve("x/y.txt")));
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> names.add(root.relativize(p).toString()));
        }
        assertEquals(1, names.size());
    }
}
