package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.error.LabelportException;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The fuzz campaign of the {@code -Pfuzz} profile (tag {@code fuzz}, not in the default run):
 * per reader, {@code labelport.fuzz.tries} cases (default 1000; the profile sets 100,000) of each
 * of {@link MutatedInputPropertiesTest}, {@link RetypedJsonPropertiesTest} (readers with JSON
 * seeds) and, for folder formats, {@link StructuralMutationPropertiesTest} (a tenth as many),
 * seeded from every golden input and every third-party sample the reader detects. Cases are
 * drawn from {@code labelport.fuzz.seed} (printed) and numbered, so a finding is replayed by seed
 * and number. {@code labelport.fuzz.formats} limits the run to some readers (comma-separated).
 * Findings are grouped by exception and place; each reader's figures go to
 * {@code target/fuzz/<format>.txt} and the test fails when there is any finding.
 */
@Tag("fuzz")
@ExternalSamples
class FuzzCampaignTest {
    private static final int TRIES = Integer.getInteger("labelport.fuzz.tries", 1000);
    private static final long SEED = Long.getLong("labelport.fuzz.seed", System.nanoTime());
    private static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff");
    /** Folders larger than this are not copied once per case (the raccoon set, 404 files, is allowed). */
    private static final int MAX_FOLDER_FILES = 600;

    /**
     * The seeds of one reader: {@code files} by root (a file, or the cases of one folder: a root
     * is drawn first, so a folder of 400 files weighs as much as one file), JSON files, folders.
     */
    private record Seeds(Map<Path, List<MutatedInputPropertiesTest.Case>> files, List<Path> jsonFiles, List<Path> folders) {
        void add(MutatedInputPropertiesTest.Case c) {
            files.computeIfAbsent(c.seed(), k -> new ArrayList<>()).add(c);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReaderRefusesDamageWithLocatedErrorsOnly() {
        Map<String, Seeds> seeds = seeds();
        String only = System.getProperty("labelport.fuzz.formats", "");
        System.out.println("fuzz campaign: seed " + SEED + ", " + TRIES + " tries per reader and property");
        return seeds.entrySet().stream()
                .filter(e -> only.isBlank() || List.of(only.split(",")).contains(e.getKey()))
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> campaign(e.getKey(), e.getValue())));
    }

    private static void campaign(String format, Seeds s) throws IOException {
        Map<String, Finding> findings = new TreeMap<>();
        StringBuilder report = new StringBuilder(format + " (seed " + SEED + ")\n");
        report.append(String.format(Locale.ROOT, "seeds: %d files and folders (%d files in all), %d JSON, %d folders%n",
                s.files().size(), s.files().values().stream().mapToInt(List::size).sum(), s.jsonFiles().size(), s.folders().size()));
        run("mutated", TRIES, findings, report, (r, i) -> MutatedInputPropertiesTest.check(mutated(s, r)));
        if (!s.jsonFiles().isEmpty()) {
            List<Integer> sizes = new ArrayList<>();
            for (Path f : s.jsonFiles()) {
                sizes.add(RetypedJsonPropertiesTest.size(RetypedJsonPropertiesTest.read(f)));
            }
            run("retyped", TRIES, findings, report, (r, i) -> {
                int k = r.nextInt(s.jsonFiles().size());
                RetypedJsonPropertiesTest.check(new RetypedJsonPropertiesTest.Case(format, s.jsonFiles().get(k),
                        1 + r.nextInt(Math.max(1, sizes.get(k) - 1)), r.nextInt(RetypedJsonPropertiesTest.REPLACEMENTS.size()),
                        policy(r)));
            });
        }
        if (!s.folders().isEmpty()) {
            StructuralMutationPropertiesTest.Kind[] kinds = StructuralMutationPropertiesTest.Kind.values();
            run("structural", Math.max(1, TRIES / 10), findings, report, (r, i) -> StructuralMutationPropertiesTest.check(
                    new StructuralMutationPropertiesTest.Case(format, s.folders().get(r.nextInt(s.folders().size())),
                            kinds[r.nextInt(kinds.length)], r.nextInt(10_000), policy(r))));
        }
        report.append("findings: ").append(findings.size()).append('\n');
        findings.forEach((k, f) -> report.append("  ").append(f.count).append(" x ").append(k).append("\n    first: ")
                .append(f.first).append('\n'));
        Path out = Path.of("target", "fuzz");
        Files.createDirectories(out);
        Files.writeString(out.resolve(format + ".txt"), report, StandardCharsets.UTF_8);
        System.out.print(report);
        assertTrue(findings.isEmpty(), report::toString);
    }

    private interface CaseRun {
        void run(Random r, int index) throws IOException;
    }

    private static final class Finding {
        int count;
        String first;
    }

