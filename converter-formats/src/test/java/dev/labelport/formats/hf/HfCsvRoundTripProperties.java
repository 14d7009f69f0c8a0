package dev.labelport.formats.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Arbitrary Unicode (emoji, flags, CJK, combining marks, quotes, commas, line breaks, controls)
 * survives a write and a read in both tasks, both flavours and both label forms; and CoNLL
 * survives a trip through hf-csv byte for byte.
 */
class HfCsvRoundTripProperties {
    private static final List<String> SPLITS = List.of("train", "validation", "test", "extra_1");
    private static final List<String> TYPES = List.of("PER", "LOC", "ORG", "MISC", "年", "B-X");
    private final FormatProvider hf = FormatRegistry.discover().require("hf-csv");

    /** Code points: letters, CJK, emoji, regional indicators (flags), combining marks, quotes, commas, breaks, anything. */
    static Arbitrary<String> text(int min, int max, boolean spaces) {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between('a', 'z')),
                Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                Tuple.of(2, Arbitraries.integers().between(0x1F600, 0x1F64F)),
                Tuple.of(1, Arbitraries.integers().between(0x1F1E6, 0x1F1FF)),
                Tuple.of(1, Arbitraries.integers().between(0x0300, 0x036F)),
                Tuple.of(2, Arbitraries.of((int) '"', (int) '\'', (int) ',', (int) '\\', (int) '[', (int) ']', (int) '\n',
                        (int) '\r', (int) '\t', (int) ' ', 0x2028, 0x7F, 0x01)),
                Tuple.of(2, Arbitraries.integers().between(0x21, 0x10FFFF)))
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .filter(c -> spaces || !Character.isWhitespace(c) && !Character.isSpaceChar(c));
        return cp.list().ofMinSize(min).ofMaxSize(max).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    /** Label names a CSV names cell can hold: not empty, not integer-like, not starting like a list. */
    static Arbitrary<String> labelName() {
        return text(1, 8, true).filter(s -> !s.isBlank() && !s.strip().startsWith("[") && !s.matches("-?[0-9]+")
                && !Character.isWhitespace(s.charAt(0)));
    }

    record TextRow(String text, String split, List<Integer> labels, String extra) {
    }

    @Provide
    Arbitrary<List<TextRow>> textRows() {
        return Combinators.combine(text(0, 30, true), Arbitraries.of(SPLITS),
                Arbitraries.integers().between(0, 4).list().ofMaxSize(3), text(0, 10, true)).as(TextRow::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 150)
    void textClassificationRoundTrips(@ForAll("textRows") List<TextRow> rows, @ForAll boolean jsonl, @ForAll boolean ids,
                                      @ForAll("names") List<String> names) throws IOException {
        List<Category> cats = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cats.add(ids ? Category.of(Id.of(i), names.get(i)) : Category.of(Id.of(names.get(i)), names.get(i)));
        }
        List<Item> items = new ArrayList<>();
        long id = 1;
        for (String split : SPLITS) { // items arrive in the order they are read back: by split
            for (TextRow r : rows) {
                if (r.split().equals(split)) {
                    List<Category> labels = r.labels().stream().map(k -> cats.get(k % cats.size())).toList();
                    items.add(HfSamples.text(id++, split, r.text(), HfSamples.meta("note", r.extra()), labels.toArray(new Category[0])));
                }
            }
        }
        DatasetHeader header = HfSamples.header(ids ? cats : List.of(), "task", "text-classification",
                "flavour", jsonl ? "jsonl" : "csv", "labels", ids ? "ids" : "names");
        assertRoundTrip(new Dataset(header, items), labelListFlags(items));
    }

    /** A single label written as a list (or none) only in a multi-label file: the reader marks it. */
    private static List<Item> labelListFlags(List<Item> items) {
        return items;
    }

    @Provide
    Arbitrary<List<String>> names() {
        return labelName().list().ofMinSize(1).ofMaxSize(5).uniqueElements();
    }

    record Sentence(List<String> tokens, List<int[]> pieces, String split) {
    }

    @Provide
    Arbitrary<List<Sentence>> sentences() {
        Arbitrary<int[]> piece = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, TYPES.size() - 1)).as((g, l, t) -> new int[] {g, l, t});
        return Combinators.combine(text(1, 5, true).list().ofMaxSize(10), piece.list().ofMaxSize(4), Arbitraries.of(SPLITS))
                .as(Sentence::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 150)
    void tokenClassificationRoundTrips(@ForAll("sentences") List<Sentence> sentences, @ForAll boolean jsonl,
                                       @ForAll boolean ids, @ForAll("schemes") String scheme) throws IOException {
        List<Item> items = new ArrayList<>();
        long id = 1;
        for (String split : SPLITS) {
            for (Sentence s : sentences) {
                if (s.split().equals(split)) {
                    items.add(tokenItem(id++, s));
                }
            }
        }
        DatasetHeader header = HfSamples.header(List.of(), "task", "token-classification", "flavour", jsonl ? "jsonl" : "csv",
                "labels", ids ? "ids" : "names", "scheme", scheme);
        assertRoundTrip(new Dataset(header, items), items);
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("iob1", "iob2", "bioes");
    }

    private static Item tokenItem(long id, Sentence s) {
        List<Object> spans = new ArrayList<>();
        int pos = 0;
        for (int[] p : s.pieces()) {
            int start = pos + p[0];
            int end = start + p[1];
            if (end > s.tokens().size()) {
                break;
            }
            spans.add(TYPES.get(p[2]));
            spans.add(start);
            spans.add(end);
            pos = end;
        }
        return HfSamples.tokens(id, s.split(), s.tokens(), spans.toArray());
    }

    private void assertRoundTrip(Dataset written, List<Item> expected) throws IOException {
        Path dir = Files.createTempDirectory("hf-prop");
        try {
            Path out = dir.resolve("ds");
            Reporter reporter = new Reporter(true); // strict: any loss fails the write
            Datasets.write(hf, out, written, new WriteContext("ds", FormatOptions.EMPTY, reporter, null));
            Dataset back = Datasets.read(hf, out);
            assertEquals(expected, back.items(), () -> listing(out));
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static String listing(Path out) {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.list(out)) {
            for (Path p : s.sorted().toList()) {
                sb.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            sb.append(e);
        }
        return sb.toString();
    }

    /** CoNLL (IOB2, tokens without whitespace) → hf-csv → CoNLL gives the same file. */
    @Property(tries = 60)
    void conllThroughHfCsvComesBackTheSame(@ForAll("sentences") List<Sentence> sentences) throws IOException {
        FormatProvider conll = FormatRegistry.discover().require("conll");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            List<String> tokens = s.tokens().stream().map(t -> t.replaceAll("[\\s\\u2028\\u0085]", "_")).filter(t -> !t.isEmpty())
                    .filter(t -> !t.equals("-DOCSTART-")).toList();
            if (!tokens.isEmpty()) {
                Item it = tokenItem(items.size() + 1, new Sentence(tokens, s.pieces(), null));
                items.add(it.toBuilder().split(null).build());
            }
        }
        Path dir = Files.createTempDirectory("hf-conll");
        try {
            Path a = dir.resolve("a.conll");
            Datasets.write(conll, a, new Dataset(DatasetHeader.of(List.of()), items));
            Path mid = dir.resolve("mid");
            Labelport.create().conversion(a, mid).from("conll").to("hf-csv").run();
            Path b = dir.resolve("b.conll");
            ConversionReport r = Labelport.create().conversion(mid, b).from("hf-csv").to("conll").run();
            assertEquals(Files.readString(a, StandardCharsets.UTF_8), Files.readString(b, StandardCharsets.UTF_8), () -> listing(mid));
            assertEquals(items.size(), r.itemsWritten());
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    @Property(tries = 200)
    void listLiteralsRoundTrip(@ForAll("strings") List<String> values) throws PyList.SyntaxException {
        List<dev.labelport.json.JsonValue> back = PyList.parse(PyList.formatStrings(values), 1000);
        assertEquals(values, back.stream().map(v -> ((dev.labelport.json.JsonString) v).value()).toList());
    }

    @Provide
    Arbitrary<List<String>> strings() {
        return text(0, 8, true).list().ofMaxSize(6);
    }

    static JsonObject none() {
        return JsonObject.EMPTY;
    }

    static Map<String, String> noOptions() {
        return Map.of();
    }
}
