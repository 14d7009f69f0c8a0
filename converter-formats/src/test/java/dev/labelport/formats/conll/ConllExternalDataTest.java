package dev.labelport.formats.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The third-party CoNLL files under {@code external-testdata/conll}, read in place. Counts were
 * taken from the files (blank-line-separated blocks, tokens, conlleval chunks of the tag column).
 * Not CoNLL and not read here: the doccano {@code .jsonl} files and the Azure {@code MLTable.yaml}.
 */
@ExternalSamples
class ConllExternalDataTest {
    @TempDir
    Path tmp;

    private final FormatProvider conll = FormatRegistry.discover().require("conll");

    static Stream<Arguments> files() {
        return Stream.of(
                // path, options, sentences, tokens, entities, documents, scheme, separator
                Arguments.of("allennlp-conll2003-fixture/conll2003.txt", "", 2, 14, 6, 2, "iob1", "tab"),
                Arguments.of("allennlp-conll2003-fixture/sequence_tagging.tsv", "", 1, 5, 1, 0, "bare", "tab"),
                // one chunk starts with I- (line 722, a name split across sentences): read as iob1
                Arguments.of("azureml-examples-automl-ner/test-mltable-folder/test.txt", "", 335, 4629, 762, 22, "iob1", "space"),
                Arguments.of("azureml-examples-automl-ner/training-mltable-folder/train.txt", "", 722, 9179, 1413, 49, "iob2", "space"),
                Arguments.of("azureml-examples-automl-ner/validation-mltable-folder/valid.txt", "", 757, 9175, 1315, 38, "iob2", "space"),
                Arguments.of("doccano-import-sequence_labeling/example.conll", "", 2, 4, 2, 0, "iob2", "tab"),
                Arguments.of("doccano-import-sequence_labeling/labeling.trailing.conll", "", 1, 12, 2, 0, "iob2", "tab"),
                Arguments.of("hf-datasets-conll2003-dummy/test.txt", "", 1, 25, 3, 0, "iob2", "space"),
                Arguments.of("hf-datasets-conll2003-dummy/train.txt", "", 1, 30, 3, 0, "iob2", "space"),
                Arguments.of("hf-datasets-conll2003-dummy/valid.txt", "", 1, 35, 4, 0, "iob2", "space"),
                Arguments.of("seqeval-conlleval-chunking/ground_truth.txt", "", 40, 961, 539, 0, "iob1", "space"),
                Arguments.of("seqeval-conlleval-chunking/ground_truth.txt", "tag-column=2", 40, 961, 459, 0, "iob2", "space"),
                Arguments.of("transformers-GermEval/dev.txt", "", 11, 192, 18, 0, "iob2", "space"));
    }

