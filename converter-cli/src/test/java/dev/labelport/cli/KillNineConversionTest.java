package dev.labelport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.internal.AtomicOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plain conversion killed with SIGKILL: a child JVM runs {@code labelport convert} on a
 * generated COCO file of 200,000 annotations into a file (COCO, Avala), a folder (YOLO) and a zip
 * (YOLO), and is killed at several points chosen by watching its temporary output grow. After
 * each kill: the output path does not exist; what is left is only the documented temporaries,
 * named after the killed process ({@code .NAME.labelport-PID-*.tmp} beside the output,
 * {@code labelport-PID-*} in its temp directory); and the next conversion to the same output
 * removes them. For a {@code --force} replacement, the old output survives whole. Each kill
 * point and what it left is printed.
 */
class KillNineConversionTest {
    private static final int ANNOTATIONS = 200_000;

    @TempDir
    static Path shared;
    static Path big;
    static Path small;

    @TempDir
    Path work;
    Path outDir;
    /** The child's {@code java.io.tmpdir}, and the next run's temp directory. */
    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void folders() throws IOException {
        outDir = Files.createDirectories(work.resolve("out"));
        tmp = Files.createDirectories(work.resolve("tmp"));
    }

    /** Where the child was when it was killed: the first condition on its temporaries that held. */
    enum Point {
        /** the temporary output exists */
        EARLY,
        /** a spill file in the scratch folder holds data */
        SPILLING,
        /** the temporary output reached half of its final size */
        MID,
        /** ... or 95% of it */
        LATE
    }

