package dev.labelport.formats.hf;

import dev.labelport.internal.Excerpts;
import dev.labelport.Limits;
import dev.labelport.formats.conll.ConllFormat;
import dev.labelport.formats.conll.TagNotation;
import dev.labelport.formats.conll.TagScheme;
import dev.labelport.formats.conll.TokenChunks;
import dev.labelport.formats.conll.TokenSpans;
import dev.labelport.formats.hf.HfCsvFormat.Flavour;
import dev.labelport.formats.hf.HfCsvFormat.Task;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.Token;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.WriteContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one file per split. The first split met streams straight into the output; rows of other
 * splits go to temp files that are copied in at {@link #finish()}, after which the
 * {@code dataset_info.json} (when labels are ids, or the source had one) is written.
 */
final class HfWriter implements ExportWriter {
    /** Most split files; each split being written holds an open file and a buffer. */
    static final int MAX_SPLITS = 256;
    private static final Pattern SPLIT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    /** Writer options, resolved; {@code null} = as read, or the default. */
    record Settings(Task task, Flavour flavour, String textColumn, String labelColumn, String idColumn,
                    TagScheme scheme, Boolean ids) {
    }

    /** Where one split's rows go, and what the REINDEXED check needs. */
    private final class Sink {
        final String split;
        final Path temp;
        final Writer out;
        final boolean csv;
        long count;
        long base;
        boolean consistent = true;

        Sink(String split, OutputStream stream, Path temp) {
            this.split = split;
            this.temp = temp;
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), temp == null ? 1 << 16 : 1 << 13);
            try {
                this.csv = flavour == Flavour.CSV;
                if (csv) {
                    CSV.printRecord(out, columns.toArray());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void row(Map<String, JsonValue> cells) {
            try {
                if (csv) {
                    List<String> values = new ArrayList<>(columns.size());
                    for (String c : columns) {
                        JsonValue v = cells.get(c);
                        values.add(v instanceof JsonString s ? s.value() : "");
                    }
                    CSV.printRecord(out, values.toArray());
                } else {
                    StringWriter sw = new StringWriter();
                    try (JsonGenerator g = json.createGenerator(ObjectWriteContext.empty(), sw)) {
                        g.writeStartObject();
                        for (String c : columns) {
                            if (cells.containsKey(c)) {
                                g.writeName(c);
                                JsonSupport.writeValue(g, cells.get(c));
                            }
                        }
                        g.writeEndObject();
                    }
                    out.write(sw.toString());
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String fileName() {
            return split + "." + extension;
        }
    }

    private final OutputFolder output;
    private final WriteContext ctx;
    private final Settings settings;
    private final JsonFactory json = JsonSupport.factory(Limits.DEFAULTS);

    private JsonObject ext = JsonObject.EMPTY;
    private List<Category> headerCategories = List.of();
    private Task task;
    private Flavour flavour;
    private String extension;
    private TagScheme scheme;
    private TagScheme readScheme;
    private boolean ids;
    private boolean multiLabel;
    private boolean namedLabels;
    private JsonObject datasetInfo;
    private String textColumn;
    private String labelColumn;
    private String idColumn;
    private List<String> columns;

    /** ClassLabel names by index (text: category names; token: tags), and the reverse. */
    private final List<String> labelNames = new ArrayList<>();
    private final Map<String, Integer> labelIndex = new HashMap<>();

    private final Map<String, Sink> sinks = new LinkedHashMap<>();
    private Sink direct;
    private boolean noSplitNoted;
    private boolean finished;
    private boolean closed;

    HfWriter(OutputFolder output, WriteContext ctx, Settings settings) {
        this.output = output;
        this.ctx = ctx;
        this.settings = settings;
    }

    @Override
    public void begin(DatasetHeader header) {
        ext = header.extension(HfCsvFormat.ID);
        headerCategories = header.categories();
        Flavour readFlavour = "jsonl".equals(ext.string("flavour")) ? Flavour.JSONL : "csv".equals(ext.string("flavour")) ? Flavour.CSV : null;
        flavour = settings.flavour() != null ? settings.flavour() : readFlavour != null ? readFlavour : Flavour.CSV;
        extension = flavour == Flavour.CSV ? "csv" : flavour == readFlavour && "json".equals(ext.string("extension")) ? "json" : "jsonl";
        readScheme = ext.string("scheme") == null ? null : TagScheme.fromName(ext.string("scheme"));
        scheme = settings.scheme() != null ? settings.scheme() : readScheme != null ? readScheme : TagScheme.IOB2;
        boolean readIds = "ids".equals(ext.string("labels"));
        ids = settings.ids() != null ? settings.ids() : readIds;
        multiLabel = ext.get("multiLabel") instanceof JsonBoolean b && b.value();
        datasetInfo = ext.get("datasetInfo") instanceof JsonObject o ? o : null;
        task = settings.task() != null ? settings.task() : Task.of(ext.string("task"));
    }

    /**
     * Whether to write dataset_info.json: the source had one, or labels are ids whose names would
     * otherwise be lost (tags always; categories unless every name is its own id, as a source
     * without names reads them).
     */
    private boolean writesInfo() {
        return datasetInfo != null || ids && (task == Task.TOKEN || namedLabels);
    }

    /** Columns from the source (same task) or the defaults, plus the first item's metadata keys. */
    private void resolveColumns(JsonObject readExt, JsonObject firstMetadata) {
        boolean token = task == Task.TOKEN;
        textColumn = settings.textColumn() != null ? settings.textColumn()
                : readExt.string("textColumn") != null ? readExt.string("textColumn") : token ? "tokens" : "text";
        labelColumn = settings.labelColumn() != null ? settings.labelColumn()
                : readExt.string("labelColumn") != null ? readExt.string("labelColumn") : token ? "ner_tags" : "label";
        idColumn = settings.idColumn() != null ? settings.idColumn() : readExt.string("idColumn");
        List<String> cols = new ArrayList<>();
        if (readExt.get("columns") instanceof JsonArray a && !a.values().isEmpty()) {
            for (JsonValue v : a.values()) {
                if (v instanceof JsonString s && !cols.contains(s.value())) {
                    cols.add(s.value());
                }
            }
        }
        if (idColumn != null && !cols.contains(idColumn)) {
            cols.add(0, idColumn);
        }
        if (!cols.contains(textColumn)) {
            cols.add(idColumn != null && cols.get(0).equals(idColumn) ? 1 : 0, textColumn);
        }
        if (!cols.contains(labelColumn)) {
            cols.add(cols.indexOf(textColumn) + 1, labelColumn);
        }
        if (readExt.get("columns") == null) {
            for (String k : firstMetadata.keys()) {
                if (!cols.contains(k)) {
                    cols.add(k);
                }
            }
        }
        columns = List.copyOf(cols);
        seedLabels();
    }

    /** ClassLabel names known before the first row: as read, else from the header's categories. */
    private void seedLabels() {
        if (ext.get("labelNames") instanceof JsonArray a && Task.of(ext.string("task")) == task) {
            for (JsonValue v : a.values()) {
                if (v instanceof JsonString s) {
                    addLabel(s.value(), -1);
                }
            }
            return;
        }
        if (task == Task.TEXT) {
            for (Category c : headerCategories) {
                addLabel(c.name(), preferredIndex(c));
            }
        } else if (ids || datasetInfo != null) {
            addLabel("O", -1);
            for (Category c : headerCategories) {
                for (String t : scheme.encode(List.of(new TagScheme.Chunk(c.name(), 0, 3), new TagScheme.Chunk(c.name(), 3, 4)), 4)) {
                    addLabel(t, -1);
                }
            }
        }
    }

    private static int preferredIndex(Category c) {
        if (c.id().numeric() && c.id().text().length() < 7) {
            long v = c.id().asLong();
            return v >= 0 && v < 100_000 ? (int) v : -1;
        }
        return -1;
    }

    /** The index of a label name, adding it (at {@code preferred} when that slot is free). */
    private int addLabel(String name, int preferred) {
        Integer known = labelIndex.get(name);
        if (known != null) {
            return known;
        }
        int at = preferred >= 0 && (preferred >= labelNames.size() || labelNames.get(preferred) == null) ? preferred : labelNames.size();
        while (labelNames.size() <= at) {
            labelNames.add(null);
        }
        labelNames.set(at, name);
        labelIndex.put(name, at);
        namedLabels |= !name.equals(Integer.toString(at));
        return at;
    }

    @Override
    public void write(Item item) {
        String where = "item " + item.id();
        if (item.text() == null) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "hf-csv holds text items only");
            return;
        }
        if (task == null) {
            task = !item.text().tokens().isEmpty()
                    || item.annotations().stream().anyMatch(a -> a.geometry().kind() == GeometryKind.TEXT_SPAN) ? Task.TOKEN : Task.TEXT;
        }
        if (columns == null) {
            resolveColumns(Task.of(ext.string("task")) == task ? ext : JsonObject.EMPTY, item.metadata());
        }
        Map<String, JsonValue> cells = new HashMap<>();
        int annotations = task == Task.TEXT ? textCells(item, cells, where) : tokenCells(item, cells, where);
        otherCells(item, cells, where);
        Sink sink = sink(item, where);
        checkId(item, sink, cells, where);
        sink.row(cells);
        sink.count++;
        ctx.written(1, annotations);
    }

    // ---- text classification

    private int textCells(Item item, Map<String, JsonValue> cells, String where) {
        TextContent text = item.text();
        cells.put(textColumn, new JsonString(text.text()));
        if (!text.tokens().isEmpty() || text.reconstructed()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "tokens (the text task keeps the text only; task=token-classification keeps them)");
        }
        List<Category> labels = new ArrayList<>();
        List<Annotation> anns = item.annotations();
        for (int k = 0; k < anns.size(); k++) {
            Annotation a = anns.get(k);
            String at = annotationWhere(where, a, k);
            if (a.geometry().kind() != GeometryKind.TAG) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, a.geometry().kind().label()
                        + " cannot be written in text-classification (whole-text labels only)");
            } else if (a.removed()) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "the annotation is marked removed");
            } else if (a.category() == null) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "a label without a category");
            } else {
                reportAnnotationFields(a, at);
                labels.add(a.category());
            }
        }
        JsonValue listFlag = item.extension(HfCsvFormat.ID).get("labelList");
        boolean list = labels.size() >= 2 || listFlag instanceof JsonBoolean b && b.value();
        List<JsonValue> values = new ArrayList<>(labels.size());
        for (int k = 0; k < labels.size(); k++) {
            Category c = labels.get(k);
            if (!ids && !list && flavour == Flavour.CSV && (c.name().isEmpty() || PyList.looksLikeList(c.name())
                    || c.name().equals("-1"))) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, "label '" + c.name() + "' reads back as no label or a list in a CSV cell");
                continue;
            }
            int index = addLabel(c.name(), preferredIndex(c));
            checkCategory(c, index, where);
            values.add(ids ? JsonValue.of(index) : new JsonString(c.name()));
        }
        cells.put(labelColumn, labelCell(values, list));
        return values.size();
    }

    private JsonValue labelCell(List<JsonValue> values, boolean list) {
        if (list) {
            return flavour == Flavour.JSONL ? new JsonArray(values) : new JsonString(literal(values));
        }
        JsonValue v = !values.isEmpty() ? values.get(0)
                : ids ? JsonValue.of(-1) : flavour == Flavour.JSONL ? JsonNull.INSTANCE : new JsonString("");
        return flavour == Flavour.CSV && v instanceof JsonNumber n ? new JsonString(n.lexical()) : v;
    }

    /** A list cell for CSV: Python's repr of a list of strings or of ints. */
    private static String literal(List<JsonValue> values) {
        if (!values.isEmpty() && values.get(0) instanceof JsonNumber) {
            List<Integer> ints = new ArrayList<>(values.size());
            values.forEach(v -> ints.add((int) ((JsonNumber) v).longValue()));
            return PyList.formatInts(ints);
        }
        List<String> strings = new ArrayList<>(values.size());
        values.forEach(v -> strings.add(((JsonString) v).value()));
        return PyList.formatStrings(strings);
    }

    /** Reports a category that reads back with another id (or without its other fields). */
    private void checkCategory(Category c, int index, String where) {
        Category back;
        if (datasetInfo != null || ids) {
            back = Category.of(Id.of(index), c.name());
        } else if (flavour == Flavour.CSV && isIntegerText(c.name())) {
            back = Category.of(Id.of(Long.parseLong(c.name())), c.name()); // an integer-looking name reads back as an id
        } else {
            back = Category.of(Id.of(c.name()), c.name());
        }
        if (!c.equals(back)) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "category '" + c.name() + "' id/supercategory/color (reads back as id " + back.id() + ")");
        }
    }

    private static boolean isIntegerText(String s) {
        return s.matches("-?[0-9]{1,10}");
    }

    // ---- token classification

    private int tokenCells(Item item, Map<String, JsonValue> cells, String where) {
        TextContent text = item.text();
        List<Token> tokens = text.tokens().isEmpty() ? ctx.tokenizer().tokenize(text.text()) : text.tokens();
        if (!TokenChunks.isJoinedWithSpaces(text.text(), tokens)) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "the text's own whitespace (the token task keeps tokens only; "
                    + "read back as tokens joined with single spaces)");
        }
        if (tokens.stream().anyMatch(t -> !t.columns().isEmpty())) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "token columns (POS, chunk...): only tokens and tags are written");
        }
        if (text.sentenceStarts().size() > 1) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "sentence boundaries inside the item (written as one row)");
        }
        List<TagScheme.Chunk> chunks = chunks(item, tokens, where);
        List<String> tags = tags(item, chunks, tokens.size(), where);
        List<JsonValue> tokenValues = new ArrayList<>(tokens.size());
        tokens.forEach(t -> tokenValues.add(new JsonString(t.text())));
        List<JsonValue> tagValues = new ArrayList<>(tags.size());
        for (String t : tags) {
            tagValues.add(ids ? JsonValue.of(addLabel(t, -1)) : new JsonString(t));
        }
        if (datasetInfo != null && !ids) {
            tags.forEach(t -> addLabel(t, -1));
        }
        cells.put(textColumn, flavour == Flavour.JSONL ? new JsonArray(tokenValues) : new JsonString(literal(tokenValues)));
        cells.put(labelColumn, flavour == Flavour.JSONL ? new JsonArray(tagValues)
                : new JsonString(ids ? literalInts(tagValues) : literal(tagValues)));
        return chunks.size();
    }

    private static String literalInts(List<JsonValue> values) {
        List<Integer> ints = new ArrayList<>(values.size());
        values.forEach(v -> ints.add((int) ((JsonNumber) v).longValue()));
        return PyList.formatInts(ints);
    }

    /** The spans as non-overlapping token chunks (CoNLL's rule and losses), reporting what does not fit. */
    private List<TagScheme.Chunk> chunks(Item item, List<Token> tokens, String where) {
        return TokenChunks.of(item, tokens, where, ctx, (a, at) -> {
            reportAnnotationFields(a, at);
            if (!a.category().equals(Category.of(Id.of(a.category().name()), a.category().name()))) {
                ctx.loss(LossCode.DROPPED_FIELD, at, "category id/supercategory/color (an entity type is its name)");
            }
        });
    }

    /** The tags for the chunks: the tags as read when they still say the same, else the scheme's. */
    private List<String> tags(Item item, List<TagScheme.Chunk> chunks, int n, String where) {
        if (scheme == readScheme && item.extension(HfCsvFormat.ID).get("tags") instanceof JsonArray a && a.size() == n) {
            List<String> asRead = new ArrayList<>(n);
            for (JsonValue v : a.values()) {
                asRead.add(v instanceof JsonString s ? s.value() : "?");
            }
            boolean[] invalid = {false};
            if (scheme.decode(asRead, TagNotation.DEFAULT, (i, t, p) -> invalid[0] = true).equals(chunks) && !invalid[0]) {
                return asRead;
            }
        }
        List<String> tags = scheme.encode(chunks, n);
        boolean[] invalid = {false};
        List<TagScheme.Chunk> back = scheme.decode(tags, TagNotation.DEFAULT, (i, t, p) -> invalid[0] = true);
        if (invalid[0] || !back.equals(chunks)) {
            ctx.loss(ConllFormat.MERGED_SPANS, where, "the " + scheme.id() + " tags read back as " + back.size()
                    + " spans instead of " + chunks.size() + " (adjacent spans of one type, or a category named O or empty)");
        }
        return tags;
    }

    // ---- both tasks

    private void otherCells(Item item, Map<String, JsonValue> cells, String where) {
        List<String> dropped = new ArrayList<>(SetFields.unheld(item, Set.of(SetFields.ItemField.TEXT,
                SetFields.ItemField.SPLIT, SetFields.ItemField.METADATA)));
        for (Map.Entry<String, JsonValue> e : item.metadata().members().entrySet()) {
            String k = e.getKey();
            if (!columns.contains(k) || k.equals(textColumn) || k.equals(labelColumn) || k.equals(idColumn)) {
                dropped.add("metadata." + k + " (no such column)");
                continue;
            }
            JsonValue v = e.getValue();
            if (flavour == Flavour.CSV && !(v instanceof JsonString)) {
                ctx.loss(HfCsvFormat.STRINGIFIED, where, "metadata." + k + " = " + v);
                v = new JsonString(jsonText(v));
            }
            cells.put(k, v);
        }
        for (String k : item.extension(HfCsvFormat.ID).keys()) {
            if (!Set.of("tags", "labelList").contains(k)) {
                dropped.add("extensions.hf-csv." + k);
            }
        }
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, String.join(", ", dropped));
        }
    }

    private String jsonText(JsonValue v) {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = json.createGenerator(ObjectWriteContext.empty(), sw)) {
            JsonSupport.writeValue(g, v);
        }
        return sw.toString();
    }

    private void checkId(Item item, Sink sink, Map<String, JsonValue> cells, String where) {
        Id id = item.id();
        if (idColumn != null) {
            if (flavour == Flavour.JSONL) {
                cells.put(idColumn, id.numeric() ? JsonNumber.parse(id.text()) : new JsonString(id.text()));
            } else {
                cells.put(idColumn, new JsonString(id.text()));
                if (id.numeric()) {
                    ctx.loss(LossCode.REINDEXED, where, "the numeric id is written as text (a CSV id reads back as a string id)");
                }
            }
            return;
        }
        if (!id.numeric() || id.text().length() > 18) {
            sink.consistent = false;
            return;
        }
        long base = id.asLong() - sink.count - 1;
        if (sink.count == 0) {
            sink.base = base;
        } else if (base != sink.base) {
            sink.consistent = false;
        }
    }

    private Sink sink(Item item, String where) {
        String split = item.split();
        if (split == null) {
            if (!noSplitNoted) {
                noSplitNoted = true;
                ctx.loss(LossCode.SYNTHESISED, where, "items without a split are written to train." + extension);
            }
            split = "train";
        } else if (!SPLIT_NAME.matcher(split).matches() || HfReader.NOT_SPLITS.contains(split + ".json")
                || split.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") || split.endsWith(".jsonl") || split.endsWith(".json")) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "split '" + Excerpts.of(split) + "' cannot be a file name: written to train." + extension);
            split = "train";
        }
        Sink s = sinks.get(split);
        if (s != null) {
            return s;
        }
        if (sinks.size() >= MAX_SPLITS && !split.equals("train")) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "split '" + split + "': more than " + MAX_SPLITS
                    + " splits (one open file each); written to train." + extension);
            return sink(item.toBuilder().split("train").build(), where);
        }
        try {
            if (direct == null) {
                s = new Sink(split, output.create(split + "." + extension), null);
                direct = s;
            } else {
                Path temp = Files.createTempFile(ctx.tempDirectory() == null ? Path.of(System.getProperty("java.io.tmpdir"))
                        : ctx.tempDirectory(), "hf-csv-", "." + extension);
                try {
                    s = new Sink(split, Files.newOutputStream(temp), temp);
                } catch (RuntimeException | IOException e) {
                    Files.deleteIfExists(temp);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sinks.put(split, s);
        return s;
    }

    private String annotationWhere(String where, Annotation a, int k) {
        return where + " annotation " + (a.id() == null ? "#" + (k + 1) : a.id().toString());
    }

    private void reportAnnotationFields(Annotation a, String at) {
        if (!a.attributes().isEmpty()) {
            ctx.loss(LossCode.DROPPED_ATTRIBUTE, at, "attributes " + a.attributes().keys());
        }
        List<String> dropped = SetFields.unheld(a, Set.of(SetFields.AnnotationField.ATTRIBUTES));
        if (!dropped.isEmpty() || !a.extensions().isEmpty()) {
            List<String> all = new ArrayList<>(dropped);
            if (!a.extension(HfCsvFormat.ID).isEmpty()) {
                all.add("extensions.hf-csv");
            }
            if (!all.isEmpty()) {
                ctx.loss(LossCode.DROPPED_FIELD, at, String.join(", ", all));
            }
        }
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (task == null) {
            task = Task.TEXT;
        }
        if (columns == null) {
            resolveColumns(Task.of(ext.string("task")) == task ? ext : JsonObject.EMPTY, JsonObject.EMPTY);
        }
        if (direct == null) { // an empty dataset is an empty train file
            String split = "train";
            try {
                direct = new Sink(split, output.create(split + "." + extension), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sinks.put(split, direct);
        }
        direct.close();
        List<Sink> ordered = new ArrayList<>(sinks.values());
        ordered.sort(Comparator.comparingInt((Sink s) -> HfReader.splitRank(s.split)).thenComparing(s -> s.split));
        for (Sink s : ordered) {
            if (s != direct) {
                s.close();
                try (OutputStream out = output.create(s.fileName())) {
                    Files.copy(s.temp, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        reportReindexed(ordered);
        if (writesInfo()) {
            writeDatasetInfo();
        }
        close();
    }

    private void reportReindexed(List<Sink> ordered) {
        if (idColumn != null) {
            return;
        }
        long offset = 0;
        for (Sink s : ordered) {
            if (s.count > 0 && (!s.consistent || s.base != offset)) {
                ctx.loss(LossCode.REINDEXED, s.fileName(), s.count + " items read back with ids " + (offset + 1) + "-"
                        + (offset + s.count) + " (their row positions; give id-column= to keep ids)");
            }
            offset += s.count;
        }
    }

    private void writeDatasetInfo() {
        List<String> names = new ArrayList<>(labelNames.size());
        int gaps = 0;
        for (int i = 0; i < labelNames.size(); i++) {
            String n = labelNames.get(i);
            if (n == null) {
                n = "LABEL_" + i;
                gaps++;
            }
            names.add(n);
        }
        if (gaps > 0) {
            ctx.loss(LossCode.SYNTHESISED, "dataset_info.json", gaps + " ClassLabel indices below the highest category id "
                    + "have no category: named LABEL_<index>");
        }
        JsonObject info = datasetInfo == null ? JsonObject.EMPTY : datasetInfo;
        JsonObject features = info.object("features");
        JsonObject.Builder f = JsonObject.builder();
        for (String c : columns) {
            JsonObject old = features.object(c);
            JsonObject feature;
            if (c.equals(labelColumn)) {
                feature = DatasetInfo.withNames(old, names, task == Task.TOKEN || multiLabel);
            } else if (!old.isEmpty()) {
                feature = old;
            } else if (c.equals(textColumn) && task == Task.TOKEN) {
                feature = DatasetInfo.sequence(DatasetInfo.stringFeature());
            } else {
                feature = DatasetInfo.stringFeature();
            }
            f.put(c, feature);
        }
        for (Map.Entry<String, JsonValue> e : features.members().entrySet()) {
            if (!columns.contains(e.getKey())) {
                f.put(e.getKey(), e.getValue());
            }
        }
        JsonObject out = info.toBuilder().put("features", f.build()).build();
        try (OutputStream s = output.create(HfReader.DATASET_INFO)) {
            DatasetInfo.write(s, out, Limits.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (Sink s : sinks.values()) {
            try {
                if (!finished || s != direct) {
                    s.close();
                }
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            if (s.temp != null) {
                try {
                    Files.deleteIfExists(s.temp);
                } catch (IOException e) {
                    failure = failure == null ? new UncheckedIOException(e) : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
