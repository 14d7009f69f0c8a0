package dev.labelport.formats.comprehend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.FormatRegistry;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.model.Item;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Documents of arbitrary Unicode (emoji, flags, CJK, combining marks, quotes, commas; CR and LF
 * where the layout holds them) with arbitrary non-overlapping spans come back exactly, in every
 * layout: one document per line, one per file, the augmented manifest, and classification.
 */
class ComprehendRoundTripProperties {
    private static final List<String> TYPES = List.of("PERSON", "CITY,JP", "年", "A_B");
    private static final List<String> CLASSES = List.of("POS", "NEG", "中性", "😀");
    private final FormatProvider comprehend = FormatRegistry.discover().require("comprehend");

    static Arbitrary<String> text(boolean lineBreaks) {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between('a', 'z')),
                Tuple.of(3, Arbitraries.of((int) ' ', (int) ',', (int) '"', (int) '\t')),
                Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                Tuple.of(2, Arbitraries.integers().between(0x1F600, 0x1F64F)),
                Tuple.of(2, Arbitraries.integers().between(0x1F1E6, 0x1F1FF)),
                Tuple.of(2, Arbitraries.integers().between(0x0300, 0x036F)),
                Tuple.of(lineBreaks ? 2 : 0, Arbitraries.of((int) '\r', (int) '\n')),
                Tuple.of(1, Arbitraries.integers().between(0x01, 0x10FFFF)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                        .filter(c -> c != 0xFEFF && (lineBreaks || c != '\r' && c != '\n'))));
        return cp.list().ofMaxSize(40).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    /** A document and its spans as (gap, length, type) pieces laid out left to right. */
    record Doc(String text, List<int[]> pieces, List<Integer> labels) {
        Item item(long id, String file) {
            int n = text.codePointCount(0, text.length());
            List<Object> spans = new ArrayList<>();
            int at = 0;
            for (int[] p : pieces) {
                int start = at + p[0];
                int end = start + p[1];
                if (end > n) {
                    break;
                }
                spans.add(TYPES.get(p[2]));
                spans.add(start);
                spans.add(end);
                at = end;
            }
            return ComprehendSamples.doc(id, file, text, spans.toArray());
        }

        Item classified(long id) {
            return ComprehendSamples.classified(id, text, labels.stream().map(CLASSES::get).distinct().toArray(String[]::new));
        }
    }

    Arbitrary<List<Doc>> docs(boolean lineBreaks) {
        Arbitrary<int[]> piece = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, TYPES.size() - 1)).as((g, l, t) -> new int[] {g, l, t});
        return Combinators.combine(text(lineBreaks), piece.list().ofMaxSize(6),
                Arbitraries.integers().between(0, CLASSES.size() - 1).list().ofMaxSize(3)).as(Doc::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Doc>> oneLineDocs() {
        return docs(false);
    }

    @Provide
    Arbitrary<List<Doc>> anyDocs() {
        return docs(true);
    }

    private Dataset roundTrip(List<Item> items, Map<String, String> options) throws IOException {
        Path dir = Files.createTempDirectory("comprehend-prop");
        try {
            Path out = dir.resolve("out");
            Datasets.write(comprehend, out, new Dataset(ComprehendSamples.header(), items),
                    new WriteContext("out", FormatOptions.of(options), new Reporter(false), null));
            return Datasets.read(comprehend, out);
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    @Property(tries = 150)
    void oneDocumentPerLine(@ForAll("oneLineDocs") List<Doc> docs) throws IOException {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            items.add(docs.get(i).item(i + 1, "documents.txt"));
        }
        assertEquals(items, roundTrip(items, Map.of()).items());
    }

    @Property(tries = 150)
    void oneDocumentPerFileKeepsLineBreaks(@ForAll("anyDocs") List<Doc> docs) throws IOException {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            items.add(docs.get(i).item(i + 1, String.format("doc-%03d.txt", i)));
        }
        assertEquals(items, roundTrip(items, Map.of("document-mode", "file")).items());
    }

    @Property(tries = 150)
    void augmentedManifest(@ForAll("anyDocs") List<Doc> docs) throws IOException {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            items.add(docs.get(i).item(i + 1, null));
        }
        assertEquals(items, roundTrip(items, Map.of("flavour", "manifest")).items());
    }

    @Property(tries = 150)
    void classification(@ForAll("anyDocs") List<Doc> docs) throws IOException {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            items.add(docs.get(i).classified(i + 1));
        }
        assertEquals(items, roundTrip(items, Map.of("task", "classification")).items());
    }
}
