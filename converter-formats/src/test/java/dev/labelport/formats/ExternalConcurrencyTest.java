package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversions share nothing mutable: every pair of the conversion matrix
 * ({@link ExternalConversionMatrixTest}: each third-party sample into each writable format) that
 * succeeds is run once on its own, then all of them again (repeated up to at least
 * {@value #CONCURRENT} conversions, shuffled) on {@value #THREADS} threads in this JVM; every
 * output must equal its one-at-a-time output byte for byte, and every run report the same counts
 * and losses. One exception: Avala's {@code export_info.created_at} is the time of writing (a
 * SYNTHESISED loss says so), so times are blanked in Avala outputs and in reports.
 */
@ExternalSamples
class ExternalConcurrencyTest {
    private static final int CONCURRENT = 100;
    private static final int THREADS = 16;

    @TempDir
    Path tmp;

    private record Pair(String sample, String to, boolean folder) {
    }

    /** What one run wrote: every file's bytes by relative path, and the report's counts. */
    private record Written(Map<String, byte[]> files, String counts) {
        void assertSame(Written other, String what) {
            assertEquals(counts, other.counts, what + ": the report differs");
            assertEquals(files.keySet(), other.files.keySet(), what + ": the files written differ");
            files.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, other.files.get(name)),
                    what + ": " + name + " differs"));
        }
    }

    @Test
    void conversionsOnSixteenThreadsWriteWhatTheyWriteOneAtATime() throws Exception {
        List<String> targets = FormatRegistry.discover().providers().stream().map(p -> p.descriptor())
                .filter(FormatDescriptor::canWrite).map(FormatDescriptor::id).sorted().toList();
        Map<Pair, Written> alone = new LinkedHashMap<>();
        int run = 0;
        for (String sample : ExternalConversionMatrixTest.INPUTS) {
            for (String to : targets) {
                boolean folder = FormatRegistry.discover().require(to).descriptor().layout() == FormatDescriptor.Layout.DIRECTORY;
                Pair pair = new Pair(sample, to, folder);
                Written w = convert(pair, tmp.resolve("alone").resolve(Integer.toString(run++)));
                if (w != null) {
                    alone.put(pair, w);
                }
            }
        }
        assertTrue(alone.size() >= 50, "the matrix accepts most pairs: " + alone.size());
        List<Pair> tasks = new ArrayList<>();
        while (tasks.size() < CONCURRENT) {
            tasks.addAll(alone.keySet());
        }
        Collections.shuffle(tasks, new Random(11));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Written>> results = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                Pair pair = tasks.get(i);
                Path dir = tmp.resolve("together").resolve(Integer.toString(i));
                results.add(pool.submit(() -> convert(pair, dir)));
            }
            for (int i = 0; i < tasks.size(); i++) {
                Pair pair = tasks.get(i);
                Written w = results.get(i).get();
                assertTrue(w != null, pair + " failed on a thread of its own after succeeding alone");
                alone.get(pair).assertSame(w, pair.sample() + " -> " + pair.to());
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("concurrency: " + alone.size() + " matrix pairs, " + tasks.size() + " conversions on " + THREADS
                + " threads, all equal to their one-at-a-time outputs");
    }

    /** One conversion into {@code dir/out}; null when the matrix refuses the pair as a whole. */
    private static Written convert(Pair pair, Path dir) throws IOException {
        Path output = dir.resolve(pair.folder() ? "out" : "out.file");
        Files.createDirectories(dir);
        dev.labelport.report.ConversionReport report;
        try {
            report = Labelport.create().conversion(ExternalData.resolve(pair.sample()), output).to(pair.to()).run();
        } catch (LabelportException e) {
            if (e.code() == ErrorCode.UNSUPPORTED_CONVERSION || e.code() == ErrorCode.MISSING_IMAGE_SIZE) {
                return null;
            }
            throw e;
        }
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(output)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                if (pair.to().equals("avala")) {
                    bytes = withoutTimes(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                files.put(output.relativize(f).toString(), bytes);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Written(files, withoutTimes(report.toJson()));
    }

    private static String withoutTimes(String s) {
        return s.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "T");
    }
}
