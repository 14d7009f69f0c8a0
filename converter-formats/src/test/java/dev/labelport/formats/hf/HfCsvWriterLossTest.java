package dev.labelport.formats.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.LossCode;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a write cannot keep is reported with its code; what it keeps reads back. */
class HfCsvWriterLossTest {
    @TempDir
    Path tmp;

    private final FormatProvider hf = FormatRegistry.discover().require("hf-csv");
    private final Reporter reporter = new Reporter(false);

    private Path write(List<Item> items, Map<String, String> options) {
        Path out = tmp.resolve("out");
        Datasets.write(hf, out, new Dataset(DatasetHeader.of(List.of()), items),
                new WriteContext("out", FormatOptions.of(options), reporter, null));
        return out;
    }

    private long losses(LossCode code) {
        return reporter.build("x", "hf-csv").lossCount(code.code());
    }

    private static Annotation span(TextContent t, int start, int end, String type) {
        return Annotation.builder(new TextSpan(start, end, t.slice(start, end))).category(Category.of(Id.of(type), type)).build();
    }

    @Test
    void overlappingAndOffTokenSpansFollowConllWritersRule() throws IOException {
        TextContent t = TextContent.of("New York  City hall");
        Item item = Item.text(Id.of(1), t).annotations(List.of(span(t, 4, 14, "CITY"), span(t, 0, 8, "LOC"),
                span(t, 16, 18, "X"))).build();
        Path out = write(List.of(item), Map.of());
        assertEquals("tokens,ner_tags\n\"['New', 'York', 'City', 'hall']\",\"['B-LOC', 'I-LOC', 'O', 'B-X']\"\n",
                Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
        assertEquals(1, losses(LossCode.OVERLAPPING_SPANS));
        assertEquals(1, losses(LossCode.SPAN_NOT_ON_TOKENS));
        assertEquals(1, losses(LossCode.DROPPED_FIELD), "the double space");
    }

    @Test
    void eachTaskDropsTheOthersAnnotations() throws IOException {
        TextContent t = TextContent.of("Paris rocks");
        Category pos = Category.of(Id.of("pos"), "pos");
        Item item = Item.text(Id.of(1), t).annotations(List.of(span(t, 0, 5, "LOC"),
                Annotation.builder(Tag.INSTANCE).category(pos).build())).build();
        Path out = write(List.of(item), Map.of("task", "text-classification"));
        assertEquals("text,label\nParis rocks,pos\n", Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
        assertEquals(1, losses(LossCode.DROPPED_GEOMETRY));
    }

    @Test
    void idsThatAreNotRowPositionsAreReportedOrKeptInAnIdColumn() throws IOException {
        TextContent t = TextContent.of("x");
        List<Item> items = List.of(Item.text(Id.of("a-1"), t).build(), Item.text(Id.of("b-2"), t).build());
        write(items, Map.of());
        assertEquals(1, losses(LossCode.REINDEXED));
        Path dir = tmp.resolve("with-ids");
        Datasets.write(hf, dir, new Dataset(DatasetHeader.of(List.of()), items),
                new WriteContext("with-ids", FormatOptions.of(Map.of("id-column", "id")), new Reporter(true), null));
        assertEquals(List.of(Id.of("a-1"), Id.of("b-2")), Datasets.read(hf, dir).items().stream().map(Item::id).toList());
    }

    @Test
    void nonTextMetadataIsStringifiedInCsvAndKeptInJsonLines() throws IOException {
        Item item = Item.text(Id.of(1), TextContent.of("x")).metadata(JsonObject.builder().put("n", JsonValue.of(3)).build()).build();
        Path out = write(List.of(item), Map.of());
        assertEquals("text,label,n\nx,,3\n", Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
        assertEquals(1, losses(HfCsvFormat.STRINGIFIED));
        Path jsonl = tmp.resolve("jsonl");
        Datasets.write(hf, jsonl, new Dataset(DatasetHeader.of(List.of()), List.of(item)),
                new WriteContext("jsonl", FormatOptions.of(Map.of("flavour", "jsonl")), new Reporter(true), null));
        assertEquals(item.toBuilder().split("train").build(), Datasets.read(hf, jsonl).items().get(0));
    }

    @Test
    void imagesAreDroppedAndAnEmptyDatasetIsAnEmptyTrainFile() throws IOException {
        Path out = write(List.of(Item.image(Id.of(1)).build()), Map.of());
        assertEquals(1, losses(LossCode.DROPPED_ITEM));
        assertEquals("text,label\n", Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
        assertTrue(Datasets.read(hf, out).items().isEmpty());
    }

    @Test
    void splitsAreWrittenOneFileAtATimeIntoAZip() throws IOException {
        List<Item> items = List.of(
                HfSamples.text(1, "test", "t", JsonObject.EMPTY), HfSamples.text(2, "train", "a", JsonObject.EMPTY),
                HfSamples.text(3, "validation", "v", JsonObject.EMPTY), HfSamples.text(4, "train", "b", JsonObject.EMPTY));
        Path zip = tmp.resolve("ds.zip");
        Datasets.write(hf, zip, new Dataset(DatasetHeader.of(List.of()), items),
                new WriteContext("ds.zip", FormatOptions.EMPTY, reporter, null));
        Path out = tmp.resolve("from-zip");
        ConversionReport r = Labelport.create().conversion(zip, out).from("hf-csv").to("hf-csv").run();
        assertEquals(4, r.itemsWritten());
        List<Item> back = Datasets.read(hf, out).items();
        assertEquals(List.of("a", "b", "v", "t"), back.stream().map(i -> i.text().text()).toList(), "train, validation, test");
        assertEquals(List.of("train", "train", "validation", "test"), back.stream().map(Item::split).toList());
        assertEquals(2, losses(LossCode.REINDEXED), "train (ids 2, 4) and test (id 1) are read back with other ids");
    }

    @Test
    void splitsBeyondTheLimitGoToTrain() {
        List<Item> items = new java.util.ArrayList<>();
        for (int i = 0; i <= HfWriter.MAX_SPLITS; i++) {
            items.add(HfSamples.text(i + 1, "s" + i, "x", JsonObject.EMPTY));
        }
        Path out = write(items, Map.of());
        assertEquals(1, losses(LossCode.DROPPED_FIELD));
        assertEquals(HfWriter.MAX_SPLITS + 1, Datasets.read(hf, out).items().size());
    }
}