    @BeforeAll
    static void generate() throws IOException {
        big = coco(shared.resolve("big.json"), ANNOTATIONS, 7);
        small = coco(shared.resolve("small.json"), 30, 8);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"out.json, coco", "out-avala.json, avala", "out-yolo, yolo", "out.zip, yolo"})
    void aKilledConversionLeavesNoOutputAndOnlyTemporariesTheNextRunRemoves(String name, String to) throws Exception {
        Path output = outDir.resolve(name);
        Finished full = finished(output, to);
        int killed = 0;
        for (Point point : Point.values()) {
            Process p = child(big, output, to, false);
            if (!killAt(p, point, output, full)) {
                System.out.printf(Locale.ROOT, "kill -9 %s as %s at %s: not reached, the conversion finished first%n", name, to, point);
                AtomicOutput.deleteRecursively(output);
                continue;
            }
            killed++;
            List<String> leftBeside = names(outDir);
            List<String> leftInTmp = names(tmp);
            System.out.printf(Locale.ROOT, "kill -9 %s as %s at %s: left beside the output %s, in the temp directory %s%n",
                    name, to, point, leftBeside, leftInTmp);
            assertFalse(Files.exists(output), point + ": no output after a kill");
            String pid = Long.toString(p.pid());
            assertTrue(leftBeside.stream().allMatch(n -> n.startsWith("." + name + ".labelport-" + pid + "-") && n.endsWith(".tmp")),
                    point + ": only the killed process's temporary beside the output: " + leftBeside);
            assertTrue(leftInTmp.stream().allMatch(n -> n.startsWith("labelport-" + pid + "-")),
                    point + ": only the killed process's scratch folder in the temp directory: " + leftInTmp);

            Labelport.create().conversion(small, output).to(to)
                    .options(ConversionOptions.builder().tempDirectory(tmp).build()).run();
            assertEquals(List.of(name), names(outDir), point + ": the next run leaves its output only");
            assertEquals(List.of(), names(tmp), point + ": and an empty temp directory");
            AtomicOutput.deleteRecursively(output);
        }
        assertTrue(killed >= 2, "at least two kill points were reached, got " + killed);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"out.json, coco", "out-yolo, yolo", "out.zip, yolo"})
    void aKilledForcedReplacementLeavesTheOldOutputWhole(String name, String to) throws Exception {
        Path output = outDir.resolve(name);
        Finished full = finished(output, to);
        Labelport.create().conversion(small, output).to(to).run();
        String old = digest(output);
        int killed = 0;
        for (Point point : List.of(Point.EARLY, Point.MID, Point.LATE)) {
            Process p = child(big, output, to, true);
            if (!killAt(p, point, output, full)) {
                System.out.printf(Locale.ROOT, "kill -9 --force %s as %s at %s: not reached%n", name, to, point);
                break; // the replacement went through: nothing further to kill
            }
            killed++;
            System.out.printf(Locale.ROOT, "kill -9 --force %s as %s at %s: left beside the output %s, in the temp directory %s%n",
                    name, to, point, names(outDir), names(tmp));
            // a kill between the two renames of a folder replacement leaves the old folder as .old
            Path kept = Files.exists(output) ? output : oldSibling(outDir, name);
            assertEquals(old, digest(kept), point + ": the old output is whole");
            // the next run (without --force) puts it back and removes the rest, and is refused: the output exists
            LabelportException e = org.junit.jupiter.api.Assertions.assertThrows(LabelportException.class,
                    () -> Labelport.create().conversion(small, output).to(to)
                            .options(ConversionOptions.builder().tempDirectory(tmp).build()).run());
            assertEquals(ErrorCode.OUTPUT_EXISTS, e.code());
            assertEquals(List.of(name), names(outDir), point + ": only the old output is left");
            assertEquals(List.of(), names(tmp), point + ": and an empty temp directory");
            assertEquals(old, digest(output));
        }
        assertTrue(killed >= 1, "the replacement was killed at least once");
    }

    /** The size and digest of a finished conversion of the big input. */
    private record Finished(long size, String digest) {
    }

    private static final java.util.Map<String, Finished> FINISHED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A full run tells how large the output grows, so the kill points can be placed on it (run
     * once per output kind; {@code output} is left absent).
     */
    private Finished finished(Path output, String to) throws Exception {
        String key = output.getFileName() + " " + to;
        Finished f = FINISHED.get(key);
        if (f == null) {
            Process full = child(big, output, to, false);
            assertEquals(0, full.waitFor(), "the conversion runs");
            f = new Finished(size(output), digest(output));
            FINISHED.put(key, f);
            AtomicOutput.deleteRecursively(output);
        }
        return f;
    }

    private static Path oldSibling(Path dir, String name) throws IOException {
        return names(dir).stream().filter(n -> n.startsWith("." + name + ".labelport-") && n.endsWith(".old"))
                .map(dir::resolve).findFirst().orElseThrow(() -> new AssertionError("neither the output nor a .old sibling"));
    }

    /**
     * Waits until the child's temporaries show {@code point}, then SIGKILLs it. False when the
     * child finished first, or the kill landed after the output was moved into place.
     */
    private boolean killAt(Process p, Point point, Path output, Finished full) throws Exception {
        String name = output.getFileName().toString();
        long finalSize = full.size();
        Predicate<Long> grown = switch (point) {
            case EARLY -> s -> s >= 0;
            case SPILLING -> s -> false;
            case MID -> s -> s >= finalSize / 2;
            case LATE -> s -> s >= finalSize * 95 / 100;
        };
        while (p.isAlive()) {
            long temp = tempSize(outDir, name);
            boolean spilling = point == Point.SPILLING && spillBytes(tmp) > 0;
            if (temp >= 0 && (grown.test(temp) || spilling)) {
                long spills = spillBytes(tmp);
                p.destroyForcibly(); // SIGKILL on Linux
                System.out.printf(Locale.ROOT, "  %s: killed with the temporary output at %,d of %,d bytes, %,d bytes of spills%n",
                        point, temp, finalSize, spills);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                // exited on its own, or killed between moving the output into place and exiting
                return p.exitValue() == 137 && !(Files.exists(output) && digest(output).equals(full.digest()));
            }
            Thread.sleep(2);
        }
        p.waitFor();
        return false;
    }

    /** The size of the temporary output beside {@code name}, -1 while there is none. */
    private static long tempSize(Path dir, String name) {
        try (Stream<Path> s = Files.list(dir)) {
            long total = -1;
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("." + name + ".labelport-")
                    && f.getFileName().toString().endsWith(".tmp")).toList()) {
                total = Math.max(total, 0) + size(p);
            }
            return total;
        } catch (IOException | UncheckedIOException e) {
            return -1; // moved or deleted under us
        }
    }

    private static long spillBytes(Path tmp) {
        try {
            return size(tmp);
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    private Process child(Path input, Path output, String to, boolean force) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                "-cp", cp, Main.class.getName(), "convert", input.toString(), output.toString(), "--to", to, "--quiet"));
        if (force) {
            cmd.add("--force");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Bytes of a file or of every file under a folder (a file deleted meanwhile counts 0). */
    private static long size(Path p) {
        if (!Files.isDirectory(p)) {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return 0;
            }
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.mapToLong(f -> Files.isRegularFile(f) && !f.getFileName().toString().equals(".lock") ? size(f) : 0).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A digest of a file, or of a folder's relative paths and contents. */
    private static String digest(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> s = Files.walk(p)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                md.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A COCO instances file: boxes with a four-point polygon, seven annotations per image, shuffled. */
    static Path coco(Path file, int annotations, long seed) throws IOException {
        Random r = new Random(seed);
        int images = Math.max(1, annotations / 7);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"images\":[");
            for (int i = 1; i <= images; i++) {
                w.write((i > 1 ? "," : "") + "{\"id\":" + i + ",\"file_name\":\"" + String.format(Locale.ROOT, "%012d", i)
                        + ".jpg\",\"width\":640,\"height\":480}");
            }
            w.write("],\"annotations\":[");
            for (int a = 1; a <= annotations; a++) {
                int x = r.nextInt(500);
                int y = r.nextInt(400);
                int bw = 1 + r.nextInt(100);
                int bh = 1 + r.nextInt(60);
                w.write((a > 1 ? "," : "") + "{\"id\":" + a + ",\"image_id\":" + (1 + r.nextInt(images)) + ",\"category_id\":"
                        + (1 + r.nextInt(3)) + ",\"bbox\":[" + x + "," + y + "," + bw + "," + bh + "],\"area\":" + bw * bh
                        + ",\"iscrowd\":0,\"segmentation\":[[" + x + "," + y + "," + (x + bw) + "," + y + "," + (x + bw) + ","
                        + (y + bh) + "," + x + "," + (y + bh) + "]]}");
            }
            w.write("],\"categories\":[{\"id\":1,\"name\":\"cat\"},{\"id\":2,\"name\":\"dog\"},{\"id\":3,\"name\":\"bird\"}]}");
        }
        return file;
    }
}
