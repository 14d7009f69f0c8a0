package dev.labelport.formats.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.FormatRegistry;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllWriterTest {
    @TempDir
    Path tmp;

    private final FormatProvider conll = FormatRegistry.discover().require("conll");
    private final Reporter reporter = new Reporter(false);

    private String write(List<Item> items, String... options) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String o : options) {
            m.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
        Path out = tmp.resolve("out.conll");
        Datasets.write(conll, out, new Dataset(DatasetHeader.of(List.of()), items),
                new WriteContext("out.conll", FormatOptions.of(m), reporter, null));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Annotation span(String type, int start, int end, String text) {
        return Annotation.builder(new TextSpan(start, end, text)).category(Category.of(Id.of(type), type)).build();
    }

    private static Item text(long id, String text, Annotation... anns) {
        return Item.text(Id.of(id), TextContent.of(text)).annotations(List.of(anns)).build();
    }

    @Test
    void plainTextIsTokenizedAtWhitespaceAndSpansAreWidened() throws IOException {
        // "Angela Merkel visited Paris, France." with "Merk" cutting a token and "Paris" inside "Paris,"
        Item item = text(1, "Angela Merkel visited\nParis, France.",
                span("PER", 0, 11, "Angela Merk"), span("LOC", 22, 27, "Paris"), span("LOC", 29, 35, "France"));
        String out = write(List.of(item));
        assertEquals("Angela B-PER\nMerkel I-PER\nvisited O\nParis, B-LOC\nFrance. B-LOC\n\n", out);
        assertEquals(3, reporter.lossCount("SPAN_NOT_ON_TOKENS"));
        assertEquals(1, reporter.lossCount("DROPPED_FIELD")); // the line break of the text
        assertEquals(1, reporter.build(null, "conll").itemsWritten());
        assertEquals(3, reporter.build(null, "conll").annotationsWritten());
    }

    @Test
    void overlapsKeepTheEarliestThenLongestSpan() throws IOException {
        Item item = text(1, "New York City Hall",
                span("LOC", 0, 8, "New York"), span("FAC", 0, 18, "New York City Hall"), span("ORG", 9, 13, "City"));
        assertEquals("New B-FAC\nYork I-FAC\nCity I-FAC\nHall I-FAC\n\n", write(List.of(item)));
        assertEquals(2, reporter.lossCount("OVERLAPPING_SPANS"));
    }

    @Test
    void otherGeometryAndSpanlessThingsAreDropped() throws IOException {
        Item item = text(1, "a b",
                Annotation.builder(new Box(0, 0, 1, 1)).category(Category.of(Id.of("X"), "X")).build(),
                Annotation.builder(new TextSpan(0, 1, "a")).build(),
                span("X", 1, 2, " "));
        assertEquals("a O\nb O\n\n", write(List.of(item)));
        assertEquals(3, reporter.lossCount("DROPPED_GEOMETRY"));
    }

    @Test
    void whitespaceInTokensAndCategoriesBecomesUnderscoreInSpaceFiles() throws IOException {
        Item item = Item.text(Id.of(1), TextContent.fromTokens(List.of("New York", "rocks"), null))
                .annotations(List.of(span("big city", 0, 8, "New York"))).build();
        assertEquals("New_York B-big_city\nrocks O\n\n", write(List.of(item)));
        assertEquals(2, reporter.lossCount("REPLACED_WHITESPACE"));
        assertEquals("New York\tB-big_city\nrocks\tO\n\n", write(List.of(item), "separator=tab"));
    }

    @Test
    void ioAndBareReportAdjacentSpansTheyMerge() throws IOException {
        Item item = Item.text(Id.of(1), TextContent.fromTokens(List.of("Tokyo", "Osaka"), null))
                .annotations(List.of(span("LOC", 0, 5, "Tokyo"), span("LOC", 6, 11, "Osaka"))).build();
        assertEquals("Tokyo I-LOC\nOsaka I-LOC\n\n", write(List.of(item), "scheme=io"));
        assertEquals(1, reporter.lossCount("MERGED_SPANS"));
        assertEquals("Tokyo I-LOC\nOsaka B-LOC\n\n", write(List.of(item), "scheme=iob1"));
        assertEquals("Tokyo S-LOC\nOsaka S-LOC\n\n", write(List.of(item), "scheme=bioes"));
        assertEquals("Tokyo LOC\nOsaka LOC\n\n", write(List.of(item), "scheme=bare"));
        assertEquals(2, reporter.lossCount("MERGED_SPANS"));
    }

    @Test
    void fieldsWithoutAPlaceAreReported() throws IOException {
        Item item = Item.text(Id.of("doc-7"), TextContent.fromTokens(List.of("Hi"), null)).split("train")
                .extensions(JsonObject.builder().put("comprehend", JsonObject.builder().put("x", "y").build()).build())
                .annotations(List.of(Annotation.builder(new TextSpan(0, 2, "Hi")).id(Id.of(3)).score(0.5)
                        .category(Category.of(Id.of(1), "GREET")).build()))
                .build();
        assertEquals("Hi B-GREET\n\n", write(List.of(item)));
        assertEquals(1, reporter.lossCount("REINDEXED"));
        assertEquals(2, reporter.lossCount("DROPPED_FIELD")); // item: split, extension; annotation: id, score, category id
    }

    @Test
    void itemsWithoutTokensAreDroppedAndNotCounted() throws IOException {
        assertEquals("a O\n\n", write(List.of(text(1, "   "), text(2, "a"))));
        assertEquals(1, reporter.lossCount("DROPPED_ITEM"));
        assertEquals(1, reporter.lossCount("REINDEXED")); // item 2 became sentence 1
        assertEquals(1, reporter.build(null, "conll").itemsWritten());
    }

    @Test
    void aDifferentNumberOfExtraColumnsIsPaddedOrCut() throws IOException {
        Item item = Item.text(Id.of(1), TextContent.fromTokens(List.of("a", "b", "c"),
                List.of(List.of("X", "Y"), List.of("Z"), List.of("1", "2", "3")))).build();
        assertEquals("a X Y O\nb Z _ O\nc 1 2 O\n\n", write(List.of(item)));
        assertEquals(1, reporter.lossCount("SYNTHESISED"));
        assertEquals(1, reporter.lossCount("DROPPED_FIELD"));
    }

    @Test
    void whitespaceTokenizerCountsCodePoints() {
        List<dev.labelport.model.Token> t = TokenSpans.whitespaceTokens(" 😀a\u3000京都\n\tb ");
        assertEquals(List.of("😀a", "京都", "b"), t.stream().map(dev.labelport.model.Token::text).toList());
        assertEquals(List.of(1, 4, 8), t.stream().map(dev.labelport.model.Token::start).toList());
        assertEquals(List.of(3, 6, 9), t.stream().map(dev.labelport.model.Token::end).toList());
    }

    /** The conversion's tokenizer decides what a span format's text becomes: with punctuation split off, "Bob" stays exact. */
    @Test
    void theTokenizerIsTheConversions() throws IOException {
        Category per = Category.of(Id.of("PER"), "PER");
        TextContent text = TextContent.of("Hi Bob, bye.");
        Item item = Item.text(Id.of(1), text).annotations(List.of(
                Annotation.builder(new TextSpan(3, 6, "Bob")).category(per).build())).build();
        Dataset d = new Dataset(DatasetHeader.of(List.of(per)), List.of(item));
        FormatProvider conll = FormatRegistry.discover().require("conll");

        Reporter whitespace = new Reporter(false);
        Path a = tmp.resolve("whitespace.conll");
        Datasets.write(conll, a, d, new WriteContext("whitespace.conll", FormatOptions.EMPTY, whitespace, null));
        assertEquals("Hi\tO\nBob,\tB-PER\nbye.\tO\n\n", Files.readString(a, StandardCharsets.UTF_8).replace(" ", "\t"));
        assertEquals(1, whitespace.build("x", "conll").lossCount("SPAN_NOT_ON_TOKENS"));

        Reporter punctuation = new Reporter(false);
        Path b = tmp.resolve("punctuation.conll");
        Datasets.write(conll, b, d, new WriteContext("punctuation.conll", FormatOptions.EMPTY, punctuation, null,
                dev.labelport.spi.Tokenizer.punctuation()));
        assertEquals("Hi\tO\nBob\tB-PER\n,\tO\nbye\tO\n.\tO\n\n", Files.readString(b, StandardCharsets.UTF_8).replace(" ", "\t"));
        assertEquals(0, punctuation.build("x", "conll").lossCount("SPAN_NOT_ON_TOKENS"));
    }
}
