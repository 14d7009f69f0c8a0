package dev.labelport.formats.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextSpan;
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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every HF set in the shared external test data, read in place; counts checked by hand. */
@ExternalSamples
class HfCsvExternalDataTest {
    @TempDir
    Path tmp;

    private final FormatProvider hf = FormatRegistry.discover().require("hf-csv");

    /**
     * #30, transformers' run_ner sample: 10 JSON lines, {@code words}/{@code ner} with string
     * IOB2 tags; 195 tokens, 25 entities (LOC 15, PER 7, ORG 3), a token that is a lone quote.
     */
    @Test
    void runNerJsonLines() throws IOException {
        Path file = ExternalData.resolve("hf/transformers-conll-sample/sample.json");
        Reporter reporter = new Reporter(false);
        Dataset d = Datasets.read(hf, file, new ReadContext("sample.json", FormatOptions.EMPTY,
                dev.labelport.Limits.DEFAULTS, dev.labelport.ErrorPolicy.FAIL, reporter, null));
        assertEquals(10, d.items().size());
        assertEquals("token-classification", d.header().extension("hf-csv").string("task"));
        assertEquals("jsonl", d.header().extension("hf-csv").string("flavour"));
        assertEquals("words", d.header().extension("hf-csv").string("textColumn"));
        assertEquals("ner", d.header().extension("hf-csv").string("labelColumn"));
        assertEquals(195, d.items().stream().mapToInt(i -> i.text().tokens().size()).sum());
        Map<String, Integer> types = new TreeMap<>();
        d.items().forEach(i -> i.annotations().forEach(a -> types.merge(a.category().name(), 1, Integer::sum)));
        assertEquals(Map.of("LOC", 15, "ORG", 3, "PER", 7), types);
        Item second = d.items().get(1);
        assertEquals("CHICAGO AT ATLANTA", second.text().text());
        assertEquals(List.of(new TextSpan(0, 7, "CHICAGO"), new TextSpan(11, 18, "ATLANTA")),
                second.annotations().stream().map(Annotation::geometry).toList());
        assertEquals(Id.of(2), second.id());
        assertEquals(null, second.split());
        assertTrue(d.items().get(4).text().tokens().stream().anyMatch(t -> t.text().equals("\"")));
        assertEquals(1, reporter.build("hf-csv", null).lossCount(LossCode.TEXT_RECONSTRUCTED.code()));

        Path out = tmp.resolve("out");
        Datasets.write(hf, out, d);
        assertEquals(List.of("train.json"), HfCsvFormatTest.files(out));
        assertTrue(Files.readString(out.resolve("train.json")).startsWith("{\"words\":[\"He\",\"was\""));
        List<Item> back = Datasets.read(hf, out).items();
        assertEquals(d.items().stream().map(i -> i.toBuilder().split("train").build()).toList(), back);
    }

    /**
     * #31, transformers' MRPC dev.csv: 6 rows {@code label,sentence1,sentence2}, label names
     * (3 equivalent, 3 not_equivalent); sentence1 is the text, sentence2 stays as an extra column;
     * a field starting with {@code """}. Written back, the CSV is byte for byte the same.
     */
    @Test
    void mrpcSentencePairs() throws IOException {
        Path file = ExternalData.resolve("hf/transformers-mrpc-csv/dev.csv");
        Dataset d = Datasets.read(hf, file);
        assertEquals(6, d.items().size());
        assertEquals("text-classification", d.header().extension("hf-csv").string("task"));
        assertEquals("sentence1", d.header().extension("hf-csv").string("textColumn"));
        assertEquals(List.of("equivalent", "not_equivalent", "not_equivalent", "equivalent", "not_equivalent", "equivalent"),
                d.items().stream().map(i -> i.annotations().get(0).category().name()).toList());
        assertEquals(Category.of(Id.of("equivalent"), "equivalent"), d.items().get(0).annotations().get(0).category());
        Item first = d.items().get(0);
        assertTrue(first.text().text().startsWith("He said the foodservice pie business doesn 't fit"));
        assertEquals("\" The foodservice pie business does not fit our long-term growth strategy .",
                first.metadata().string("sentence2"));

        Path out = tmp.resolve("out");
        Datasets.write(hf, out, d);
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
    }

    /**
     * #40, doccano's text-classification exports: the same 3 texts as CSV ({@code text,label},
     * names), as JSON Lines and as a JSON array (label lists: multi-label, one label each).
     */
    @Test
    void doccanoTextClassification() {
        List<String> labels = List.of("negative", "positive", "positive");
        for (String name : List.of("example.csv", "example.jsonl", "example.json")) {
            Path file = ExternalData.resolve("jsonl-text/doccano-export-examples/text_classification/" + name);
            Dataset d = Datasets.read(hf, file);
            assertEquals(3, d.items().size(), name);
            assertEquals("Terrible customer service.", d.items().get(0).text().text(), name);
            assertEquals(labels, d.items().stream().map(i -> i.annotations().get(0).category().name()).toList(), name);
            assertEquals(!name.endsWith(".csv"), d.header().extension("hf-csv").has("multiLabel"), name);
        }
    }

    /**
     * A lone HF file is detected by its columns (CSV header or first JSON object); a plain
     * {@code text,label} CSV (doccano's) is left to the formats that claim it more strongly.
     */
    @Test
    void singleFilesAreDetected() {
        for (String f : List.of("hf/transformers-conll-sample/sample.json", "hf/transformers-mrpc-csv/dev.csv")) {
            assertEquals("hf-csv", dev.labelport.Labelport.create().detect(ExternalData.resolve(f)).descriptor().id(), f);
        }
    }
}
