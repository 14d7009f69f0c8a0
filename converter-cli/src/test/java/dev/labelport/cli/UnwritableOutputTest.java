package dev.labelport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A conversion into a full file system (a 256 KiB tmpfs, mounted by the test when it runs as root
 * on Linux, skipped with a message otherwise) or into a folder that cannot be written (a
 * read-only tmpfs as root, where permissions do not stop anyone; a {@code chmod a-w} folder for
 * other users) fails with {@link ErrorCode#WRITE_FAILED} naming the output and the reason, and
 * leaves nothing behind: no output, no temporary beside it, no spill folder, no file left open
 * (the file system unmounts).
 */
class UnwritableOutputTest {
    @TempDir
    static Path shared;
    static Path input;

    @TempDir
    Path work;
    private Path mounted;

    @BeforeAll
    static void generate() throws IOException {
        input = KillNineConversionTest.coco(shared.resolve("in.json"), 20_000, 3); // a few MiB of output
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            // busy when the failed conversion left a file open on it (a zip whose central directory did not fit)
            int rc = run("umount", mounted.toString());
            if (rc != 0) {
                run("umount", "-l", mounted.toString());
            }
            assertEquals(0, rc, "no file is left open on the file system");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", cmd) + ": " + out);
        }
        return p.exitValue();
    }

    /** A tmpfs of 256 KiB at {@code dir} (read-only when asked), or the test skipped. */
    private Path tmpfs(Path dir, boolean readOnly) throws Exception {
        assumeTrue(isRoot() && System.getProperty("os.name").startsWith("Linux"),
                "mounting a small tmpfs needs root on Linux; skipping");
        Files.createDirectories(dir);
        int rc = run("mount", "-t", "tmpfs", "-o", (readOnly ? "ro," : "") + "size=256k", "tmpfs", dir.toString());
        assumeTrue(rc == 0, "mount -t tmpfs failed (no CAP_SYS_ADMIN here?); skipping");
        mounted = dir;
        return dir;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"out.json, coco", "out-yolo, yolo", "out.zip, yolo", "out.csv, csv"})
    void aFullFileSystemFailsTheConversionWithALocatedErrorAndLeavesNothing(String name, String to) throws Exception {
        Path full = tmpfs(work.resolve("full"), false);
        Path output = full.resolve(name);
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        LabelportException e = assertThrows(LabelportException.class, () -> Labelport.create().conversion(input, output)
                .to(to).options(ConversionOptions.builder().tempDirectory(tmp).build()).run());
        assertEquals(ErrorCode.WRITE_FAILED, e.code(), e.getMessage());
        assertEquals(output.toString(), e.location().source());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of(), names(full), "nothing left on the full file system");
        assertEquals(List.of(), names(tmp), "nor in the temp directory");
    }

    @Test
    void aFullTempDirectoryFailsTheConversionLikewise() throws Exception {
        Path full = tmpfs(work.resolve("full"), false);
        Path outDir = Files.createDirectories(work.resolve("out"));
        Path output = outDir.resolve("out.json");
        // the reader regroups the shuffled annotations through bucket files, the writer spills: both in the temp directory
        LabelportException e = assertThrows(LabelportException.class, () -> Labelport.create().conversion(input, output)
                .to("coco").options(ConversionOptions.builder().tempDirectory(full).build()).run());
        assertEquals(ErrorCode.WRITE_FAILED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of(), names(full));
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void theCommandLineSaysWhatFailedAndExitsWithFailure() throws Exception {
        Path full = tmpfs(work.resolve("full"), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false)
                .run("convert", input.toString(), full.resolve("out.json").toString(), "--to", "coco");
        assertEquals(1, rc);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("labelport: " + full.resolve("out.json") + ": cannot write the output: No space left on device"),
                message);
        assertEquals(List.of(), names(full));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"out.json, coco", "out-yolo, yolo", "out.zip, yolo"})
    void anUnwritableOutputFolderFailsWithALocatedErrorAndLeavesNothing(String name, String to) throws Exception {
        Path folder;
        if (isRoot()) {
            folder = tmpfs(work.resolve("read-only"), true);
        } else {
            folder = Files.createDirectories(work.resolve("read-only"));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Path output = folder.resolve(name);
            LabelportException e = assertThrows(LabelportException.class,
                    () -> Labelport.create().conversion(input, output).to(to).run());
            assertEquals(ErrorCode.WRITE_FAILED, e.code(), e.getMessage());
            assertEquals(output.toString(), e.location().source());
            assertTrue(e.getMessage().contains(isRoot() ? "Read-only file system" : "Permission denied"), e.getMessage());
            assertEquals(List.of(), names(folder));
        } finally {
            if (!isRoot()) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