    private static void run(String property, int tries, Map<String, Finding> findings, StringBuilder report, CaseRun body) {
        long start = System.nanoTime();
        int failed = 0;
        for (int i = 0; i < tries; i++) {
            Random r = new Random(SEED * 31 + i * 1_000_003L + property.hashCode());
            try {
                body.run(r, i);
            } catch (AssertionError | RuntimeException | IOException e) {
                failed++;
                Throwable root = e.getCause() != null && !(e.getCause() instanceof LabelportException) ? e.getCause() : e;
                String key = property + ": " + root.getClass().getName() + " at " + place(root);
                Finding f = findings.computeIfAbsent(key, k -> new Finding());
                if (f.count++ == 0) {
                    f.first = "case " + i + ": " + firstLine(e.getMessage());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.append(String.format(Locale.ROOT, "%s: %d cases in %.1f s (%.0f cases/s), %d failed%n", property, tries,
                seconds, tries / seconds, failed));
    }

    private static String place(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.labelport") && !e.getClassName().endsWith("Test")) {
                return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
            }
        }
        return t.getStackTrace().length == 0 ? "?" : t.getStackTrace()[0].toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 600 ? line.substring(0, 600) + "..." : line;
    }

    private static ErrorPolicy policy(Random r) {
        ErrorPolicy[] all = ErrorPolicy.values();
        return all[r.nextInt(all.length)];
    }

    private static MutatedInputPropertiesTest.Case mutated(Seeds s, Random r) {
        List<List<MutatedInputPropertiesTest.Case>> roots = new ArrayList<>(s.files().values());
        List<MutatedInputPropertiesTest.Case> root = roots.get(r.nextInt(roots.size()));
        MutatedInputPropertiesTest.Case seed = root.get(r.nextInt(root.size()));
        List<MutatedInputPropertiesTest.Mutation> ms = new ArrayList<>();
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            ms.add(new MutatedInputPropertiesTest.Mutation(r.nextInt(5), r.nextDouble(), r.nextDouble(),
                    r.nextInt(MutatedInputPropertiesTest.SNIPPETS.size()), r.nextInt(1001)));
        }
        return new MutatedInputPropertiesTest.Case(seed.format(), seed.seed(), seed.damaged(), ms, policy(r));
    }

    /** Golden inputs and every third-party file or folder a reader detects, by format. */
    private static Map<String, Seeds> seeds() {
        Map<String, Seeds> byFormat = new LinkedHashMap<>();
        FormatRegistry registry = FormatRegistry.discover();
        registry.providers().stream().map(p -> p.descriptor().id()).sorted()
                .forEach(id -> byFormat.put(id, new Seeds(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>())));
        for (MutatedInputPropertiesTest.Case c : MutatedInputPropertiesTest.goldenSeeds()) {
            byFormat.get(c.format()).add(c);
        }
        try {
            for (Path f : goldenJson()) {
                byFormat.get(RetypedJsonPropertiesTest.from(f.getParent())).jsonFiles().add(f);
            }
            for (Path f : StructuralMutationPropertiesTest.goldenFolders()) {
                byFormat.get(RetypedJsonPropertiesTest.from(f.getParent())).folders().add(f);
            }
            addExternal(registry, byFormat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byFormat;
    }

    private static List<Path> goldenJson() throws IOException {
        try (Stream<Path> s = Files.walk(dev.labelport.testing.TestData.root(), 3)) {
            return s.filter(x -> x.getFileName().toString().matches("input\\.jsonl?")).sorted().toList();
        }
    }

    private static void addExternal(FormatRegistry registry, Map<String, Seeds> byFormat) throws IOException {
        Path root = ExternalData.root();
        Labelport lp = Labelport.create();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(p -> !p.equals(root) && !isImage(p) && !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (Path p : all) {
            FormatProvider provider;
            try {
                provider = lp.detect(p);
            } catch (LabelportException | UncheckedIOException e) {
                continue;
            }
            String id = provider.descriptor().id();
            Seeds s = byFormat.get(id);
            boolean folderFormat = provider.descriptor().layout() == FormatDescriptor.Layout.DIRECTORY;
            if (Files.isDirectory(p) && folderFormat) {
                List<String> files = GoldenFixturesTest.listFiles(p);
                if (!files.isEmpty() && files.size() <= MAX_FOLDER_FILES) {
                    s.folders().add(p);
                    for (String rel : files) {
                        s.add(new MutatedInputPropertiesTest.Case(id, p, rel, List.of(), ErrorPolicy.FAIL));
                    }
                }
            } else if (Files.isRegularFile(p) && !folderFormat && !p.getFileName().toString().endsWith(".zip")) {
                s.add(new MutatedInputPropertiesTest.Case(id, p, null, List.of(), ErrorPolicy.FAIL));
                if (p.getFileName().toString().matches(".*\\.jsonl?") && parses(p)) {
                    s.jsonFiles().add(p);
                }
            }
        }
    }

    private static boolean parses(Path json) {
        try {
            RetypedJsonPropertiesTest.read(json);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
    }
}
