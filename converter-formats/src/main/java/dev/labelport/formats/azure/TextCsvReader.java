package dev.labelport.formats.azure;

import dev.labelport.internal.Excerpts;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonArray;
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
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams an Azure AutoML text-classification CSV one row at a time with Commons CSV: a header
 * row, then one text per row. The label column is the option's, else the last; the first other
 * column is the item's text and the rest go to its metadata under their header names.
 */
final class TextCsvReader implements AnnotationSource {
    static final int SAMPLE_ROWS = 1000;
    /** Header names that, as the last column, make a CSV look like Azure's (for detection only). */
    private static final Set<String> LABEL_NAMES = Set.of("label", "labels", "target", "class", "category",
            "categories", "tag", "tags", "intent", "sentiment");

    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final ReadContext ctx;
    private final String source;
    private final Task task;
    private final BoundedReader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> columns;
    private final int labelAt;
    private final int textAt;
    private final DatasetHeader header;
    private final Map<String, Category> categories = new HashMap<>();
    private long index;
    private boolean closed;

    private TextCsvReader(Path input, ReadContext ctx, Task task, String labelColumn) {
        this.ctx = ctx;
        this.source = ctx.sourceName();
        this.reader = new BoundedReader(decoder(input, source), source, ctx.limits().maxStringLength());
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader.parser = parser;
        try {
            this.rows = parser.iterator();
            CSVRecord head = nextRecord();
            this.columns = head == null ? List.of() : head.toList();
            this.labelAt = columns.isEmpty() ? -1 : labelColumn == null ? columns.size() - 1 : columns.indexOf(labelColumn);
            if (!columns.isEmpty()) {
                checkHeader(labelColumn);
            }
            this.textAt = labelAt == 0 ? 1 : 0;
            this.task = task != null ? task : columns.isEmpty() ? Task.TEXT_CLASSIFICATION : sample(input, ctx, labelAt);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        JsonObject.Builder ext = JsonObject.builder();
        if (!columns.isEmpty()) {
            ext.put("columns", new JsonArray(columns.stream().<JsonValue>map(JsonString::new).toList()))
                    .put("labelColumn", columns.get(labelAt));
        }
        ext.put("derived", JsonObject.builder().put("task", this.task.id()).build());
        this.header = new DatasetHeader(null, AzureAutomlFormat.ID, null, List.of(),
                JsonObject.builder().put(AzureAutomlFormat.ID, ext.build()).build());
    }

    static TextCsvReader open(Path input, ReadContext ctx, Task task, String labelColumn) {
        return new TextCsvReader(input, ctx, task, labelColumn);
    }

    private void checkHeader(String labelColumn) {
        if (labelAt < 0) {
            throw new InvalidInputException(Location.ofLine(source, 1), "no column named '" + labelColumn
                    + "' (option label-column) in the header " + columns);
        }
        if (columns.size() < 2) {
            throw new InvalidInputException(Location.ofLine(source, 1), "the header " + columns
                    + " has no text column: expected one or more text columns and a label column");
        }
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) {
                throw new InvalidInputException(Location.ofLine(source, 1), "the header names column '" + c
                        + "' twice: columns must have distinct names");
            }
        }
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        while (!closed && !columns.isEmpty()) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord row = nextRecord();
            if (row == null) {
                return null;
            }
            index++;
            try {
                return item(row, line);
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return null;
    }

    private Item item(CSVRecord row, long line) {
        if (row.size() != columns.size()) {
            throw new InvalidInputException(Location.ofLine(source, line), "the row has " + row.size() + " cell"
                    + (row.size() == 1 ? "" : "s") + " but the header has " + columns.size() + " columns " + columns);
        }
        JsonObject.Builder metadata = JsonObject.builder();
        for (int i = 0; i < columns.size(); i++) {
            String cell = row.get(i);
            if (cell.indexOf('\0') >= 0) {
                throw new InvalidInputException(at(line, i), "a NUL character: the file is not CSV text");
            }
            if (cell.length() > ctx.limits().maxStringLength()) {
                throw new LimitExceededException(at(line, i), "a cell longer than " + ctx.limits().maxStringLength()
                        + " characters (Limits.maxStringLength)");
            }
            if (i != labelAt && i != textAt) {
                metadata.put(columns.get(i), cell);
            }
        }
        String cell = row.get(labelAt);
        List<String> names = labels(cell, line);
        List<Annotation> tags = new ArrayList<>(names.size());
        for (String name : names) {
            tags.add(Annotation.builder(Tag.INSTANCE).category(category(name, line)).build());
        }
        JsonObject ext = JsonObject.EMPTY;
        if (task.labelList() && !cell.equals(PythonList.format(names))) {
            ext = JsonObject.builder().put(AzureAutomlFormat.ID, JsonObject.builder()
                    .put("derived", JsonObject.builder().put("labels", cell).build()).build()).build();
        }
        return Item.text(Id.of(index), TextContent.of(row.get(textAt))).metadata(metadata.build())
                .annotations(tags).extensions(ext).build();
    }

