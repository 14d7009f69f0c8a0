package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.error.LabelportException;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A replayed corpus, mutated: every golden input under {@code testdata/} is damaged at random
 * (bytes flipped, cut, ranges deleted or repeated, structural snippets inserted) and read back.
 * A folder input ({@code input/}) is copied and one of its files damaged.
 * A reader may accept the result or refuse it, but only with a located {@link LabelportException}:
 * never a NullPointerException, an index error, a stray IllegalStateException or a hang; under
 * both error policies. Whatever it accepts must also write back in the same format.
 */
class MutatedInputPropertiesTest {
    static final List<String> SNIPPETS = List.of("{", "}", "[", "]", "\"", ",", ":", "-1", "0", "1e400",
            "-0.0", "null", "true", "\"x\"", "\u0000", "\\", "\\u00", "\n", "\r\n", "\t", " ", "B-", "I-PER", "E-X",
            "-DOCSTART-", "\"id\":", "\"image_id\":7,", "\"bbox\":[1,2]", "\"segmentation\":{\"counts\":\"!!\"}",
            "\"counts\":[5,-3]", "\"type\":\"polygon\",", "\u00e9", "\uD83D\uDE00", "\u00ff\u00fe");

    /**
     * One seed (a file, or a folder and the relative path of the file in it to damage, else
     * {@code null}) and the mutations to apply.
     */
    record Case(String format, Path seed, String damaged, List<Mutation> mutations, ErrorPolicy policy) {
        @Override
        public String toString() {
            return format + " " + seed.getParent().getFileName() + (damaged == null ? "" : " input/" + damaged) + " "
                    + policy + " " + mutations;
        }
    }

    /** A mutation at a relative position (0..1) of the current bytes. */
    record Mutation(int kind, double at, double span, int snippet, int value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return SNIPPETS.get(snippet).getBytes(StandardCharsets.UTF_8);
            }
            int pos = Math.min(in.length - 1, (int) (at * in.length));
            int len = Math.max(1, Math.min(in.length - pos, (int) (span * 64)));
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
            switch (kind) {
                case 0 -> { // flip one byte
                    byte[] copy = in.clone();
                    copy[pos] = (byte) (copy[pos] ^ (1 + value % 255));
                    return copy;
                }
                case 1 -> { // cut here
                    out.write(in, 0, pos);
                }
                case 2 -> { // delete a range
                    out.write(in, 0, pos);
                    out.write(in, pos + len, in.length - pos - len);
                }
                case 3 -> { // repeat a range
                    out.write(in, 0, pos + len);
                    out.write(in, pos, in.length - pos);
                }
                default -> { // insert a snippet
                    out.write(in, 0, pos);
                    out.writeBytes(SNIPPETS.get(snippet).getBytes(StandardCharsets.UTF_8));
                    out.write(in, pos, in.length - pos);
                }
            }
            return out.toByteArray();
        }
    }

    @Property(tries = 1000)
    void damagedInputsAreReadOrRefusedWithALocatedError(@ForAll("cases") Case c) throws IOException {
        check(c);
    }

    /** One case: damage the seed, read it, and write back what the reader accepted (also run by {@link FuzzCampaignTest}). */
    static void check(Case c) throws IOException {
        Path dir = Files.createTempDirectory("lp-mutated");
        try {
            boolean folder = c.damaged() != null;
            String name = folder ? "damaged" : "damaged.in";
            Path input = dir.resolve(name);
            Path target = input;
            if (folder) {
                copyTree(c.seed(), input);
                target = input.resolve(c.damaged());
            }
            byte[] bytes = Files.readAllBytes(folder ? target : c.seed());
            for (Mutation m : c.mutations()) {
                bytes = m.apply(bytes);
            }
            Files.deleteIfExists(target); // a hard link to the seed in a linked copy
            Files.write(target, bytes);
            String file = target.getFileName().toString();
            byte[] damaged = bytes;
            readOrRefuse(() -> c + " on input (hex, first 4 KiB) " + HexFormat.of().formatHex(damaged, 0, Math.min(damaged.length, 4096)),
                    c.format(), dir, () -> Datasets.read(FormatRegistry.discover().require(c.format()), input,
                    ReadContext.of(name).withErrorPolicy(c.policy())), source -> {
                        if (folder) { // the folder, or the damaged file in it (by relative path or file name)
                            return source.startsWith(name) || source.contains(file);
                        }
                        return name.equals(source);
                    });
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    /**
     * Reads; a refusal must be a {@link LabelportException} whose source {@code expectedSource}
     * accepts and whose message starts with it; what is read must write back (into {@code dir/out}).
     */
    static void readOrRefuse(Supplier<String> c, String format, Path dir, Supplier<Dataset> read, Predicate<String> expectedSource) {
        Dataset dataset;
        try {
            dataset = read.get();
        } catch (LabelportException e) {
            String source = e.location().source();
            assertTrue(source != null && expectedSource.test(source), () -> "error without its source: " + e.getMessage());
            assertTrue(e.getMessage().startsWith(source), e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(c.get() + " made the reader throw " + e, e);
        }
        try {
            Datasets.write(FormatRegistry.discover().require(format), dir.resolve("out"), dataset);
        } catch (LabelportException | UncheckedIOException e) {
            fail(c.get() + ": what the reader accepted, the writer refused: " + e);
        }
    }

    /**
     * Copies a folder, hard-linking its files where the file system allows (a large external
     * sample is copied thousands of times by the fuzz profile); a file about to be changed is
     * deleted first, so the seed is never written through a link.
     */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    try {
                        Files.createLink(t, f);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(f, t);
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        List<Case> seeds = goldenSeeds();
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, SNIPPETS.size() - 1), Arbitraries.integers().between(0, 1000))
                .as(Mutation::new);
        return Combinators.combine(Arbitraries.of(seeds), mutation.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(ErrorPolicy.class)).as((seed, ms, policy) -> new Case(seed.format(), seed.seed(), seed.damaged(), ms, policy));
    }

    /** Every golden input, undamaged: a file, or one case per file of an {@code input/} folder. */
    static List<Case> goldenSeeds() {
        List<Case> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestData.root(), 3)) {
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                String format = RetypedJsonPropertiesTest.from(f.getParent());
                if (name.startsWith("input.") && Files.isRegularFile(f)) {
                    seeds.add(new Case(format, f, null, List.of(), ErrorPolicy.FAIL));
                } else if (name.equals("input") && Files.isDirectory(f)) {
                    for (String rel : GoldenFixturesTest.listFiles(f)) {
                        seeds.add(new Case(format, f, rel, List.of(), ErrorPolicy.FAIL));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }
}
