package dev.labelport.formats.csv;

import dev.labelport.error.InvalidInputException;
import dev.labelport.formats.images.ImageHeaders;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.ChildBuckets;
import dev.labelport.internal.ForeignFields;
import dev.labelport.internal.GroupingIndex;
import dev.labelport.internal.IntList;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.model.Timestamp;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ReadContext;
import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file in two passes. The first parses the whole file as ISO-8859-1 (so that a
 * character position is a byte offset and the structure — commas, quotes, line breaks — is the
 * same as in UTF-8), checks every row's column count, and indexes the rows by item key in a
 * {@link GroupingIndex}: about 28 bytes per row, no row kept. The second walks the items in the
 * order of their first row and parses each item's rows again from their byte ranges, in place when
 * the rows of each item are consecutive, else through {@link ChildBuckets} bucket files.
 */
final class CsvReader implements AnnotationSource {
    private static final long BUCKET_BYTES = 4L << 20;
    static final CSVFormat DIALECT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final Path input;
    private final ReadContext ctx;
    private final String source;
    private final Preset forced;
    private final CsvFormat.Units units;
    private final Path images;

    private final GroupingIndex index = new GroupingIndex();
    private final IntList rowNumbers = new IntList(1024);
    private Preset preset;
    private List<String> columns;
    private boolean bom;
    private boolean crlf;
    private boolean quotedHeader;
    private boolean scattered;
    private boolean normalized;
    private boolean allUnitInterval = true;
    private boolean anyFraction;
    private RowDecoder decoder;
    private DatasetHeader header;
    private ChildBuckets buckets;
    private int nextParent;
    private boolean closed;

    CsvReader(Path input, ReadContext ctx, Preset forced, CsvFormat.Units units, String images) {
        this.input = input;
        Path folder = input.toAbsolutePath().getParent();
        this.images = folder == null ? null : images == null ? folder : folder.resolve(images);
        this.ctx = ctx;
        this.source = ctx.sourceName();
        this.forced = forced;
        this.units = units;
        scan();
        index.seal();
        buckets = ChildBuckets.prepare(input, index, ctx.tempDirectory(), BUCKET_BYTES);
    }

    // ------------------------------------------------------------------ pass 1