    /** The class names of a label cell. */
    private List<String> labels(String cell, long line) {
        if (!task.labelList()) {
            return cell.isEmpty() ? List.of() : List.of(cell);
        }
        if (!PythonList.isLiteral(cell)) {
            return PythonList.splitPlain(cell);
        }
        try {
            return PythonList.parse(cell);
        } catch (PythonList.SyntaxException e) {
            throw new InvalidInputException(at(line, labelAt), "label cell " + excerpt(cell) + " is not a Python list"
                    + " literal such as ['a', 'b']: " + e.getMessage() + " (character " + (e.position() + 1) + ")");
        }
    }

    /** A row's cell: the line and, as the path, the column's header name. */
    private Location at(long line, int column) {
        return new Location(source, line, -1, -1, "column '" + columns.get(column) + "'");
    }

    private static String excerpt(String s) {
        return "'" + Excerpts.of(s) + "'";
    }

    private Category category(String name, long line) {
        Category c = categories.get(name);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(at(line, labelAt),
                        "more than " + ctx.limits().maxCategories() + " classes (Limits.maxCategories)");
            }
            c = Category.of(Id.of(name), name);
            categories.put(name, c);
        }
        return c;
    }

    private CSVRecord nextRecord() {
        try {
            reader.restart();
            return rows.hasNext() ? rows.next() : null;
        } catch (UncheckedIOException e) {
            throw translate(e.getCause(), parser.getCurrentLineNumber() + 1);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException io) { // Commons CSV wraps parse errors so in its iterator
                throw translate(io, parser.getCurrentLineNumber() + 1);
            }
            throw e;
        }
    }

    private RuntimeException translate(IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            return new InvalidInputException(Location.ofLine(source, line), "invalid UTF-8: the file must be UTF-8 text", e);
        }
        if (e instanceof CSVException) {
            return new InvalidInputException(Location.ofLine(source, line), "malformed CSV: " + e.getMessage(), e);
        }
        return new UncheckedIOException(e);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------ decoding, detection, sampling

    /** A strict UTF-8 reader of the file without its byte order mark. */
    private static Reader decoder(Path input, String source) {
        try {
            PushbackReader r = new PushbackReader(new InputStreamReader(Files.newInputStream(input),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
            int c = r.read();
            if (c >= 0 && c != '\uFEFF') {
                r.unread(c);
            }
            return r;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(new Location(source, 1, 1, 0, null), "invalid UTF-8: the file must be UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Multi-label when a sampled label cell is a well-formed list literal. */
    private static Task sample(Path input, ReadContext ctx, int labelAt) {
        try (CSVParser p = CSVParser.builder().setReader(new BoundedReader(decoder(input, ctx.sourceName()), ctx.sourceName(), ctx.limits().maxStringLength()))
                .setFormat(FORMAT).get()) {
            int n = 0;
            for (CSVRecord r : p) {
                if (n++ > SAMPLE_ROWS) {
                    break;
                }
                if (n > 1 && labelAt < r.size() && isList(r.get(labelAt))) {
                    return Task.TEXT_MULTILABEL;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the real pass reports it where it is
        }
        return Task.TEXT_CLASSIFICATION;
    }

    private static boolean isList(String cell) {
        if (!PythonList.isLiteral(cell)) {
            return false;
        }
        try {
            PythonList.parse(cell);
            return true;
        } catch (PythonList.SyntaxException e) {
            return false;
        }
    }

    /** For detection: a header row of two or more cells whose last names a label column. */
    static boolean looksLikeLabelledCsv(String head) {
        if (head.indexOf('\0') >= 0) {
            return false;
        }
        int nl = head.indexOf('\n');
        String first = nl < 0 ? head : head.substring(0, nl);
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(first)).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> it = p.iterator();
            if (!it.hasNext()) {
                return false;
            }
            List<String> cells = it.next().toList();
            return cells.size() >= 2 && LABEL_NAMES.contains(cells.get(cells.size() - 1).strip().toLowerCase(Locale.ROOT));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Fails when one record runs past the string limit (an unclosed quote would otherwise read the
     * whole file into one cell); {@link #restart} between records.
     */
    private static final class BoundedReader extends FilterReader {
        private final String source;
        private final long limit;
        private long count;
        CSVParser parser;

        BoundedReader(Reader in, String source, int maxStringLength) {
            super(in);
            this.source = source;
            this.limit = (long) maxStringLength + (1 << 16); // the parser reads ahead by a buffer
        }

        void restart() {
            count = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = super.read(cbuf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                long line = parser == null ? 1 : parser.getCurrentLineNumber() + 1;
                throw new LimitExceededException(Location.ofLine(source, line), "a CSV record longer than the string limit"
                        + " (Limits.maxStringLength): an unclosed quote?");
            }
        }
    }
}
