package dev.labelport.formats.azure;

import dev.labelport.formats.conll.ConllFormat;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.Token;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Azure's NER file is CoNLL with fixed settings (two space-separated columns, IOB2 tags,
 * {@code -DOCSTART- O}): reading and writing go through the CoNLL format, with its extensions
 * moved under this format's id so that the report tells Azure's fields from CoNLL's.
 */
final class NerFiles {
    /** Azure's document start line. */
    static final String DOCSTART = "-DOCSTART- O";

    /** CoNLL item fields that belong to the item (document boundaries); the others are spellings. */
    private static final Set<String> ITEM_FIELDS = Set.of("docstart", "document");

    private NerFiles() {
    }

    /**
     * Reads with scheme iob2, separator space and repair on: an {@code I-X} that does not continue
     * an {@code X} starts a new entity, as Azure's (seqeval's) reading does, and is reported as
     * {@code INVALID_TAG_SEQUENCE}.
     */
    static AnnotationSource open(Path input, ReadContext ctx) {
        AnnotationSource conll = new ConllFormat().open(input, ctx.withOptions(FormatOptions.of(
                Map.of("scheme", "iob2", "separator", "space", "repair", "true"))));
        return new AnnotationSource() {
            private final DatasetHeader header = rekey(conll.header());

            @Override
            public DatasetHeader header() {
                return header;
            }

            @Override
            public Item next() {
                Item item = conll.next();
                return item == null ? null : item.toBuilder().extensions(wrap(fromConll(item.extension(ConllFormat.ID)))).build();
            }

            @Override
            public void close() {
                conll.close();
            }
        };
    }

    private static DatasetHeader rekey(DatasetHeader conll) {
        JsonObject.Builder derived = JsonObject.builder().put("task", Task.NER.id());
        conll.extension(ConllFormat.ID).members().forEach(derived::put);
        return new DatasetHeader(conll.name(), AzureAutomlFormat.ID, conll.sourceVersion(), conll.categories(),
                wrap(JsonObject.builder().put("derived", derived.build()).build()));
    }

    /** {@code docstart} and {@code document} are the item's; the tags as written are a spelling (derived). */
    private static JsonObject fromConll(JsonObject conll) {
        JsonObject.Builder ext = JsonObject.builder();
        JsonObject.Builder derived = JsonObject.builder();
        conll.members().forEach((k, v) -> (ITEM_FIELDS.contains(k) ? ext : derived).put(k, v));
        if (!derived.isEmpty()) {
            ext.put("derived", derived.build());
        }
        return ext.build();
    }

    private static JsonObject wrap(JsonObject ext) {
        return ext.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(AzureAutomlFormat.ID, ext).build();
    }

    /** A CoNLL writer with Azure's settings, fed items whose extensions are turned back into CoNLL's. */
    static final class Writer {
        private final WriteContext ctx;
        private final ExportWriter conll;

        Writer(Path output, WriteContext ctx) {
            this.ctx = ctx;
            this.conll = new ConllFormat().createWriter(output, ctx.withOptions(FormatOptions.of(
                    Map.of("scheme", "iob2", "separator", "space"))));
        }

        void begin(DatasetHeader header) {
            JsonObject derived = header.extension(AzureAutomlFormat.ID).object("derived");
            JsonObject.Builder ext = JsonObject.builder();
            for (String flag : List.of("tagSuffix", "lowerCase", "bilouLetters", "trailingBlankLine")) {
                if (derived.has(flag)) {
                    ext.put(flag, derived.get(flag));
                }
            }
            ext.put("scheme", "iob2").put("separator", "space");
            conll.begin(new DatasetHeader(header.name(), AzureAutomlFormat.ID, header.sourceVersion(), header.categories(),
                    JsonObject.builder().put(ConllFormat.ID, ext.build()).build()));
        }

        void write(Item item) {
            JsonObject ext = item.extension(AzureAutomlFormat.ID);
            JsonObject.Builder conllExt = JsonObject.builder();
            if (ext.has("docstart")) {
                conllExt.put("docstart", DOCSTART);
            }
            if (ext.has("document")) {
                conllExt.put("document", ext.get("document"));
            }
            JsonValue tags = ext.object("derived").get("tags");
            if (tags != null) {
                conllExt.put("tags", tags);
            }
            Item.Builder b = item.toBuilder().extensions(conllExt.isEmpty() ? JsonObject.EMPTY
                    : JsonObject.builder().put(ConllFormat.ID, conllExt.build()).build());
            TextContent text = item.text();
            if (text != null && text.tokens().stream().anyMatch(t -> !t.columns().isEmpty())) {
                ctx.loss(LossCode.DROPPED_FIELD, "item " + item.id(), "token columns other than token and tag"
                        + " (Azure's NER file has two columns)");
                List<Token> bare = new ArrayList<>(text.tokens().size());
                text.tokens().forEach(t -> bare.add(new Token(t.text(), t.start(), t.end(), List.of())));
                b.text(new TextContent(text.text(), bare, text.sentenceStarts(), text.reconstructed()));
            }
            conll.write(b.build());
        }

        void finish() {
            conll.finish();
        }

        void close() {
            conll.close();
        }
    }
}