    private Dataset read(Path file, String options, Reporter reporter) {
        Map<String, String> opts = options.isEmpty() ? Map.of() : Map.of(options.split("=")[0], options.split("=")[1]);
        ReadContext ctx = new ReadContext(file.getFileName().toString(), FormatOptions.of(opts), Limits.DEFAULTS,
                ErrorPolicy.FAIL, reporter, null);
        return Datasets.read(conll, file, ctx);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("files")
    void readsWithTheCountsOfTheFile(String path, String options, int sentences, int tokens, int entities, int documents,
                                     String scheme, String separator) {
        Reporter reporter = new Reporter(false);
        Dataset d = read(ExternalData.resolve("conll/" + path), options, reporter);
        assertEquals(sentences, d.items().size());
        assertEquals(tokens, d.items().stream().mapToInt(i -> i.text().tokens().size()).sum());
        assertEquals(entities, d.annotationCount());
        assertEquals(documents, d.items().stream().filter(i -> i.extension("conll").has("docstart")).count());
        assertEquals(scheme, d.header().extension("conll").string("scheme"));
        assertEquals(separator, d.header().extension("conll").string("separator"));
        assertEquals(0, reporter.lossCount("INVALID_TAG_SEQUENCE") + reporter.lossCount("DROPPED_ITEM"));
        for (Item item : d.items()) {
            for (Annotation a : item.annotations()) {
                TextSpan s = (TextSpan) a.geometry();
                assertEquals(item.text().slice(s.start(), s.end()), s.text());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("files")
    void sameFormatRoundTripGivesTheFileBack(String path, String options) throws IOException {
        Path in = ExternalData.resolve("conll/" + path);
        Reporter reporter = new Reporter(true);
        Dataset d = read(in, options, reporter);
        Path out = tmp.resolve("out.conll");
        Datasets.write(conll, out, d, new dev.labelport.spi.WriteContext("out.conll", FormatOptions.EMPTY, reporter, null));
        String original = Files.readString(in, StandardCharsets.UTF_8);
        // the only normalisation these files need: doccano's trailing.conll ends in two blank lines
        String expected = original.replaceAll("\n\n+$", "\n\n");
        assertEquals(expected, Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(0, reporter.build("conll", "conll").losses().stream()
                .filter(e -> e.code().severity() == LossCode.Severity.LOSS).count());
    }

    @Test
    void allennlpIob1KeepsItsSpaceSeparatedDocstartInATabFile() {
        Dataset d = read(ExternalData.resolve("conll/allennlp-conll2003-fixture/conll2003.txt"), "", new Reporter(false));
        Item first = d.items().get(0);
        assertEquals("-DOCSTART- -X- -X- O", first.extension("conll").string("docstart"));
        assertEquals("U.N. official Ekeus heads for Baghdad .", first.text().text());
        assertEquals(List.of("NNP", "I-NP"), first.text().tokens().get(0).columns());
        Annotation un = first.annotations().get(0);
        assertEquals("ORG", un.category().name());
        assertEquals(new TextSpan(0, 4, "U.N."), un.geometry());
        assertEquals(2L, ((dev.labelport.json.JsonNumber) d.items().get(1).extension("conll").get("document")).longValue());
        // one Category instance per type and file
        assertTrue(first.annotations().get(1).category() == d.items().get(1).annotations().get(1).category());
    }

    @Test
    void germEvalKeepsDerivedTypesHashTokensAndUmlauts() {
        Dataset d = read(ExternalData.resolve("conll/transformers-GermEval/dev.txt"), "", new Reporter(false));
        List<String> types = d.items().stream().flatMap(i -> i.annotations().stream()).map(a -> a.category().name()).distinct().sorted().toList();
        assertEquals(List.of("LOC", "LOCderiv", "ORG", "ORGpart", "OTH", "PER"), types);
        Item third = d.items().get(2);
        assertEquals("#", third.text().tokens().get(2).text());
        assertTrue(third.text().text().startsWith("– 4:26 # Sometime Ago/La Fiesta – 23:18 Alle Stücke wurden"), third.text().text());
        Annotation sometime = third.annotations().get(0);
        assertEquals("Sometime Ago/La Fiesta", ((TextSpan) sometime.geometry()).text());
        assertEquals("OTH", sometime.category().name());
    }

    @Test
    void seqevalTagColumnOptionPicksTheGoldColumn() {
        Dataset pred = read(ExternalData.resolve("conll/seqeval-conlleval-chunking/ground_truth.txt"), "", new Reporter(false));
        Dataset gold = read(ExternalData.resolve("conll/seqeval-conlleval-chunking/ground_truth.txt"), "tag-column=2", new Reporter(false));
        Token first = gold.items().get(0).text().tokens().get(0);
        assertEquals("Rockwell", first.text());
        assertEquals(List.of("NNP", "I-NP"), first.columns()); // POS and the prediction column
        assertEquals(List.of("NNP", "B-NP"), pred.items().get(0).text().tokens().get(0).columns());
        // gold: "Rockwell International Corp." one NP; prediction (IOB1): the same chunk
        assertEquals("Rockwell International Corp.", ((TextSpan) gold.items().get(0).annotations().get(0).geometry()).text());
        assertEquals("Rockwell International Corp.", ((TextSpan) pred.items().get(0).annotations().get(0).geometry()).text());
        // the prediction column's B-VP right after I-NP is kept as written for a byte-exact write
        assertTrue(pred.items().get(0).extension("conll").has("tags"));
        assertNull(gold.items().get(0).extension("conll").get("tags"));
    }

    @Test
    void azureTestFileHasOneIob2ErrorThatOnlyStrictIob2ReadingRejects() {
        Path in = ExternalData.resolve("conll/azureml-examples-automl-ner/test-mltable-folder/test.txt");
        Reporter auto = new Reporter(false);
        read(in, "", auto);
        assertEquals(1, auto.lossCount("MIXED_CHUNK_STARTS"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(in, "scheme=iob2", new Reporter(false)));
        assertEquals(722, e.location().line());
        assertTrue(e.getMessage().contains("test.txt:722") && e.getMessage().contains("'Moscardi'")
                && e.getMessage().contains("I-PER"), e.getMessage());
    }

    @Test
    void doccanoInvalidFileFailsOnItsFirstLine() {
        Path in = ExternalData.resolve("conll/doccano-import-sequence_labeling/labeling.invalid.conll");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(conll, in));
        assertEquals("labeling.invalid.conll", e.location().source());
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("labeling.invalid.conll:1"), e.getMessage());
        assertTrue(e.getMessage().contains("found 1 column") && e.getMessage().contains("no tab")
                && e.getMessage().contains("SOCCERO SOCCERO SOCCERO"), e.getMessage());
    }

    @Test
    void doccanoInvalidFileSkipsTheBrokenSentenceUnderTheLenientPolicy() {
        Path in = ExternalData.resolve("conll/doccano-import-sequence_labeling/labeling.invalid.conll");
        Reporter reporter = new Reporter(false);
        ReadContext ctx = new ReadContext("labeling.invalid.conll", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.SKIP, reporter, null);
        Dataset d = Datasets.read(conll, in, ctx);
        assertEquals(1, reporter.lossCount("SKIPPED_RECORD"));
        assertEquals(2, d.items().size());
        assertEquals("Nadim Ladki", d.items().get(0).text().text());
        assertEquals(2L, d.items().get(0).id().asLong()); // ids stay sentence numbers of the file
    }
}
