package dev.labelport.formats.vertex;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.internal.ForeignFields;
import dev.labelport.internal.LongIntMap;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a Vertex import CSV (no header): image classification rows
 * {@code [ML_USE,]PATH[,LABEL...]}, object detection rows
 * {@code [ML_USE,]PATH,LABEL,X1,Y1,X2,Y2,X3,Y3,X4,Y4} (one box per row) and text classification
 * rows {@code [ML_USE,]TEXT_OR_URI[,LABEL...]}. Consecutive rows of one image make one item; an
 * image whose rows are scattered through the file is a located error (see the package notes).
 */
final class CsvSource extends VertexSource {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff",
            "webp", "ico", "heic", "avif", "jfif");
    private static final String[] VERTEX_COLUMNS = {"X1", "Y1", "X2", "Y2", "X3", "Y3", "X4", "Y4"};

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final DatasetHeader header;
    /** 64-bit hashes of the images already emitted, with their first line: finds scattered rows in bounded memory. */
    private final LongIntMap seen = new LongIntMap();
    private long previousLine;
    private Row lookahead;
    /** Set by the first row: every image row of a detection file has the detection columns. */
    private boolean detectionFile;
    private boolean done;
    private boolean closed;

    /** One parsed row. */
    private record Row(long line, String mlUse, String ref, boolean image, boolean detection, List<Annotation> annotations) {
    }

    CsvSource(InputStream in, ReadContext ctx, VertexFormat.ReadSettings settings) {
        super(ctx, settings);
        Reader reader = new PushbackReader(new LineLimit(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                source, ctx.limits().maxLineLength()), 1);
        try {
            skipBom((PushbackReader) reader);
            this.parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(reader);
        } catch (IOException e) {
            throw failure(e, 1);
        }
        this.records = parser.iterator();
        this.lookahead = nextRow();
        String task = null;
        if (lookahead != null) {
            task = lookahead.detection() ? "detection" : "classification";
            detectionFile = task.equals("detection");
        }
        this.header = header(CSV, task);
    }

    private static void skipBom(PushbackReader r) throws IOException {
        int c = r.read();
        if (c >= 0 && c != '\uFEFF') {
            r.unread(c);
        }
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        while (!closed) {
            Row first = lookahead != null ? lookahead : nextRow();
            lookahead = null;
            if (first == null) {
                endNotes();
                return null;
            }
            if (!first.image()) {
                return textItem(first);
            }
            List<Annotation> annotations = new ArrayList<>(first.annotations());
            Row r;
            while ((r = nextRow()) != null && r.image() && r.ref().equals(first.ref())) {
                if (!java.util.Objects.equals(r.mlUse(), first.mlUse())) {
                    // the split is no part of any box: the row's annotations stay, the image keeps its first split
                    ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, Location.ofLine(source, r.line()).withPath("ML_USE (column 1)"),
                            "rows of one image disagree on ML_USE: '" + r.mlUse() + "' here, '" + first.mlUse()
                                    + "' at line " + first.line() + ": the image's split is the first");
                }
                annotations.addAll(r.annotations());
            }
            lookahead = r;
            long key = hash(first.ref());
            int before = seen.get(key);
            if (before != LongIntMap.MISSING) {
                ctx.invalid(new InvalidInputException(Location.ofLine(source, first.line()).withPath("GCS_FILE_PATH"),
                        "rows of image '" + first.ref() + "' are not consecutive: it already had rows from line " + before
                                + ", with other images in between; this reader streams one image at a time, so sort"
                                + " the file by path (e.g. sort -t, -k2,2 with ML_USE first)"));
                continue;
            }
            seen.put(key, (int) Math.min(Integer.MAX_VALUE, first.line()));
            noteIds("item ids are the image paths (images) or line numbers (texts)");
            return imageItem(first, annotations);
        }
        return null;
    }

    private Item imageItem(Row row, List<Annotation> annotations) {
        String ref = row.ref();
        boolean uri = isUri(ref);
        return Item.image(Id.of(ref)).uri(uri ? ref : null).fileName(uri ? lastSegment(ref) : ref).normalized(true)
                .split(row.mlUse() == null ? null : MlUse.toSplit(row.mlUse())).annotations(annotations)
                .extensions(extension(row)).build();
    }

    private Item textItem(Row row) {
        noteIds("item ids are the image paths (images) or line numbers (texts)");
        String ref = row.ref();
        Item.Builder b;
        if (isUri(ref) && ref.chars().noneMatch(Character::isWhitespace)) {
            textsNotInline++;
            b = Item.text(Id.of(row.line()), TextContent.of("")).uri(ref).fileName(lastSegment(ref));
        } else {
            b = Item.text(Id.of(row.line()), TextContent.of(ref));
        }
        return b.split(row.mlUse() == null ? null : MlUse.toSplit(row.mlUse())).annotations(row.annotations())
                .extensions(extension(row)).build();
    }

    private static JsonObject extension(Row row) {
        if (row.mlUse() == null) {
            return JsonObject.EMPTY;
        }
        JsonObject derived = JsonObject.builder().put("mlUse", row.mlUse()).build();
        return JsonObject.builder().put(VertexFormat.ID, JsonObject.builder().put(ForeignFields.DERIVED, derived).build()).build();
    }

    /** The next non-blank row, or {@code null} at the end (or after an unreadable record under the lenient policy). */
    private Row nextRow() {
        while (!done) {
            CSVRecord rec;
            try {
                if (!records.hasNext()) {
                    done = true;
                    return null;
                }
                rec = records.next();
            } catch (UncheckedIOException e) {
                done = true; // the CSV parser cannot resynchronise after a broken record
                ctx.invalid(failure(e.getCause(), previousLine + 1));
                return null;
            }
            long line = previousLine + 1;
            previousLine = parser.getCurrentLineNumber();
            try {
                Row r = parse(rec, line);
                if (r != null) {
                    return r;
                }
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return null;
    }

    private InvalidInputException failure(IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            return new InvalidInputException(Location.ofLine(source, line), "invalid UTF-8 byte sequence: the file must be UTF-8 text", e);
        }
        if (e instanceof CSVException) {
            return new InvalidInputException(Location.ofLine(source, line), "malformed CSV: " + e.getMessage(), e);
        }
        throw new UncheckedIOException(e);
    }

    private Row parse(CSVRecord rec, long line) {
        int n = rec.size();
        boolean blank = true;
        for (int i = 0; i < n && blank; i++) {
            blank = rec.get(i).isBlank();
        }
        if (blank) {
            return null;
        }
        int at = 0;
        String mlUse = null;
        String first = rec.get(0).trim();
        if (n >= 2 && (MlUse.isMlUse(first) || first.isEmpty())) {
            mlUse = first.isEmpty() ? null : first;
            at = 1;
        }
        String ref = rec.get(at).trim();
        if (ref.isEmpty()) {
            throw new InvalidInputException(column(line, at, "GCS_FILE_PATH"), "the path or text is empty");
        }
        boolean image = switch (settings.media()) {
            case IMAGE -> true;
            case TEXT -> false;
            case AUTO -> detectionFile || looksLikeImage(ref);
        };
        int rest = n - at - 1;
        List<Annotation> annotations = new ArrayList<>(1);
        boolean detection = image && rest == 9 && numericOrBlank(rec, at + 2, 8);
        if (detection) {
            detection(rec, at + 1, line, annotations);
        } else if (image && detectionFile) {
            throw new InvalidInputException(column(line, Math.min(n - 1, at + 1), "LABEL"), "a detection file has"
                    + " [ML_USE,]GCS_FILE_PATH,LABEL and eight coordinate columns on every row (the first row has them);"
                    + " this row has " + n + " columns" + (rest == 9 ? ", not all coordinates numbers" : ""));
        } else {
            for (int i = at + 1; i < n; i++) {
                String label = rec.get(i).trim();
                if (!label.isEmpty()) {
                    annotations.add(Annotation.builder(Tag.INSTANCE).category(category(label, column(line, i, "LABEL"))).build());
                }
            }
        }
        return new Row(line, mlUse, ref, image, detection, annotations);
    }

    private void detection(CSVRecord rec, int labelAt, long line, List<Annotation> out) {
        String label = rec.get(labelAt).trim();
        double[] v = new double[8];
        boolean[] set = new boolean[8];
        int count = 0;
        for (int k = 0; k < 8; k++) {
            String cell = rec.get(labelAt + 1 + k).trim();
            if (!cell.isEmpty()) {
                v[k] = Double.parseDouble(cell); // checked by numericOrBlank
                set[k] = true;
                count++;
                if (!Double.isFinite(v[k]) || Math.abs(v[k]) > 1e6) {
                    throw new InvalidInputException(column(line, labelAt + 1 + k, VERTEX_COLUMNS[k]),
                            "a normalised coordinate should be within [0, 1], found " + cell);
                }
            }
        }
        if (count == 0) {
            if (!label.isEmpty()) { // a label without a box: an image-level label
                out.add(Annotation.builder(Tag.INSTANCE).category(category(label, column(line, labelAt, "LABEL"))).build());
            }
            return;
        }
        boolean two = set[0] && set[1] && set[4] && set[5] && count == 4;
        if (!two && count != 8) {
            int bad = 0;
            boolean[] twoPattern = {true, true, false, false, true, true, false, false};
            while (bad < 8 && set[bad] == twoPattern[bad]) {
                bad++;
            }
            throw new InvalidInputException(column(line, labelAt + 1 + Math.min(bad, 7), VERTEX_COLUMNS[Math.min(bad, 7)]),
                    "expected two vertices (X_MIN,Y_MIN,,,X_MAX,Y_MAX,,) or four (clockwise from the top left), found "
                            + count + " coordinates");
        }
        Location at = column(line, labelAt, "LABEL");
        if (label.isEmpty()) {
            throw new InvalidInputException(at, "a box needs a label");
        }
        double xMin;
        double yMin;
        double xMax;
        double yMax;
        Integer vertices = null;
        if (two) {
            xMin = v[0];
            yMin = v[1];
            xMax = v[4];
            yMax = v[5];
        } else {
            xMin = Math.min(Math.min(v[0], v[2]), Math.min(v[4], v[6]));
            xMax = Math.max(Math.max(v[0], v[2]), Math.max(v[4], v[6]));
            yMin = Math.min(Math.min(v[1], v[3]), Math.min(v[5], v[7]));
            yMax = Math.max(Math.max(v[1], v[3]), Math.max(v[5], v[7]));
            boolean aligned = v[0] == xMin && v[1] == yMin && v[2] == xMax && v[3] == yMin && v[4] == xMax
                    && v[5] == yMax && v[6] == xMin && v[7] == yMax;
            if (aligned) {
                vertices = 4;
            } else {
                ctx.reporter().loss(LossCode.APPROXIMATED_GEOMETRY, column(line, labelAt + 1, "X1"),
                        "four vertices that are not an axis-aligned box clockwise from the top left: read as their bounding box");
            }
        }
        if (xMax < xMin || yMax < yMin) {
            throw new InvalidInputException(column(line, labelAt + 1, "X_MIN"), "X_MAX must not be below X_MIN, nor Y_MAX"
                    + " below Y_MIN: " + xMin + ", " + yMin + ", " + xMax + ", " + yMax);
        }
        out.add(Annotation.builder(new Box(xMin, yMin, xMax - xMin, yMax - yMin)).category(category(label, at))
                .extensions(JsonlSource.annotationExtension(JsonObject.EMPTY, JsonObject.EMPTY, vertices)).build());
    }

    private static boolean numericOrBlank(CSVRecord rec, int from, int count) {
        for (int i = from; i < from + count; i++) {
            String s = rec.get(i).trim();
            if (!s.isEmpty()) {
                if (s.length() > 40) {
                    return false;
                }
                try {
                    Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return false;
                }
                char last = s.charAt(s.length() - 1);
                if (!Character.isDigit(last) && last != '.') {
                    return false; // Java accepts "1d", "1f", "NaN", "Infinity": CSV numbers do not
                }
            }
        }
        return true;
    }

    /** Whether a reference names an image file (by its extension; a file name without whitespace, a URI with). */
    static boolean looksLikeImage(String ref) {
        if (ref.indexOf('\n') >= 0 || ref.indexOf('\r') >= 0 || !isUri(ref) && ref.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int dot = ref.lastIndexOf('.');
        return dot > ref.lastIndexOf('/') && IMAGE_EXTENSIONS.contains(ref.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private Location column(long line, int index, String name) {
        return Location.ofLine(source, line).withPath(name + " (column " + (index + 1) + ")");
    }

    /** FNV-1a over the characters, then a finaliser: collisions among a file's paths are practically impossible. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Fails a line longer than the limit while it is read, before the CSV parser buffers it
     * (Commons CSV has no limit of its own).
     */
    private static final class LineLimit extends java.io.FilterReader {
        private final String source;
        private final int max;
        private long line = 1;
        private long length;

        LineLimit(Reader in, String source, int max) {
            super(in);
            this.source = source;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                count(buf[off + i]);
            }
            return n;
        }

        private void count(char c) {
            if (c == '\n') {
                line++;
                length = 0;
            } else if (++length > max + 1L) { // one more for the \r of a CRLF line
                throw new dev.labelport.error.LimitExceededException(Location.ofLine(source, line),
                        "line longer than the limit of " + max + " characters (Limits.maxLineLength)");
            }
        }
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
}
