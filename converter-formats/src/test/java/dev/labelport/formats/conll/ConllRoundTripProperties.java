package dev.labelport.formats.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.FormatRegistry;
import dev.labelport.model.DatasetHeader;
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

/** Sentences of arbitrary Unicode tokens with token-aligned spans survive a write and a read in every scheme. */
class ConllRoundTripProperties {
    private static final List<String> TYPES = List.of("PER", "LOC", "ORG", "MISC", "ORGpart", "年");

    /** A token: 1 to 6 code points, no whitespace, mostly letters, CJK and emoji. */
    static Arbitrary<String> tokens() {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between('a', 'z')),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x1F600, 0x1F64F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x21, 0x10FFFF)))
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != 0xFEFF);
        return cp.list().ofMinSize(1).ofMaxSize(6).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        }).filter(t -> !t.equals("-DOCSTART-"));
    }

    /** One sentence: tokens, one extra column value per token, spans as (gap, length, type) pieces. */
    record Sentence(List<String> tokens, List<String> extra, List<int[]> pieces) {
    }

    @Provide
    Arbitrary<List<Sentence>> sentences() {
        Arbitrary<int[]> piece = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, TYPES.size() - 1)).as((g, l, t) -> new int[] {g, l, t});
        Arbitrary<Sentence> sentence = Combinators.combine(tokens().list().ofMinSize(1).ofMaxSize(12),
                        tokens().list().ofMinSize(12).ofMaxSize(12), piece.list().ofMaxSize(5))
                .as(Sentence::new);
        return sentence.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 100)
    void everySchemeGivesBackTokensAndSpans(@ForAll("sentences") List<Sentence> sentences, @ForAll boolean tab,
                                            @ForAll boolean extraColumn) throws IOException {
        FormatProvider conll = FormatRegistry.discover().require("conll");
        for (TagScheme scheme : TagScheme.values()) {
            boolean merges = scheme == TagScheme.IO || scheme == TagScheme.BARE;
            List<Item> written = new ArrayList<>();
            List<Item> expected = new ArrayList<>();
            for (int s = 0; s < sentences.size(); s++) {
                written.add(item(s + 1, sentences.get(s), extraColumn, false));
                expected.add(item(s + 1, sentences.get(s), extraColumn, merges));
            }
            Path file = Files.createTempFile("conll-prop", ".conll");
            try {
                WriteContext wctx = new WriteContext("prop.conll", FormatOptions.of(Map.of("scheme", scheme.id(),
                        "separator", tab ? "tab" : "space")), new Reporter(false), null);
                Datasets.write(conll, file, new Dataset(DatasetHeader.of(List.of()), written), wctx);
                Dataset back = Datasets.read(conll, file);
                assertEquals(expected, back.items(), scheme + " " + Files.readString(file));
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Item item(long id, Sentence s, boolean extraColumn, boolean mergeAdjacent) {
        ConllSamples.Sentence b = new ConllSamples().sentence(id);
        int n = s.tokens().size();
        for (int i = 0; i < n; i++) {
            if (extraColumn) {
                b.token(s.tokens().get(i), s.extra().get(i));
            } else {
                b.token(s.tokens().get(i));
            }
        }
        int pos = 0;
        int[] open = null;
        for (int[] p : s.pieces()) {
            int start = pos + p[0];
            int end = start + p[1];
            if (end > n) {
                break;
            }
            if (open != null && mergeAdjacent && open[1] == start && open[2] == p[2]) {
                open[1] = end;
            } else {
                if (open != null) {
                    b.span(TYPES.get(open[2]), open[0], open[1]);
                }
                open = new int[] {start, end, p[2]};
            }
            pos = end;
        }
        if (open != null) {
            b.span(TYPES.get(open[2]), open[0], open[1]);
        }
        return b.build();
    }
}
