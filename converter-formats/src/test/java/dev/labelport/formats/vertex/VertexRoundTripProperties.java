package dev.labelport.formats.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Round trips: arbitrary Unicode texts with spans through Vertex JSON Lines in every offset
 * unit; CoNLL to Vertex to CoNLL; COCO to Vertex to COCO within the normalisation tolerance.
 */
class VertexRoundTripProperties {
    private static final List<String> LABELS = List.of("DRUG", "PER", "年", "a b", "Ünï");
    private static final List<String> SPLITS = List.of("train", "val", "test");

    /** Code points that stress offsets: ASCII, CJK, emoji, flag halves, combining marks, ZWJ, CR and LF. */
    static Arbitrary<String> texts(int minLength) {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(' ', '~')),
                Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                Tuple.of(2, Arbitraries.integers().between(0x1F600, 0x1F64F)),
                Tuple.of(1, Arbitraries.integers().between(0x1F1E6, 0x1F1FF)),
                Tuple.of(1, Arbitraries.integers().between(0x300, 0x36F)),
                Tuple.of(1, Arbitraries.of(0x200D, 0x0D, 0x0A, 0x09, 0xFEFF, 0xE9, 0x10FFFD)),
                Tuple.of(1, Arbitraries.integers().between(0x80, 0x10FFFF)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)));
        return cp.list().ofMinSize(minLength).ofMaxSize(40).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    record Doc(String text, List<int[]> spans, int split) {
    }

    @Provide
    Arbitrary<List<Doc>> docs() {
        Arbitrary<int[]> span = Combinators.combine(Arbitraries.integers().between(0, 45), Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(0, LABELS.size() - 1)).as((s, l, t) -> new int[] {s, l, t});
        return Combinators.combine(texts(1), span.list().ofMaxSize(6), Arbitraries.integers().between(-1, SPLITS.size() - 1))
                .as(Doc::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 200)
    void textSpansSurviveEveryOffsetUnit(@ForAll("docs") List<Doc> docs, @ForAll OffsetUnit unit, @ForAll boolean inclusive)
            throws IOException {
        FormatProvider vertex = FormatRegistry.discover().require("vertex");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            items.add(item(i + 1, docs.get(i), inclusive));
        }
        Map<String, String> options = Map.of("offset-unit", unit.id(), "end-offset", inclusive ? "inclusive" : "exclusive");
        Path file = Files.createTempFile("vertex-prop", ".jsonl");
        try {
            Reporter reporter = new Reporter(false);
            Datasets.write(vertex, file, new Dataset(DatasetHeader.of(List.of()), items),
                    new WriteContext("prop.jsonl", FormatOptions.of(options), reporter, null));
            assertEquals(0, reporter.build("vertex", "vertex").losses().size(), () -> reporter.build("vertex", "vertex").toJson());
            Dataset back = Datasets.read(vertex, file, ReadContext.of("prop.jsonl").withOptions(FormatOptions.of(options)));
            assertEquals(items, back.items(), () -> unit + " " + read(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Item item(long line, Doc d, boolean inclusive) {
        TextContent text = TextContent.of(d.text());
        int n = text.length();
        List<Annotation> annotations = new ArrayList<>();
        for (int[] s : d.spans()) {
            int start = Math.min(s[0], n);
            int end = Math.min(start + s[1], n);
            if (inclusive && end == start) {
                continue;
            }
            String name = LABELS.get(s[2]);
            annotations.add(Annotation.builder(new TextSpan(start, end, text.slice(start, end)))
                    .category(Category.of(Id.of(name), name)).build());
        }
        String split = d.split() < 0 ? null : SPLITS.get(d.split());
        return Item.text(Id.of(line), text).split(split).annotations(annotations)
                .extensions(split == null ? JsonObject.EMPTY : VertexSamples.ext("mlUse", MlUse.fromSplit(split))).build();
    }

    // ---------------------------------------------------------------- CoNLL -> Vertex -> CoNLL

    /** Tokens without whitespace: letters, CJK, emoji, combining marks. */
    static Arbitrary<String> tokens() {
        return texts(1).map(t -> t.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                        && c != 0xFEFF && c != 0x200D && c != 0x85 && !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
                .filter(t -> !t.isEmpty() && !t.startsWith("-DOCSTART-") && t.codePointCount(0, t.length()) <= 6);
    }

    record Sentence(List<String> tokens, List<int[]> chunks) {
    }

    @Provide
    Arbitrary<List<Sentence>> sentences() {
        Arbitrary<int[]> chunk = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2)).as((g, l, t) -> new int[] {g, l, t});
        return Combinators.combine(tokens().list().ofMinSize(1).ofMaxSize(10), chunk.list().ofMaxSize(4))
                .as(Sentence::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 100)
    void conllThroughVertexGivesBackTheSameTaggedTokens(@ForAll("sentences") List<Sentence> sentences) throws IOException {
        FormatProvider conll = FormatRegistry.discover().require("conll");
        List<String> types = List.of("PER", "LOC", "ORG");
        List<Item> items = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            TextContent text = TextContent.fromTokens(sentence.tokens(), null);
            List<Annotation> spans = new ArrayList<>();
            int pos = 0;
            for (int[] c : sentence.chunks()) {
                int first = pos + c[0];
                int end = first + c[1];
                if (end > sentence.tokens().size()) {
                    break;
                }
                List<Token> toks = text.tokens();
                int from = toks.get(first).start();
                int to = toks.get(end - 1).end();
                spans.add(Annotation.builder(new TextSpan(from, to, text.slice(from, to)))
                        .category(Category.of(Id.of(types.get(c[2])), types.get(c[2]))).build());
                pos = end + 1; // keep chunks apart: adjacent same-type chunks are a CoNLL matter, not ours
            }
            items.add(Item.text(Id.of(s + 1), text).annotations(spans).build());
        }
        Path dir = Files.createTempDirectory("vertex-conll");
        try {
            Path original = dir.resolve("original.conll");
            Datasets.write(conll, original, new Dataset(DatasetHeader.of(List.of()), items));
            Path vertex = dir.resolve("via.jsonl");
            Labelport.create().conversion(original, vertex).from("conll").to("vertex").run();
            Path back = dir.resolve("back.conll");
            Labelport.create().conversion(vertex, back).from("vertex").to("conll").run();
            assertEquals(tagged(Datasets.read(conll, original)), tagged(Datasets.read(conll, back)), () -> read(vertex));
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    /** Each item's text and its spans as (start, end, label). */
    private static List<String> tagged(Dataset d) {
        List<String> out = new ArrayList<>();
        for (Item i : d.items()) {
            StringBuilder sb = new StringBuilder(i.text().text());
            for (Annotation a : i.annotations()) {
                TextSpan s = (TextSpan) a.geometry();
                sb.append(" | ").append(s.start()).append('-').append(s.end()).append(' ').append(a.category().name());
            }
            out.add(sb.toString());
        }
        return out;
    }

    // ---------------------------------------------------------------- COCO -> Vertex -> COCO

    record Picture(int width, int height, List<double[]> boxes) {
    }

    @Provide
    Arbitrary<List<Picture>> pictures() {
        Arbitrary<double[]> box = Combinators.combine(Arbitraries.doubles().between(0, 0.9), Arbitraries.doubles().between(0, 0.9),
                Arbitraries.doubles().between(0, 0.1), Arbitraries.doubles().between(0, 0.1), Arbitraries.integers().between(0, 2))
                .as((x, y, w, h, c) -> new double[] {x, y, w, h, c});
        return Combinators.combine(Arbitraries.integers().between(1, 5000), Arbitraries.integers().between(1, 5000),
                box.list().ofMaxSize(5)).as(Picture::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 100)
    void cocoThroughVertexKeepsBoxesWithinTolerance(@ForAll("pictures") List<Picture> pictures) throws IOException {
        FormatProvider coco = FormatRegistry.discover().require("coco");
        List<String> names = List.of("cat", "dog", "年");
        Map<String, ImageSize> sizes = new HashMap<>();
        List<Item> items = new ArrayList<>();
        long annotationId = 1;
        for (int p = 0; p < pictures.size(); p++) {
            Picture pic = pictures.get(p);
            String file = "img" + p + ".jpg";
            sizes.put(file, new ImageSize(pic.width(), pic.height()));
            List<Annotation> anns = new ArrayList<>();
            for (double[] b : pic.boxes()) {
                int c = (int) b[4];
                anns.add(Annotation.builder(new Box(b[0] * pic.width(), b[1] * pic.height(), b[2] * pic.width(), b[3] * pic.height()))
                        .id(Id.of(annotationId++)).category(Category.of(Id.of(c + 1), names.get(c))).build());
            }
            items.add(Item.image(Id.of(p + 1)).fileName(file).size(pic.width(), pic.height()).annotations(anns).build());
        }
        Path dir = Files.createTempDirectory("vertex-coco");
        try {
            Path original = dir.resolve("original.json");
            Datasets.write(coco, original, new Dataset(DatasetHeader.of(List.of()), items));
            Path vertex = dir.resolve("via.jsonl");
            Labelport.create().conversion(original, vertex).from("coco").to("vertex").run();
            Path back = dir.resolve("back.json");
            Labelport.create().conversion(vertex, back).from("vertex").to("coco")
                    .options(ConversionOptions.builder().imageSizes(i -> sizes.get(i.fileName())).build()).run();
            Dataset result = Datasets.read(coco, back);
            assertEquals(items.size(), result.items().size());
            for (int i = 0; i < items.size(); i++) {
                Item want = items.get(i);
                Item got = result.items().get(i);
                assertEquals(want.fileName(), got.fileName());
                if (!want.annotations().isEmpty()) { // the pipeline asks sizes only for items with geometry
                    assertEquals(want.width(), got.width());
                    assertEquals(want.height(), got.height());
                }
                assertEquals(want.annotations().size(), got.annotations().size());
                for (int k = 0; k < want.annotations().size(); k++) {
                    Box w = (Box) want.annotations().get(k).geometry();
                    Box g = (Box) got.annotations().get(k).geometry();
                    assertEquals(want.annotations().get(k).category().name(), got.annotations().get(k).category().name());
                    double tolerance = 1e-9 * Math.max(want.width(), want.height());
                    assertTrue(Math.abs(w.x() - g.x()) <= tolerance && Math.abs(w.y() - g.y()) <= tolerance
                            && Math.abs(w.width() - g.width()) <= tolerance && Math.abs(w.height() - g.height()) <= tolerance,
                            () -> w + " came back as " + g);
                }
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }
}
