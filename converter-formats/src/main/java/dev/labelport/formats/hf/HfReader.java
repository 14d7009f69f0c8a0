package dev.labelport.formats.hf;

import dev.labelport.internal.Excerpts;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.formats.conll.TagNotation;
import dev.labelport.formats.conll.ConllFormat;
import dev.labelport.formats.conll.TagScheme;
import dev.labelport.formats.conll.TagSchemeDetector;
import dev.labelport.formats.hf.HfCsvFormat.Flavour;
import dev.labelport.formats.hf.HfCsvFormat.Task;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Streams the split files of an HF dataset (a folder, a zip's root, or one file), one row at a
 * time. Before the first item it peeks at the first row to settle the task, the columns, the
 * label form and the header.
 */
final class HfReader implements AnnotationSource {
    static final String DATASET_INFO = "dataset_info.json";
    /** Split file stems read first, in this order; other files follow sorted by name. */
    static final List<String> KNOWN_SPLITS = List.of("train", "validation", "test");
    /** JSON files of a saved dataset that are not split files. */
    static final Set<String> NOT_SPLITS = Set.of(DATASET_INFO, "dataset_dict.json", "state.json");
    static final List<String> TEXT_COLUMNS = List.of("text", "sentence", "sentence1");
    static final List<String> LABEL_COLUMNS = List.of("label", "labels", "target");
    static final List<String> TOKEN_COLUMNS = List.of("tokens", "words");
    static final List<String> TAG_COLUMNS = List.of("ner_tags", "ner", "tags");

    /** Reader options, resolved; {@code null} = detect. */
    record Settings(Task task, Flavour flavour, String textColumn, String labelColumn, String idColumn,
                    TagScheme scheme, List<String> labelNames) {
    }

    /** One split file: where it is, its name in messages, its split ({@code null} for a lone file). */
    private record SplitFile(Path path, String source, String split, Flavour flavour) {
    }

    private final ReadContext ctx;
    private final Settings settings;
    private final List<SplitFile> files;
    private final Task task;
    private final String textColumn;
    private final String labelColumn;
    private final String idColumn;
    private final List<String> names;
    private final Map<String, Integer> nameIndex = new HashMap<>();
    private final String namesFrom;
    private final DatasetHeader header;
    private final Map<String, Category> categories = new HashMap<>();
    private TagScheme scheme;
    private TagNotation notation = TagNotation.DEFAULT;

    private int fileIndex;
    private Rows rows;
    private Rows.Row pending;
    private long position;
    private boolean multiLabel;
    private boolean madeUpReported;
    private boolean reconstructedReported;
    private boolean closed;

    HfReader(Path input, ReadContext ctx, Settings settings) {
        this.ctx = ctx;
        this.settings = settings;
        boolean folder = Files.isDirectory(input);
        this.files = folder ? splitFiles(input) : List.of(new SplitFile(input, ctx.sourceName(), splitNamed(input),
                settings.flavour() != null ? settings.flavour()
                        : HfCsvFormat.flavourOf(String.valueOf(input.getFileName())) != null
                        ? HfCsvFormat.flavourOf(String.valueOf(input.getFileName())) : Rows.sniff(input)));
        rows = Rows.open(files.get(0).path(), files.get(0).source(), files.get(0).flavour(), ctx.limits());
        try {
            List<String> columns = new ArrayList<>(rows.columns());
            pending = rows.next();
            if (pending != null && columns.isEmpty()) {
                columns.addAll(pending.cells().keys());
            }
            String firstSource = files.get(0).source();
            boolean tokens = settings.task() == Task.TOKEN || settings.task() == null
                    && (find(columns, TOKEN_COLUMNS) != null || settings.textColumn() != null && pending != null
                    && pending.cells().get(settings.textColumn()) instanceof JsonArray);
            this.task = tokens ? Task.TOKEN : Task.TEXT;
            String text = settings.textColumn() != null ? settings.textColumn() : find(columns, tokens ? TOKEN_COLUMNS : TEXT_COLUMNS);
            String label = settings.labelColumn() != null ? settings.labelColumn() : find(columns, tokens ? TAG_COLUMNS : LABEL_COLUMNS);
            if (!columns.isEmpty() && (text == null || !columns.contains(text))) {
                throw new InvalidInputException(Location.ofLine(firstSource, 1), "no " + (tokens ? "tokens" : "text") + " column "
                        + (text != null ? "'" + text + "'" : "(" + String.join(", ", tokens ? TOKEN_COLUMNS : TEXT_COLUMNS) + ")")
                        + " among the columns " + columns + "; give text-column=");
            }
            this.textColumn = text == null ? (tokens ? "tokens" : "text") : text;
            this.labelColumn = label != null && (columns.isEmpty() || columns.contains(label)) ? label : null;
            String id = settings.idColumn() != null ? settings.idColumn() : "id";
            this.idColumn = columns.contains(id) && !id.equals(textColumn) && !id.equals(labelColumn) ? id : null;

            Path infoFile = folder ? input.resolve(DATASET_INFO) : input.getParent() == null ? null : input.getParent().resolve(DATASET_INFO);
            JsonObject info = null;
            if (infoFile != null && Files.isRegularFile(infoFile)) {
                info = DatasetInfo.read(infoFile, folder ? ctx.sourceName() + "/" + DATASET_INFO : DATASET_INFO, ctx.limits());
            }
            if (!folder && (info != null || files.get(0).split() != null)) {
                ctx.reporter().loss(LossCode.FILES_BESIDE, Location.of(ctx.sourceName()), "one split file was given: "
                        + (files.get(0).split() != null ? "its rows are split " + files.get(0).split() : "")
                        + (info != null && files.get(0).split() != null ? ", " : "")
                        + (info != null ? "label names from the " + DATASET_INFO + " beside it" : ""));
            }
            List<String> n = settings.labelNames();
            String from = "label-names";
            if (n == null && info != null && labelColumn != null) {
                n = DatasetInfo.names(info, labelColumn, DATASET_INFO);
                from = DATASET_INFO;
            }
            if (n != null && n.size() > ctx.limits().maxCategories()) {
                throw new LimitExceededException(Location.of(from), n.size() + " label names, more than "
                        + ctx.limits().maxCategories() + " (Limits.maxCategories)");
            }
            this.names = n;
            this.namesFrom = n == null ? null : from;
            if (n != null) {
                for (int i = 0; i < n.size(); i++) {
                    nameIndex.putIfAbsent(n.get(i), i);
                }
            }
            this.scheme = settings.scheme();
            if (task == Task.TOKEN && scheme == null) {
                detectScheme();
            }
            this.header = header(columns, info);
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    /** Feeds the tags of up to {@code max} rows of one file; returns how many rows were read. */
    private int sampleTags(SplitFile f, TagSchemeDetector d, int max) {
        int read = 0;
        fileIndex = files.indexOf(f); // locations of sampled rows name this file
        try (Rows sample = Rows.open(f.path(), f.source(), f.flavour(), ctx.limits())) {
            for (int n = 0; n < max; n++) {
                Rows.Row row = sample.next();
                if (row == null) {
                    break;
                }
                List<JsonValue> values = cellValues(row, labelColumn, labelColumn == null ? null : row.cells().get(labelColumn),
                        ctx.limits().maxTokensPerItem());
                for (JsonValue v : values) {
                    d.tag(tagName(row, labelColumn, v));
                }
                read++;
                d.endSentence();
            }
        } catch (InvalidInputException e) {
            // the main pass reports it where it is
        } finally {
            fileIndex = 0;
        }
        return Math.max(read, 1);
    }

    /** Rows sampled (over the files in order) to detect the tag scheme when none is given. */
    static final int SAMPLE_ROWS = 1000;

    /** {@code scheme=auto}: the CoNLL rule ({@link TagSchemeDetector}) on the first file's first rows. */
    private void detectScheme() {
        TagSchemeDetector d = new TagSchemeDetector();
        SplitFile f = files.get(0);
        int n = 0;
        for (int k = 0; k < files.size() && n < SAMPLE_ROWS; k++) {
            n += sampleTags(files.get(k), d, SAMPLE_ROWS - n);
        }
        scheme = d.scheme();

        notation = scheme == TagScheme.BARE ? TagNotation.DEFAULT : d.notation();
        if (scheme == TagScheme.IOB1 && d.chunksStartingWithB() > 0) {
            ctx.reporter().loss(ConllFormat.MIXED_CHUNK_STARTS, Location.of(f.source()), d.chunksStartingWithB()
                    + " chunks start with B- after O or another type and " + d.chunksStartingWithI()
                    + " with I- in the sampled rows: decoded as iob1 (conlleval); scheme=iob2 validates them as iob2");
        }
    }

    private static String find(List<String> columns, List<String> candidates) {
        for (String c : candidates) {
            for (String col : columns) {
                if (col.toLowerCase(Locale.ROOT).equals(c)) {
                    return col;
                }
            }
        }
        return null;
    }

    /** The split a file given alone holds when its name is a split's ({@code train.csv}); else null. */
    private static String splitNamed(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        return KNOWN_SPLITS.contains(stem) ? stem : null;
    }

    /** The split files of a folder: train, validation, test first, then the others by name. */
    private List<SplitFile> splitFiles(Path folder) {
        List<Path> found;
        try (Stream<Path> s = Files.list(folder)) {
            found = s.filter(Files::isRegularFile).filter(p -> {
                Flavour f = HfCsvFormat.flavourOf(String.valueOf(p.getFileName()));
                return f != null && (settings.flavour() == null || settings.flavour() == f);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(Location.of(ctx.sourceName()), "no split file (train.csv, validation.csv, test.csv, "
                    + "any *.csv or *.jsonl) in the folder");
        }
        List<SplitFile> out = new ArrayList<>();
        for (Path p : found) {
            String name = String.valueOf(p.getFileName());
            out.add(new SplitFile(p, ctx.sourceName() + "/" + name, name.substring(0, name.lastIndexOf('.')),
                    HfCsvFormat.flavourOf(name)));
        }
        if (out.stream().map(SplitFile::flavour).distinct().count() > 1) {
            throw new InvalidInputException(Location.of(ctx.sourceName()), "the folder holds both CSV and JSON Lines split files: "
                    + "give flavour=csv or flavour=jsonl");
        }
        out.sort(Comparator.comparingInt((SplitFile f) -> splitRank(f.split())).thenComparing(SplitFile::split));
        long distinct = out.stream().map(SplitFile::split).distinct().count();
        if (distinct < out.size()) {
            throw new InvalidInputException(Location.of(ctx.sourceName()), "two files hold one split (e.g. train.json and train.jsonl)");
        }
        return out;
    }

    static int splitRank(String split) {
        int i = KNOWN_SPLITS.indexOf(split);
        return i < 0 ? KNOWN_SPLITS.size() : i;
    }

    private DatasetHeader header(List<String> columns, JsonObject info) {
        JsonObject.Builder ext = JsonObject.builder()
                .put("task", task.id)
                .put("flavour", files.get(0).flavour() == Flavour.CSV ? "csv" : "jsonl");
        String fileName = String.valueOf(files.get(0).path().getFileName());
        if (files.get(0).flavour() == Flavour.JSONL) {
            ext.put("extension", fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? "json" : "jsonl");
        }
        List<JsonValue> cols = new ArrayList<>();
        columns.forEach(c -> cols.add(new JsonString(c)));
        ext.put("columns", new JsonArray(cols));
        ext.put("textColumn", textColumn);
        if (labelColumn != null) {
            ext.put("labelColumn", labelColumn);
        }
        if (idColumn != null) {
            ext.put("idColumn", idColumn);
        }
        JsonValue firstLabel = pending == null || labelColumn == null ? null : pending.cells().get(labelColumn);
        boolean csv = files.get(0).flavour() == Flavour.CSV;
        boolean ids = firstLabel != null && (csv || !(firstLabel instanceof JsonString)) && isIds(firstLabel);
        ext.put("labels", ids ? "ids" : "names");
        if (task == Task.TEXT) {
            multiLabel = firstLabel instanceof JsonArray || csv && firstLabel instanceof JsonString s && PyList.looksLikeList(s.value());
            if (multiLabel) {
                ext.put("multiLabel", JsonValue.of(true));
            }
        } else {
            ext.put("scheme", scheme.id());
        }
        if (names != null) {
            List<JsonValue> n = new ArrayList<>();
            names.forEach(s -> n.add(new JsonString(s)));
            ext.put("labelNames", new JsonArray(n));
        }
        if (info != null) {
            ext.put("datasetInfo", info);
        }
        List<Category> known = new ArrayList<>();
        if (names != null && task == Task.TEXT) {
            for (int i = 0; i < names.size(); i++) {
                if (nameIndex.get(names.get(i)) == i) {
                    known.add(category(names.get(i), i));
                }
            }
        } else if (names != null) {
            for (String tagName : names) {
                String type = tagType(tagName);
                if (type != null && !categories.containsKey(type)) {
                    known.add(category(type, -1));
                }
            }
        }
        return new DatasetHeader(null, HfCsvFormat.ID, null, known, JsonObject.builder().put(HfCsvFormat.ID, ext.build()).build());
    }

    /** Whether a label cell holds integer ids (a number, a list of numbers, or their text). */
    private static boolean isIds(JsonValue v) {
        if (v instanceof JsonNumber) {
            return true;
        }
        if (v instanceof JsonArray a) {
            return !a.values().isEmpty() && a.get(0) instanceof JsonNumber;
        }
        if (v instanceof JsonString s) {
            String t = s.value().strip();
            if (t.startsWith("[")) {
                t = t.substring(1).strip();
            }
            return !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' && t.length() > 1 && Character.isDigit(t.charAt(1)));
        }
        return false;
    }

    /** The entity type of a tag name in the reading scheme, or {@code null} for outside. */
    private String tagType(String tagName) {
        try {
            List<TagScheme.Chunk> c = scheme.decode(List.of(tagName), notation, (i, t, p) -> { });
            return c.isEmpty() ? null : c.get(0).type();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        while (!closed) {
            Rows.Row row;
            if (pending != null) {
                row = pending;
                pending = null;
            } else {
                try {
                    row = rows.next();
                } catch (InvalidInputException e) {
                    ctx.invalid(e);
                    position++;
                    continue;
                }
            }
            if (row == null) {
                rows.close();
                if (++fileIndex >= files.size()) {
                    closed = true;
                    return null;
                }
                SplitFile f = files.get(fileIndex);
                rows = Rows.open(f.path(), f.source(), f.flavour(), ctx.limits());
                if (!rows.columns().isEmpty() && !rows.columns().contains(textColumn)) {
                    throw new InvalidInputException(Location.ofLine(f.source(), 1), "no column '" + textColumn
                            + "' (the first file's " + (task == Task.TOKEN ? "tokens" : "text") + " column) among " + rows.columns());
                }
                continue;
            }
            position++;
            try {
                return task == Task.TEXT ? textItem(row) : tokenItem(row);
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return null;
    }

    private SplitFile file() {
        return files.get(fileIndex);
    }

    private boolean csv() {
        return file().flavour() == Flavour.CSV;
    }

    private Location at(Rows.Row row, String path) {
        return new Location(file().source(), row.line(), -1, -1, path);
    }

    private Item.Builder base(Rows.Row row, TextContent text) {
        JsonObject cells = row.cells();
        Id id = Id.of(position);
        if (idColumn != null && cells.has(idColumn)) {
            JsonValue v = cells.get(idColumn);
            if (v instanceof JsonString s) {
                id = Id.of(s.value());
            } else if (v instanceof JsonNumber n && n.isIntegral() && n.lexical().length() < 19) {
                id = Id.of(n.longValue());
            } else {
                throw new InvalidInputException(at(row, idColumn), "an id must be a string or an integer, found " + v);
            }
        }
        JsonObject.Builder meta = JsonObject.builder();
        for (Map.Entry<String, JsonValue> e : cells.members().entrySet()) {
            String k = e.getKey();
            if (!k.equals(textColumn) && !k.equals(labelColumn) && !k.equals(idColumn)) {
                meta.put(k, e.getValue());
            }
        }
        return Item.text(id, text).split(file().split()).metadata(meta.build());
    }

    private String string(Rows.Row row, String column) {
        JsonValue v = row.cells().get(column);
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw new InvalidInputException(at(row, column), v == null ? "the row has no '" + column + "'"
                : "'" + column + "' must be a string, found " + v);
    }

    // ---- text classification

    private Item textItem(Rows.Row row) {
        String text = string(row, textColumn);
        if (text.length() > ctx.limits().maxStringLength()) {
            throw new LimitExceededException(at(row, textColumn), "a text longer than " + ctx.limits().maxStringLength()
                    + " chars (Limits.maxStringLength)");
        }
        JsonValue cell = labelColumn == null ? JsonNull.INSTANCE : row.cells().get(labelColumn);
        boolean list = cell instanceof JsonArray || cell instanceof JsonString s && csv() && PyList.looksLikeList(s.value());
        List<JsonValue> values = cellValues(row, labelColumn, cell, ctx.limits().maxCategories());
        List<Annotation> anns = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Category c = label(row, list ? labelColumn + "[" + i + "]" : labelColumn, values.get(i), csv() && !list);
            if (c != null) {
                anns.add(Annotation.builder(Tag.INSTANCE).category(c).build());
            }
        }
        Item.Builder b = base(row, TextContent.of(text)).annotations(anns);
        if (list && anns.size() < 2) {
            b.extensions(JsonObject.builder().put(HfCsvFormat.ID, JsonObject.builder().put("labelList", JsonValue.of(true)).build()).build());
        }
        return b.build();
    }

    /** The values of a label or tags cell: a list's elements, a scalar alone, nothing for an empty cell. */
    private List<JsonValue> cellValues(Rows.Row row, String column, JsonValue cell, int max) {
        if (cell == null || cell instanceof JsonNull) {
            return List.of();
        }
        if (cell instanceof JsonArray a) {
            if (a.size() > max) {
                throw new LimitExceededException(at(row, column), a.size() + " values, more than " + max);
            }
            return a.values();
        }
        if (cell instanceof JsonString s && csv() && PyList.looksLikeList(s.value())) {
            try {
                return PyList.parse(s.value(), max);
            } catch (PyList.SyntaxException e) {
                if (e.tooMany) {
                    throw new LimitExceededException(at(row, column), "more than " + max + " values in the list");
                }
                throw new InvalidInputException(at(row, column), "malformed list literal at char " + (e.offset + 1)
                        + " of the cell: " + e.getMessage() + ": " + excerpt(s.value()));
            }
        }
        if (cell instanceof JsonString s && s.value().isEmpty() && csv()) {
            return List.of();
        }
        return List.of(cell);
    }

    /** The category of one label value, or {@code null} for "no label" ({@code -1}, {@code None}). */
    private Category label(Rows.Row row, String path, JsonValue v, boolean fromText) {
        if (v instanceof JsonNull) {
            return null;
        }
        Long index = null;
        String name = null;
        String written = null;
        if (v instanceof JsonNumber n && n.isIntegral() && n.lexical().length() < 12) {
            index = n.longValue();
            written = Long.toString(index);
        } else if (v instanceof JsonString s) {
            name = s.value();
            if (fromText && isInteger(name) && !nameIndex.containsKey(name)) {
                index = Long.parseLong(name);
                written = name;
                name = null;
            }
        } else {
            throw new InvalidInputException(at(row, path), "a label must be a name or an integer id, found " + v);
        }
        if (index != null) {
            if (index == -1) {
                return null;
            }
            if (names != null) {
                if (index < 0 || index >= names.size()) {
                    throw new InvalidInputException(at(row, path), "label index " + index + " is out of range: "
                            + names.size() + " names in " + namesFrom);
                }
                return category(names.get((int) (long) index), (int) (long) index);
            }
            if (index < 0) {
                throw new InvalidInputException(at(row, path), "a negative label index " + index + " (only -1, no label, is allowed)");
            }
            if (!madeUpReported) {
                madeUpReported = true;
                ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(file().source()), "integer labels without names "
                        + "(no dataset_info.json, no label-names=): each category is named after its id");
            }
            return category(written, (int) Math.min(index, Integer.MAX_VALUE));
        }
        if (names != null) {
            Integer i = nameIndex.get(name);
            if (i == null) {
                throw new InvalidInputException(at(row, path), "label '" + excerpt(name) + "' is not among the "
                        + names.size() + " names in " + namesFrom);
            }
            return category(name, i);
        }
        return category(name, -1);
    }

    private static boolean isInteger(String t) {
        int i = t.startsWith("-") ? 1 : 0;
        if (t.length() <= i || t.length() > 11) {
            return false;
        }
        for (; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The category for {@code name}: id = its index when names or ids are known, else the name. */
    private Category category(String name, int index) {
        String key = index < 0 ? "n:" + name : index + ":" + name;
        Category c = categories.get(key);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(Location.of(file().source()),
                        "more than " + ctx.limits().maxCategories() + " categories (Limits.maxCategories)");
            }
            c = Category.of(index < 0 ? Id.of(name) : Id.of(index), name);
            categories.put(key, c);
        }
        return c;
    }

    // ---- token classification

    private Item tokenItem(Rows.Row row) {
        int max = ctx.limits().maxTokensPerItem();
        JsonValue tokCell = row.cells().get(textColumn);
        if (tokCell instanceof JsonString s && !(csv() && PyList.looksLikeList(s.value()))) {
            throw new InvalidInputException(at(row, textColumn), "expected a list of tokens, found '" + excerpt(s.value()) + "'");
        }
        List<JsonValue> tokVals = cellValues(row, textColumn, tokCell, max);
        List<String> tokens = new ArrayList<>(tokVals.size());
        for (int i = 0; i < tokVals.size(); i++) {
            if (!(tokVals.get(i) instanceof JsonString s)) {
                throw new InvalidInputException(at(row, textColumn + "[" + i + "]"), "a token must be a string, found " + tokVals.get(i));
            }
            tokens.add(s.value());
        }
        JsonValue tagCell = labelColumn == null ? null : row.cells().get(labelColumn);
        if (tagCell instanceof JsonString s && !(csv() && (s.value().isEmpty() || PyList.looksLikeList(s.value())))) {
            throw new InvalidInputException(at(row, labelColumn), "expected a list of tags, found '" + excerpt(s.value()) + "'");
        }
        List<JsonValue> tagVals = cellValues(row, labelColumn, tagCell, max);
        List<String> tags = new ArrayList<>(tagVals.size());
        for (int i = 0; i < tagVals.size(); i++) {
            tags.add(tagName(row, labelColumn + "[" + i + "]", tagVals.get(i)));
        }
        if (labelColumn == null || tagCell == null || tagCell instanceof JsonNull) {
            tags = new ArrayList<>(java.util.Collections.nCopies(tokens.size(), "O"));
        } else if (tags.size() != tokens.size()) {
            throw new InvalidInputException(at(row, labelColumn), tags.size() + " tags for " + tokens.size()
                    + " tokens: '" + labelColumn + "' and '" + textColumn + "' must have the same length");
        }
        List<TagScheme.Chunk> chunks;
        try {
            chunks = scheme.decode(tags, notation, TagScheme.STRICT);
        } catch (dev.labelport.formats.conll.InvalidTagException e) {
            throw new InvalidInputException(at(row, labelColumn + "[" + e.index() + "]"), "invalid " + scheme.id()
                    + " tag sequence: token '" + excerpt(tokens.get(e.index())) + "' tagged '" + e.tag() + "': " + e.problem()
                    + " (give the right scheme= option)");
        }
        TextContent text = TextContent.fromTokens(tokens, null);
        List<Token> toks = text.tokens();
        List<Annotation> anns = new ArrayList<>(chunks.size());
        for (TagScheme.Chunk c : chunks) {
            int start = toks.get(c.start()).start();
            int end = toks.get(c.end() - 1).end();
            anns.add(Annotation.builder(new TextSpan(start, end, text.slice(start, end))).category(category(c.type(), -1)).build());
        }
        Item.Builder b = base(row, text).annotations(anns);
        if (!scheme.encode(chunks, tags.size()).equals(tags)) {
            List<JsonValue> asRead = new ArrayList<>(tags.size());
            tags.forEach(t -> asRead.add(new JsonString(t)));
            b.extensions(JsonObject.builder().put(HfCsvFormat.ID, JsonObject.builder().put("tags", new JsonArray(asRead)).build()).build());
        }
        if (!reconstructedReported) {
            reconstructedReported = true;
            ctx.reporter().loss(LossCode.TEXT_RECONSTRUCTED, Location.of(file().source()),
                    "the text of a row is its tokens joined with single spaces");
        }
        return b.build();
    }

    private String tagName(Rows.Row row, String path, JsonValue v) {
        if (v instanceof JsonString s) {
            return s.value();
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.lexical().length() < 12) {
            long i = n.longValue();
            if (names == null) {
                throw new InvalidInputException(at(row, path), "integer tags need the tag names: add " + DATASET_INFO
                        + " (features." + labelColumn + ".feature.names) or give label-names=O,B-PER,...");
            }
            if (i < 0 || i >= names.size()) {
                throw new InvalidInputException(at(row, path), "tag index " + i + " is out of range: " + names.size()
                        + " names in " + namesFrom);
            }
            return names.get((int) i);
        }
        throw new InvalidInputException(at(row, path), "a tag must be a name or an integer id, found " + v);
    }

    private static String excerpt(String s) {
        return Excerpts.of(s);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }
}
