package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatOptions;
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

/**
 * Text spans through every text format in a chain, CoNLL → Comprehend → Vertex → Azure NER →
 * Hugging Face token classification → CoNLL: with text made of tokens joined by single spaces
 * (what a token format can give back) and spans on token boundaries, every hop must keep each
 * item's text and its spans exactly, whatever the Unicode (emoji, flags, CJK, combining marks:
 * each format counts offsets in its own unit and converts at its edge).
 */
class CrossFormatTextPropertiesTest {

    private static final List<String> CHAIN = List.of("conll", "comprehend", "vertex", "azure-automl", "hf-csv", "conll");

    @Property(tries = 60)
    void spansSurviveEveryTextFormat(@ForAll("documents") Dataset dataset) throws IOException {
        Path dir = Files.createTempDirectory("lp-text-chain");
        try {
            FormatRegistry formats = FormatRegistry.discover();
            Path current = dir.resolve("0-conll.conll");
            Datasets.write(formats.require("conll"), current, dataset);
            Labelport lp = Labelport.create();
            for (int hop = 1; hop < CHAIN.size(); hop++) {
                String from = CHAIN.get(hop - 1);
                String to = CHAIN.get(hop);
                Path next = dir.resolve(hop + "-" + to + (formats.require(to).descriptor().layout()
                        == dev.labelport.spi.FormatDescriptor.Layout.FILE ? "." + extension(to) : ""));
                ConversionReport r = lp.conversion(current, next).from(from).to(to)
                        .options(ConversionOptions.builder().writerOptions(writerOptions(to)).build()).run();
                assertEquals(dataset.annotationCount(), r.annotationsWritten(), from + " -> " + to + ": " + r.toJson());
                Dataset back = Datasets.read(formats.require(to), next);
                assertSameSpans(dataset, back, from + " -> " + to);
                current = next;
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static String extension(String format) {
        return switch (format) {
            case "conll" -> "conll";
            case "vertex", "azure-automl" -> "jsonl";
            default -> "txt";
        };
    }

    private static FormatOptions writerOptions(String format) {
        return format.equals("azure-automl") ? FormatOptions.of(Map.of("task", "ner")) : FormatOptions.EMPTY;
    }

    private static void assertSameSpans(Dataset expected, Dataset actual, String hop) {
        assertEquals(expected.items().size(), actual.items().size(), hop + ": items");
        for (int i = 0; i < expected.items().size(); i++) {
            Item a = expected.items().get(i);
            Item b = actual.items().get(i);
            assertEquals(a.text().text(), b.text().text(), hop + ": text of item " + i);
            assertEquals(spans(a), spans(b), hop + ": spans of item " + i + " '" + a.text().text() + "'");
        }
    }

    private static List<String> spans(Item item) {
        List<String> out = new ArrayList<>();
        for (Annotation a : item.annotations()) {
            TextSpan s = (TextSpan) a.geometry();
            out.add(s.start() + ":" + s.end() + ":" + a.category().name() + ":" + s.text());
        }
        return out;
    }

    @Provide
    Arbitrary<Dataset> documents() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("\uD83D\uDE00", "\uD83C\uDDEB\uD83C\uDDF7", "東京", "e\u0301t\u00E9", "ß", "Ω",
                        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "naïve", "İ", "ﬁ"));
        Arbitrary<List<String>> sentence = token.list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<List<Integer>> marks = Arbitraries.integers().between(0, 9).list().ofSize(12);
        return Combinators.combine(sentence, marks).as(CrossFormatTextPropertiesTest::item).list().ofMinSize(1).ofMaxSize(5)
                .map(items -> {
                    List<Item> numbered = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        numbered.add(items.get(i).toBuilder().id(Id.of(i + 1)).build());
                    }
                    return new Dataset(DatasetHeader.of(List.of()), numbered);
                });
    }

    private static final List<String> TYPES = List.of("PER", "LOC", "ORG", "MISC");

    /** Tokens joined by single spaces; a span starts at token k when marks[k] < 4 and runs marks[k] % 2 + 1 tokens. */
    private static Item item(List<String> tokens, List<Integer> marks) {
        TextContent text = TextContent.fromTokens(tokens, null);
        List<Annotation> anns = new ArrayList<>();
        int k = 0;
        while (k < tokens.size()) {
            int m = marks.get(k);
            if (m < 4) {
                int last = Math.min(tokens.size() - 1, k + m % 2);
                int start = text.tokens().get(k).start();
                int end = text.tokens().get(last).end();
                String type = TYPES.get(m);
                anns.add(Annotation.builder(new TextSpan(start, end, text.slice(start, end)))
                        .category(Category.of(Id.of(type), type)).build());
                k = last + 2; // leave a token between spans: IO-like schemes could merge neighbours
            } else {
                k++;
            }
        }
        return Item.text(Id.of(0), text).annotations(anns).build();
    }
}