    /** Counts the characters read and refuses a record longer than the line limit. */
    private final class CountingReader extends FilterReader {
        long count;
        long recordStart;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count++;
                check();
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                for (int i = off; i < off + n; i++) {
                    if (buf[i] == 0) {
                        throw new InvalidInputException(Location.of(source), "a NUL byte at offset " + (count + i - off)
                                + ": this is not a text CSV file");
                    }
                }
                count += n;
                check();
            }
            return n;
        }

        private void check() {
            // read-ahead is at most a few buffers: 64 KiB of slack keeps the check honest
            if (count - recordStart > ctx.limits().maxLineLength() + 65536L) {
                throw new LimitExceededException(new Location(source, -1, -1, recordStart + (bom ? 3 : 0), null),
                        "a CSV record longer than the line limit of " + ctx.limits().maxLineLength() + " characters");
            }
        }
    }

    /** A row waiting for the start of the next to know its byte length. */
    private record Pending(int ordinal, long position, int line, int row, int cap) {
    }

    private void scan() {
        try (InputStream raw = Files.newInputStream(input)) {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(3);
            byte[] b = in.readNBytes(3);
            bom = b.length == 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
            if (!bom) {
                in.reset();
            }
            CountingReader reader = new CountingReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            try (CSVParser parser = DIALECT.parse(reader)) {
                scanRecords(parser, reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private void scanRecords(CSVParser parser, CountingReader reader) {
        Iterator<CSVRecord> it = parser.iterator();
        long lineAfterPrevious = 0;
        Pending pending = null;
        int row = 0;
        int lastOrdinal = -1;
        while (true) {
            CSVRecord rec;
            int line = (int) Math.min(Integer.MAX_VALUE, lineAfterPrevious + 1);
            try {
                if (!it.hasNext()) {
                    break;
                }
                rec = it.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
                throw new InvalidInputException(new Location(source, line, -1, -1, columns == null ? "header" : "row " + (row + 1)),
                        (why != null && why.contains("EOF") ? "unterminated quoted field (the closing \" is missing): " : "bad CSV: ") + why, e);
            }
            lineAfterPrevious = parser.getCurrentLineNumber();
            long position = rec.getCharacterPosition();
            reader.recordStart = position;
            if (pending != null) {
                add(pending, position);
                pending = null;
            }
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                continue; // a blank line
            }
            if (columns == null) {
                readHeader(rec, line);
                continue;
            }
            row++;
            int content = 0;
            for (String s : rec) {
                content += s.length() + 1;
            }
            if (content > ctx.limits().maxLineLength()) {
                throw new LimitExceededException(new Location(source, line, -1, position + (bom ? 3 : 0), "row " + row),
                        "a CSV record longer than the line limit of " + ctx.limits().maxLineLength() + " characters");
            }
            if (rec.size() != columns.size()) {
                ctx.invalid(new InvalidInputException(new Location(source, line, -1, position + (bom ? 3 : 0), "row " + row),
                        "row " + row + " has " + rec.size() + " columns, the header has " + columns.size()));
                continue;
            }
            String key = key(rec);
            if (key == null) {
                ctx.invalid(new InvalidInputException(new Location(source, line, -1, position + (bom ? 3 : 0),
                        "row " + row + " column " + keyColumn()), "row " + row + " names no item (empty " + keyColumn() + ")"));
                continue;
            }
            sampleUnits(rec);
            int ordinal = index.ordinal(key);
            boolean first = index.addParent(ordinal, position + (bom ? 3 : 0), 0, line);
            if (!first && ordinal != lastOrdinal) {
                scattered = true;
            }
            lastOrdinal = ordinal;
            pending = new Pending(ordinal, position, line, row, 2 * content + 2 * rec.size() + 8);
        }
        if (pending != null) {
            add(pending, reader.count);
        }
        if (columns == null) {
            throw new InvalidInputException(Location.ofLine(source, 1), "no header row: the file is empty");
        }
    }

    private void add(Pending p, long next) {
        int length = (int) Math.min(next - p.position(), p.cap());
        index.addChild(p.ordinal(), p.position() + (bom ? 3 : 0), length, p.line());
        rowNumbers.add(p.row());
    }

    private void readHeader(CSVRecord rec, int line) {
        List<String> names = new ArrayList<>(rec.size());
        for (String s : rec) {
            names.add(utf8(s).strip());
        }
        Preset p = forced != null ? forced : Preset.detect(names);
        if (p == null) {
            throw new InvalidInputException(new Location(source, line, -1, -1, "header"),
                    "not an annotation CSV header: " + RowDecoder.abbreviate(String.join(",", names))
                            + " (expected the labelport columns, or those of the tensorflow, vott or openimages presets)");
        }
        if (!p.matches(names)) {
            throw new InvalidInputException(new Location(source, line, -1, -1, "header"),
                    "preset " + p.id + " needs the columns " + p.required + "; the header has " + names);
        }
        preset = p;
        columns = names;
        quotedHeader = headerQuoted();
    }

    /** Whether the header starts with a quote; also notes whether its line ends in CRLF. */
    private boolean headerQuoted() {
        try (InputStream in = Files.newInputStream(input)) {
            byte[] head = in.readNBytes(8192);
            int start = bom ? 3 : 0;
            for (int i = start; i < head.length; i++) {
                if (head[i] == '\n') {
                    crlf = i > start && head[i - 1] == '\r';
                    break;
                }
            }
            return head.length > start && head[start] == '"';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String keyColumn() {
        switch (preset) {
            case TENSORFLOW:
                return "filename";
            case VOTT:
                return "image";
            case OPENIMAGES:
                return "ImageID";
            default:
                return columns.contains(Columns.ITEM_ID) ? Columns.ITEM_ID : Columns.IMAGE;
        }
    }

    /** The item a row belongs to (as ISO-8859-1 text: equal bytes give equal keys), or {@code null}. */
    private String key(CSVRecord rec) {
        if (preset == Preset.LABELPORT) {
            String id = cell(rec, Columns.ITEM_ID);
            if (id != null && !id.isEmpty()) {
                return "i" + id;
            }
            String image = cell(rec, Columns.IMAGE);
            return image == null || image.isEmpty() ? null : "f" + image;
        }
        String k = cell(rec, keyColumn());
        return k == null || k.strip().isEmpty() ? null : k.strip();
    }

    private String cell(CSVRecord rec, String column) {
        int i = columns.indexOf(column);
        return i < 0 ? null : rec.get(i);
    }

    /** TensorFlow CSVs in the wild hold pixels or fractions: unit=auto looks at every corner. */
    private void sampleUnits(CSVRecord rec) {
        if (preset != Preset.TENSORFLOW || units != CsvFormat.Units.AUTO) {
            return;
        }
        for (String c : List.of("xmin", "ymin", "xmax", "ymax")) {
            String s = cell(rec, c).strip();
            try {
                double d = Double.parseDouble(s);
                allUnitInterval &= d >= 0 && d <= 1;
                anyFraction |= d != Math.rint(d);
            } catch (NumberFormatException e) {
                // reported with its location in the second pass
            }
        }
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ header

    @Override
    public DatasetHeader header() {
        if (header == null) {
            normalized = preset == Preset.OPENIMAGES || preset == Preset.TENSORFLOW
                    && (units == CsvFormat.Units.NORMALIZED || units == CsvFormat.Units.AUTO && allUnitInterval && anyFraction);
            if (preset == Preset.TENSORFLOW && units == CsvFormat.Units.AUTO && normalized) {
                ctx.reporter().loss(CsvFormat.UNITS_DETECTED, Location.of(source),
                        "every corner lies within [0, 1] and some are fractional: read as normalised coordinates");
            }
            decoder = new RowDecoder(preset, columns, ctx.limits(), normalized);
            JsonObject.Builder ext = JsonObject.builder().put(Columns.EXT_PRESET, preset.id);
            List<JsonValue> names = new ArrayList<>();
            for (String c : columns) {
                names.add(new JsonString(c));
            }
            if (!columns.equals(preset.columns)) {
                ext.put(Columns.EXT_COLUMNS, new JsonArray(names));
            }
            if (bom) {
                ext.put(Columns.EXT_BOM, JsonBoolean.TRUE);
            }
            if (crlf) {
                ext.put(Columns.EXT_CRLF, JsonBoolean.TRUE);
            }
            if (quotedHeader) {
                ext.put(Columns.EXT_QUOTED, JsonBoolean.TRUE);
            }
            // layout facts, not data: filed as derived so that converting elsewhere reports no loss
            header = new DatasetHeader(null, CsvFormat.ID, null, List.of(), JsonObject.builder().put(CsvFormat.ID,
                    JsonObject.builder().put(ForeignFields.DERIVED, ext.build()).build()).build());
            if (scattered) {
                ctx.reporter().loss(CsvFormat.REGROUPED_ROWS, Location.of(source),
                        "rows of one item are not consecutive: items are emitted in the order of their first row");
            }
        }
        return header;
    }

    // ------------------------------------------------------------------ pass 2

    @Override
    public Item next() {
        header();
        while (nextParent < index.parentCount()) {
            int ordinal = index.parentOrdinal(nextParent++);
            Item item = item(ordinal);
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    private Item item(int ordinal) {
        Item.Builder item = null;
        List<Annotation> annotations = new ArrayList<>();
        JsonObject itemExtra = JsonObject.EMPTY;
        JsonObject itemColumns = JsonObject.EMPTY;
        for (int pos = index.childStart(ordinal); pos < index.childEnd(ordinal); pos++) {
            int child = index.sortedChild(pos);
            RowDecoder.Row r;
            try {
                r = decoder.decode(record(child));
            } catch (RowDecoder.RowException e) {
                Location where = new Location(source, index.childLine(child), -1, index.childOffset(child),
                        "row " + rowNumbers.get(child) + " column " + e.column);
                String detail = "row " + rowNumbers.get(child) + ", column " + e.column + ": " + e.getMessage();
                if (e.limit) {
                    throw new LimitExceededException(where, detail);
                }
                ctx.invalid(new InvalidInputException(where, detail));
                continue;
            }
            String inconsistent = decoder.takeInconsistency();
            if (inconsistent != null) {
                ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, new Location(source, index.childLine(child), -1,
                        index.childOffset(child), "row " + rowNumbers.get(child) + " column " + Columns.EXTRA), inconsistent);
            }
            if (item == null) {
                item = Item.image(r.itemId()).fileName(r.fileName()).size(r.width(), r.height()).split(r.split())
                        .normalized(normalized);
            }
            if (itemExtra.isEmpty()) {
                itemExtra = r.itemExtra();
            }
            if (itemColumns.isEmpty()) {
                itemColumns = r.itemColumns();
            }
            if (r.annotation() != null) {
                annotations.add(r.annotation());
            }
        }
        if (item == null) {
            return null; // every row was invalid and skipped
        }
        applyItemExtra(item, itemExtra);
        if (!itemColumns.isEmpty()) {
            item.extensions(JsonObject.builder().put(CsvFormat.ID,
                    JsonObject.builder().put(Columns.EXT_COLUMNS, itemColumns).build()).build());
        }
        return item.annotations(annotations).build();
    }

    private void applyItemExtra(Item.Builder item, JsonObject x) {
        if (x.isEmpty()) {
            return;
        }
        item.uri(x.string(Columns.XI_URI));
        item.dataset(x.string(Columns.XI_DATASET));
        item.metadata(x.object(Columns.XI_METADATA));
        item.status(RowDecoder.status(x.string(Columns.XI_STATUS), x.string(Columns.X_STATUS_CANONICAL), Columns.EXTRA));
        item.created(Timestamp.parse(x.string(Columns.XI_CREATED)));
        item.updated(Timestamp.parse(x.string(Columns.XI_UPDATED)));
        JsonObject a = x.object(Columns.XI_ANNOTATOR);
        if (a.string("id") != null || a.string("name") != null) {
            item.annotator(new Annotator(a.string("id"), a.string("name")));
        }
        if (x.get(Columns.XI_NORMALIZED) instanceof JsonBoolean b) {
            item.normalized(b.value());
        }
    }

    /** The cells of one row, re-parsed from its bytes as UTF-8. */
    private String[] record(int child) {
        buckets.read(child);
        ByteBuffer bytes = ByteBuffer.wrap(buckets.buffer(), buckets.offset(), index.childLength(child));
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString(), child);
        } catch (CharacterCodingException e) {
            // the byte range may run past the row (over blank or skipped lines): only the row must be UTF-8
            bytes.rewind();
            String[] values = parse(StandardCharsets.UTF_8.decode(bytes).toString(), child);
            for (String v : values) {
                if (v.indexOf('\uFFFD') >= 0) {
                    throw new InvalidInputException(new Location(source, index.childLine(child), -1, index.childOffset(child),
                            "row " + rowNumbers.get(child)), "row " + rowNumbers.get(child) + " is not UTF-8 text", e);
                }
            }
            return values;
        }
    }

    private String[] parse(String text, int child) {
        try (CSVParser p = DIALECT.parse(new StringReader(text))) {
            return p.iterator().next().values();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("a row parsed in the first pass failed in the second: line "
                    + index.childLine(child), e);
        }
    }

    /**
     * The size of an item's image, read from its header: the file named in the row, or for Open
     * Images {@code <ImageID>.jpg}, {@code .jpeg} or {@code .png}, in the {@code images} folder
     * (default: the CSV's own folder). Asked only when a conversion needs pixels.
     */
    @Override
    public ImageSize imageSize(Item item) {
        Path p = imageFile(item);
        return p == null ? null : ImageHeaders.forSource(p, source, p.getFileName().toString(), ctx.limits());
    }

    /** The file named in the row (or Open Images' {@code <ImageID>.jpg|.jpeg|.png}) in the {@code images} folder. */
    @Override
    public Path imageFile(Item item) {
        if (images == null) {
            return null;
        }
        List<String> names = item.fileName() != null ? List.of(item.fileName())
                : List.of(item.id().text() + ".jpg", item.id().text() + ".jpeg", item.id().text() + ".png");
        for (String name : names) {
            try {
                Path p = images.resolve(name);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (buckets != null) {
            buckets.close();
        }
    }
}
