package dev.labelport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every format's tests inherit: registration, descriptor, empty, truncated and
 * garbage input, limits, close behaviour, failed conversions leaving nothing behind, and a
 * same-format round trip of a sample that exercises what the format holds.
 *
 * <p>A format's test class supplies {@link #formatId()}, {@link #sample()} and
 * {@link #tinyLimits()}, and overrides the hooks where its nature differs (a token format
 * cannot tell a truncated file from a short one).
 */
public abstract class FormatContractTest {

    @TempDir
    protected Path tmp;

    /** The id of the format under test. */
    protected abstract String formatId();

    /** A dataset the format holds exactly: a same-format round trip must give it back. */
    protected abstract Dataset sample();

    /** Limits that the sample, once written, exceeds on reading (e.g. a vertex or token count). */
    protected abstract Limits tinyLimits();

    /** True when an empty file is a valid, empty dataset in this format. */
    protected boolean emptyInputIsValid() {
        return false;
    }

    /** True when a file cut in the middle can be told from a complete one. */
    protected boolean truncationIsDetectable() {
        return true;
    }

    /** Compares a dataset with what came back from a round trip; override to normalise. */
    protected void assertRoundTrip(Dataset expected, Dataset actual) {
        assertEquals(expected.items(), actual.items());
    }

    protected final FormatProvider provider() {
        return FormatRegistry.discover().require(formatId());
    }

    protected final boolean isDirectoryFormat() {
        return provider().descriptor().layout() == FormatDescriptor.Layout.DIRECTORY;
    }

    /** Writes {@code dataset} into a fresh output under the temp folder and returns it. */
    protected final Path write(Dataset dataset, String name) throws IOException {
        Path out = tmp.resolve(name);
        if (isDirectoryFormat()) {
            Files.createDirectories(out);
        }
        Datasets.write(provider(), out, dataset);
        return out;
    }

    protected final Dataset read(Path input) {
        return Datasets.read(provider(), input);
    }

    /** The main file of a written output (the output itself for file formats). */
    protected Path mainFile(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return output;
        }
        try (Stream<Path> s = Files.walk(output)) {
            return s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void isRegisteredThroughServiceLoader() {
        boolean found = ServiceLoader.load(FormatProvider.class).stream()
                .anyMatch(p -> p.get().descriptor().id().equals(formatId()));
        assertTrue(found, formatId() + " must be listed in META-INF/services or module-info provides");
    }

    @Test
    void descriptorIsComplete() {
        FormatDescriptor d = provider().descriptor();
        assertEquals(formatId(), d.id());
        assertFalse(d.itemKinds().isEmpty(), "item kinds");
        assertFalse(d.geometryKinds().isEmpty(), "geometry kinds");
        assertFalse(d.losses().isBlank(), "what a write loses");
        assertTrue(d.canRead() && d.canWrite(), "bundled formats read and write");
        for (String alias : d.aliases()) {
            assertEquals(formatId(), FormatRegistry.discover().find(alias).orElseThrow().descriptor().id(), alias);
        }
    }

    @Test
    void sameFormatRoundTripKeepsTheSample() throws IOException {
        Dataset sample = sample();
        Path out = write(sample, "sample");
        Dataset back = read(out);
        assertRoundTrip(sample, back);
    }

    @Test
    void conversionReportsWhatItWrote() throws IOException {
        Path in = write(sample(), "in");
        Path out = tmp.resolve("out");
        ConversionReport r = Labelport.create().conversion(in, out).from(formatId()).to(formatId()).run();
        assertEquals(sample().items().size(), r.itemsRead());
        assertEquals(r.itemsRead(), r.itemsWritten());
        assertEquals(sample().annotationCount(), r.annotationsRead());
        assertEquals(r.annotationsRead(), r.annotationsWritten(), r.toJson());
        assertTrue(r.lossless(), () -> "same-format conversion lost something: " + r.toJson());
    }

    @Test
    void detectsItsOwnOutput() throws IOException {
        Path out = write(sample(), "detect-me");
        assertEquals(formatId(), Labelport.create().detect(out).descriptor().id());
    }

    @Test
    void emptyInputIsHandled() throws IOException {
        Path empty = tmp.resolve("empty");
        if (isDirectoryFormat()) {
            Files.createDirectories(empty);
        } else {
            Files.write(empty, new byte[0]);
        }
        if (emptyInputIsValid()) {
            assertTrue(read(empty).items().isEmpty());
        } else {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(empty));
            assertEquals("empty", e.location().source(), e.getMessage());
        }
    }

    @Test
    void truncatedInputFailsWithItsLocation() throws IOException {
        Path out = write(sample(), "cut");
        Path main = mainFile(out);
        byte[] all = Files.readAllBytes(main);
        Files.write(main, java.util.Arrays.copyOf(all, all.length / 2));
        if (truncationIsDetectable()) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(out));
            assertNotNull(e.location().source(), e.getMessage());
            assertTrue(e.getMessage().contains(e.location().source()), e.getMessage());
        } else {
            assertTrue(read(out).items().size() <= sample().items().size());
        }
    }

    @Test
    void binaryGarbageIsALocatedError() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        junk[0] = 0;
        Path out = write(sample(), "junk");
        Files.write(mainFile(out), junk);
        LabelportException e = assertThrows(LabelportException.class, () -> read(out));
        assertTrue(e instanceof InvalidInputException || e instanceof LimitExceededException, e.toString());
        assertTrue(e.location().isKnown(), e.getMessage());
    }

    @Test
    void limitsAreEnforced() throws IOException {
        Path out = write(sample(), "limited");
        ReadContext ctx = ReadContext.of("limited").withLimits(tinyLimits());
        assertThrows(LimitExceededException.class, () -> Datasets.read(provider(), out, ctx));
    }

    @Test
    void closeIsIdempotentAndAbandonsUnfinishedOutput() throws IOException {
        Path in = write(sample(), "closing");
        AnnotationSource src = provider().open(in, ReadContext.of("closing"));
        src.next();
        src.close();
        src.close();

        Path out = tmp.resolve("unfinished");
        ExportWriter w = Datasets.writer(provider(), out, WriteContext.of("unfinished"));
        w.begin(sample().header());
        for (Item i : sample().items()) {
            w.write(i);
        }
        w.close();
        w.close();
    }

    @Test
    void failedConversionLeavesNoOutputBehind() throws IOException {
        Path in = write(sample(), "bad-input");
        byte[] junk = new byte[512];
        new Random(7).nextBytes(junk);
        Files.write(mainFile(in), junk);
        Path dir = Files.createDirectories(tmp.resolve("target-dir"));
        Path out = dir.resolve("result");
        assertThrows(LabelportException.class,
                () -> Labelport.create().conversion(in, out).from(formatId()).to(formatId()).run());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "a failed conversion must leave nothing in the output folder");
        }
    }

    @Test
    void strictModeRefusesNothingOnASameFormatConversion() throws IOException {
        Path in = write(sample(), "strict-in");
        Path out = tmp.resolve("strict-out");
        try {
            Labelport.create().conversion(in, out).from(formatId()).to(formatId())
                    .options(ConversionOptions.builder().strict(true).build()).run();
        } catch (LabelportException e) {
            fail("same-format conversion must be lossless: " + e.getMessage());
        }
        assertTrue(Files.exists(out));
    }
}
