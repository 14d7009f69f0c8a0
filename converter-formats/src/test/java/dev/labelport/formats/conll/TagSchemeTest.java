package dev.labelport.formats.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.formats.conll.TagScheme.Chunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TagSchemeTest {

    private static List<String> tags(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    private static Chunk c(String type, int start, int end) {
        return new Chunk(type, start, end);
    }

    @Test
    void iob1StartsChunksWithIAndSeparatesAdjacentOnesWithB() {
        assertEquals(List.of(c("LOC", 0, 1), c("LOC", 1, 3), c("PER", 4, 5)),
                TagScheme.IOB1.decode(tags("I-LOC B-LOC I-LOC O I-PER")));
        assertEquals(tags("I-LOC B-LOC I-LOC O I-PER"),
                TagScheme.IOB1.encode(List.of(c("LOC", 0, 1), c("LOC", 1, 3), c("PER", 4, 5)), 5));
    }

    @Test
    void iob1AcceptsBAfterAnotherType() {
        // seqeval's prediction column: B-VP right after I-NP
        assertEquals(List.of(c("NP", 0, 2), c("VP", 2, 3)), TagScheme.IOB1.decode(tags("I-NP I-NP B-VP")));
    }

    @Test
    void iob2RejectsIAfterO() {
        InvalidTagException e = assertThrows(InvalidTagException.class, () -> TagScheme.IOB2.decode(tags("O I-PER I-PER")));
        assertEquals(1, e.index());
        assertEquals("I-PER", e.tag());
        assertTrue(e.problem().contains("does not continue"), e.problem());
    }

    @Test
    void iob2RejectsIOfAnotherType() {
        InvalidTagException e = assertThrows(InvalidTagException.class, () -> TagScheme.IOB2.decode(tags("B-PER I-LOC")));
        assertEquals(1, e.index());
    }

    @Test
    void repairStartsANewChunkLikeConlleval() {
        List<Integer> reported = new ArrayList<>();
        List<Chunk> chunks = TagScheme.IOB2.decode(tags("O I-PER I-PER B-LOC I-ORG"), TagNotation.DEFAULT,
                (i, t, p) -> reported.add(i));
        assertEquals(List.of(c("PER", 1, 3), c("LOC", 3, 4), c("ORG", 4, 5)), chunks);
        assertEquals(List.of(1, 4), reported);
    }

    @Test
    void bioesDecodesAndEncodes() {
        List<Chunk> chunks = List.of(c("PER", 0, 3), c("LOC", 3, 4), c("LOC", 5, 7));
        List<String> t = tags("B-PER I-PER E-PER S-LOC O B-LOC E-LOC");
        assertEquals(chunks, TagScheme.BIOES.decode(t));
        assertEquals(t, TagScheme.BIOES.encode(chunks, 7));
    }

    @Test
    void bilouLettersAreReadAsBioes() {
        assertEquals(List.of(c("PER", 0, 2), c("LOC", 2, 3)), TagScheme.BIOES.decode(tags("B-PER L-PER U-LOC")));
        assertEquals(tags("B-PER L-PER U-LOC"),
                TagScheme.BIOES.encode(List.of(c("PER", 0, 2), c("LOC", 2, 3)), 3, new TagNotation(false, false, true)));
    }

    @Test
    void bioesRejectsEWithoutBAndUnclosedChunks() {
        assertEquals(0, assertThrows(InvalidTagException.class, () -> TagScheme.BIOES.decode(tags("E-PER O"))).index());
        InvalidTagException open = assertThrows(InvalidTagException.class, () -> TagScheme.BIOES.decode(tags("B-PER I-PER O")));
        assertEquals(2, open.index());
        assertTrue(open.problem().contains("not closed"), open.problem());
        InvalidTagException atEnd = assertThrows(InvalidTagException.class, () -> TagScheme.BIOES.decode(tags("O B-PER")));
        assertEquals(1, atEnd.index());
    }

    @Test
    void ioMergesAdjacentChunksAndRejectsB() {
        assertEquals(List.of(c("PER", 0, 2)), TagScheme.IO.decode(tags("I-PER I-PER")));
        assertEquals(tags("I-PER I-PER"), TagScheme.IO.encode(List.of(c("PER", 0, 1), c("PER", 1, 2)), 2));
        assertThrows(InvalidTagException.class, () -> TagScheme.IO.decode(tags("B-PER")));
    }

    @Test
    void bareLabelsAreRunsOfEqualLabels() {
        assertEquals(List.of(c("YEAR", 0, 2), c("PER", 2, 3), c("B-X", 4, 5)), TagScheme.BARE.decode(tags("YEAR YEAR PER O B-X")));
        assertEquals(tags("YEAR YEAR PER O"), TagScheme.BARE.encode(List.of(c("YEAR", 0, 2), c("PER", 2, 3)), 4));
    }

    @Test
    void aBareLabelInAPrefixedSchemeIsInvalid() {
        InvalidTagException e = assertThrows(InvalidTagException.class, () -> TagScheme.IOB2.decode(tags("B-PER YEAR")));
        assertTrue(e.problem().contains("no chunk prefix"), e.problem());
    }

    @Test
    void lowerCaseAndSuffixNotations() {
        TagNotation suffix = new TagNotation(true, false, false);
        assertEquals(List.of(c("PER", 0, 2)), TagScheme.IOB2.decode(tags("PER-B PER-I O"), suffix, TagScheme.STRICT));
        assertEquals(tags("PER-B PER-I O"), TagScheme.IOB2.encode(List.of(c("PER", 0, 2)), 3, suffix));
        TagNotation lower = new TagNotation(false, true, false);
        assertEquals(List.of(c("per", 0, 2)), TagScheme.IOB2.decode(tags("b-per i-per o"), lower, TagScheme.STRICT));
        assertEquals(tags("b-per i-per o"), TagScheme.IOB2.encode(List.of(c("per", 0, 2)), 3, lower));
    }

    @Test
    void encodeRejectsOverlaps() {
        assertThrows(IllegalArgumentException.class, () -> TagScheme.IOB2.encode(List.of(c("A", 0, 2), c("B", 1, 3)), 3));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.IOB2.encode(List.of(c("A", 0, 4)), 3));
    }

    @Test
    void detectorFollowsItsRules() {
        assertEquals(TagScheme.IOB1, detect("I-PER I-PER O", "I-LOC B-LOC"));
        assertEquals(TagScheme.IOB1, detect("B-NP I-NP O I-VP"));
        assertEquals(TagScheme.IOB2, detect("B-PER I-PER O", "B-LOC"));
        assertEquals(TagScheme.BIOES, detect("B-PER E-PER O S-LOC"));
        assertEquals(TagScheme.BIOES, detect("U-PER O"));
        assertEquals(TagScheme.BARE, detect("PER PER O LOC"));
        assertEquals(TagScheme.IOB2, detect("O O", "O"));
        // I- at a sentence start is a chunk start even if the previous sentence ended in one
        assertEquals(TagScheme.IOB1, detect("B-PER I-PER", "I-PER O"));
        TagSchemeDetector d = new TagSchemeDetector();
        for (String t : tags("PER-B PER-I O loc-b")) {
            d.tag(t);
        }
        assertEquals(new TagNotation(true, false, false), d.notation());
    }

    private static TagScheme detect(String... sentences) {
        TagSchemeDetector d = new TagSchemeDetector();
        for (String s : sentences) {
            tags(s).forEach(d::tag);
            d.endSentence();
        }
        return d.scheme();
    }

    // --- properties ---

    record Case(List<Chunk> chunks, int tokens) {
    }

    @Provide
    Arbitrary<Case> chunkLists() {
        Arbitrary<String> type = Arbitraries.of("PER", "LOC", "ORG", "MISC", "B", "X-Y", "ORGpart");
        // a sentence as a list of (gap, length, type) pieces
        Arbitrary<List<int[]>> pieces = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 6))
                .as((gap, len, t) -> new int[] {gap, len, t}).list().ofMaxSize(8);
        return Combinators.combine(pieces, type.list().ofMinSize(7).ofMaxSize(7), Arbitraries.integers().between(0, 3))
                .as((ps, types, tail) -> {
                    List<Chunk> chunks = new ArrayList<>();
                    int pos = 0;
                    for (int[] p : ps) {
                        pos += p[0];
                        chunks.add(new Chunk(types.get(p[2]), pos, pos + p[1]));
                        pos += p[1];
                    }
                    return new Case(chunks, pos + tail);
                });
    }

    @Property(tries = 200)
    void decodeInvertsEncodeInBoundarySchemes(@ForAll("chunkLists") Case k) {
        for (TagScheme s : List.of(TagScheme.IOB1, TagScheme.IOB2, TagScheme.BIOES)) {
            for (TagNotation n : List.of(TagNotation.DEFAULT, new TagNotation(true, true, false), new TagNotation(false, false, true))) {
                List<String> tags = s.encode(k.chunks(), k.tokens(), n);
                assertEquals(k.tokens(), tags.size());
                assertEquals(k.chunks(), s.decode(tags, n, TagScheme.STRICT), s + " " + n + " " + tags);
            }
        }
    }

    @Property(tries = 200)
    void decodeInvertsEncodeInIoAndBareUpToMergedNeighbours(@ForAll("chunkLists") Case k) {
        List<Chunk> merged = new ArrayList<>();
        for (Chunk c : k.chunks()) {
            Chunk last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.end() == c.start() && last.type().equals(c.type())) {
                merged.set(merged.size() - 1, new Chunk(c.type(), last.start(), c.end()));
            } else {
                merged.add(c);
            }
        }
        for (TagScheme s : List.of(TagScheme.IO, TagScheme.BARE)) {
            assertEquals(merged, s.decode(s.encode(k.chunks(), k.tokens())), s.toString());
        }
    }

    @Property(tries = 200)
    void iob1DecodingNeverFailsAndIob2RepairAgreesWithIt(@ForAll("tagSequences") List<String> tags) {
        List<Chunk> iob1 = TagScheme.IOB1.decode(tags);
        List<Chunk> repaired = TagScheme.IOB2.decode(tags, TagNotation.DEFAULT, (i, t, p) -> { });
        assertEquals(iob1, repaired);
        // chunks cover each non-O token exactly once, in order
        int covered = iob1.stream().mapToInt(c -> c.end() - c.start()).sum();
        assertEquals(tags.stream().filter(t -> !t.equals("O")).count(), covered);
    }

    @Provide
    Arbitrary<List<String>> tagSequences() {
        return Arbitraries.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC").list().ofMaxSize(20);
    }
}
