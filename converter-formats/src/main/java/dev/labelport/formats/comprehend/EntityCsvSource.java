package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.internal.ChildBuckets;
import dev.labelport.internal.Excerpts;
import dev.labelport.internal.GroupingIndex;
import dev.labelport.internal.LongList;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * An annotations CSV with its documents: every other file of the folder, or, for a CSV given
 * alone, the files beside it that its {@code File} column names (listed in a
 * {@code FILES_BESIDE} note). Rows may come in any
 * order: a first pass checks each row and spills it as a 16-byte record to a temporary file,
 * indexed by (document, line) in a {@link GroupingIndex}; {@link ChildBuckets} then serves the
 * rows of each line while the documents are walked in order (regrouping them through bucket
 * files when they are shuffled). Memory: about 30 bytes per row, one bucket, one line.
 */
final class EntityCsvSource implements AnnotationSource {
    private static final long BUCKET_BYTES = 8L << 20;
    private static final int RECORD = 16;
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private final ReadContext ctx;
    private final ComprehendFormat.Settings settings;
    private final String csvName;
    private final List<Path> docs = new ArrayList<>();
    private final List<String> docNames = new ArrayList<>();
    private final Categories categories;
    private final boolean lineMode;
    private final DatasetHeader header;
    private final GroupingIndex index = new GroupingIndex();
    /** For a CSV given alone: the folder its documents are looked up in by name; else null. */
    private final Path beside;
    private Path temp;
    private ChildBuckets buckets;
    private long[] keys;
    private int keyPos;

    private int docPos = -1;
    private TextFiles.Lines lines;
    private boolean fileDocPending;
    private long items;
    private boolean closed;

    EntityCsvSource(Path root, Path csv, ReadContext ctx, ComprehendFormat.Settings settings) {
        this(root, csv, ctx, settings, false);
    }

    /** The CSV {@code csv} given without its folder: its documents are the files beside it that it names. */
    static EntityCsvSource alone(Path csv, ReadContext ctx, ComprehendFormat.Settings settings) {
        Path folder = csv.toAbsolutePath().getParent();
        return new EntityCsvSource(folder, csv, ctx, settings, true);
    }

    private EntityCsvSource(Path root, Path csv, ReadContext ctx, ComprehendFormat.Settings settings, boolean alone) {
        this.ctx = ctx;
        this.settings = settings;
        this.csvName = alone ? ctx.sourceName() : ComprehendFormat.sourceName(root, csv, ctx);
        this.categories = new Categories(ctx, "entity types");
        this.beside = alone ? root : null;
        Map<String, Integer> docIndex = new HashMap<>();
        for (Path f : alone ? List.<Path>of() : Sniff.files(root)) {
            if (!f.equals(csv)) {
                add(docIndex, Sniff.relative(root, f), f);
            }
        }
        try {
            this.lineMode = scan(csv, docIndex);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (alone) {
            ctx.reporter().loss(LossCode.FILES_BESIDE, Location.of(csvName), "the annotations CSV was given alone: "
                    + (docNames.isEmpty() ? "it names no document" : (docNames.size() == 1 ? "its document was"
                    : "its " + docNames.size() + " documents were") + " read from beside it ("
                    + Excerpts.of(String.join(", ", docNames), 200) + ")"));
        }
        JsonObject ext = JsonObject.builder().put("task", "entities").put("flavour", "csv")
                .put("documentMode", lineMode ? "line" : "file").build();
        this.header = Categories.header(categories.list(), ext);
    }

    /** First pass: checks and spills every row; returns whether documents are one per line. */
    private boolean scan(Path csv, Map<String, Integer> docIndex) {
        LongList distinct = new LongList(1024);
        boolean hasLine;
        try (TextFiles.Rows rows = new TextFiles.Rows(csv, csvName, FORMAT, ctx.limits().maxLineLength())) {
            CSVRecord head = rows.next();
            Map<String, Integer> cols = new HashMap<>();
            for (int i = 0; head != null && i < head.size(); i++) {
                cols.putIfAbsent(Sniff.norm(head.get(i)), i);
            }
            int file = column(cols, "file");
            int begin = column(cols, "beginoffset");
            int end = column(cols, "endoffset");
            int type = column(cols, "type");
            Integer line = cols.get("line");
            hasLine = line != null;
            if (settings.documentMode() != ComprehendFormat.DocumentMode.AUTO
                    && hasLine != (settings.documentMode() == ComprehendFormat.DocumentMode.LINE)) {
                throw new InvalidInputException(Location.ofLine(csvName, 1), "document-mode=" + (hasLine ? "file" : "line")
                        + " but the header " + (hasLine ? "has" : "has no") + " Line column");
            }
            int needed = Math.max(Math.max(file, begin), Math.max(end, type)) + 1;
            if (hasLine) {
                needed = Math.max(needed, line + 1);
            }
            temp = ctx.tempDirectory() == null ? Files.createTempFile("labelport-comprehend-", ".bin")
                    : Files.createTempFile(ctx.tempDirectory(), "labelport-comprehend-", ".bin");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
                long offset = 0;
                for (CSVRecord r = rows.next(); r != null; r = rows.next()) {
                    Location at = Location.ofLine(csvName, rows.line());
                    try {
                        if (r.size() < needed) {
                            throw new InvalidInputException(at, "expected " + needed + " columns as in the header, found " + r.size());
                        }
                        Integer doc = docIndex.get(r.get(file));
                        if (doc == null && beside != null) {
                            doc = besideDocument(r.get(file), csv, docIndex);
                        }
                        if (doc == null) {
                            throw new InvalidInputException(at, "unknown File '" + Spans.excerpt(r.get(file))
                                    + "': no such document beside the annotations CSV");
                        }
                        int n = hasLine ? number(r.get(line), "Line", at) : 0;
                        int b = number(r.get(begin), "Begin Offset", at);
                        int e = number(r.get(end), "End Offset", at);
                        String t = r.get(type);
                        if (t.isEmpty()) {
                            throw new InvalidInputException(at, "empty Type");
                        }
                        int typeIndex = categories.index(t, at);
                        long key = ((long) doc << 32) | n;
                        int ordinal = index.ordinal(key);
                        if (ordinal == distinct.size()) {
                            distinct.add(key);
                        }
                        out.writeInt(b);
                        out.writeInt(e);
                        out.writeInt((int) Math.min(Integer.MAX_VALUE, rows.line()));
                        out.writeInt(typeIndex);
                        index.addChild(ordinal, offset, RECORD, (int) Math.min(Integer.MAX_VALUE, rows.line()));
                        offset += RECORD;
                    } catch (InvalidInputException ex) {
                        ctx.invalid(ex);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = new long[distinct.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = distinct.get(i);
        }
        Arrays.sort(keys);
        for (long k : keys) {
            index.addParent(index.ordinal(k), 0, 0, 0);
        }
        index.seal();
        buckets = ChildBuckets.prepare(temp, index, ctx.tempDirectory(), BUCKET_BYTES);
        return hasLine;
    }

    private void add(Map<String, Integer> docIndex, String name, Path file) {
        docIndex.put(name, docs.size());
        docNames.add(name);
        docs.add(file);
    }

    /** The document a CSV given alone names, when it is a file beside (or below) the CSV; else null. */
    private Integer besideDocument(String name, Path csv, Map<String, Integer> docIndex) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            return null;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
        }
        Path p;
        try {
            p = beside.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (!p.startsWith(beside) || p.equals(csv.toAbsolutePath()) || !Files.isRegularFile(p)) {
            return null;
        }
        add(docIndex, name, p);
        return docs.size() - 1;
    }

    private int column(Map<String, Integer> cols, String name) {
        Integer i = cols.get(name);
        if (i == null) {
            throw new InvalidInputException(Location.ofLine(csvName, 1), "the header has no '" + name
                    + "' column (expected File, Line, Begin Offset, End Offset, Type)");
        }
        return i;
    }

    private static int number(String s, String what, Location at) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException(at, what + " '" + Spans.excerpt(s) + "' is not a number from 0");
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        while (!closed) {
            if (lines != null) {
                String text = lines.next();
                if (text != null) {
                    return item(text, lines.returned() - 1);
                }
                long count = lines.returned();
                lines.close();
                lines = null;
                endDocument(count);
            } else if (fileDocPending) {
                fileDocPending = false;
                Item item = item(TextFiles.readAll(docs.get(docPos), docSource(), ctx.limits().maxStringLength()), 0);
                endDocument(1);
                return item;
            }
            if (docPos >= docs.size() || ++docPos >= docs.size()) {
                return null;
            }
            if (lineMode) {
                lines = new TextFiles.Lines(docs.get(docPos), docSource(), ctx.limits().maxLineLength());
            } else {
                fileDocPending = true;
            }
        }
        return null;
    }

    private String docSource() {
        return csvName.contains("/") ? csvName.substring(0, csvName.lastIndexOf('/') + 1) + docNames.get(docPos)
                : docNames.get(docPos);
    }

    /** Rows left for the current document name lines it does not have. */
    private void endDocument(long lineCount) {
        while (keyPos < keys.length && (keys[keyPos] >>> 32) == docPos) {
            long line = keys[keyPos] & 0xFFFFFFFFL;
            int ordinal = index.ordinal(keys[keyPos]);
            int first = index.sortedChild(index.childStart(ordinal));
            keyPos++;
            ctx.invalid(new InvalidInputException(Location.ofLine(csvName, index.childLine(first)), "Line " + line
                    + " is beyond the end of " + docNames.get(docPos) + " (" + lineCount + " lines)"));
        }
    }

    private Item item(String text, long line) {
        Spans.Doc doc = new Spans.Doc(text);
        List<Annotation> anns = new ArrayList<>();
        long key = ((long) docPos << 32) | line;
        if (keyPos < keys.length && keys[keyPos] == key) {
            keyPos++;
            int ordinal = index.ordinal(key);
            String where = docNames.get(docPos) + (lineMode ? " Line " + line : "");
            for (int p = index.childStart(ordinal); p < index.childEnd(ordinal); p++) {
                int child = index.sortedChild(p);
                buckets.read(child);
                byte[] buf = buckets.buffer();
                int o = buckets.offset();
                int begin = readInt(buf, o);
                int end = readInt(buf, o + 4);
                int csvLine = readInt(buf, o + 8);
                Category c = categories.get(readInt(buf, o + 12));
                TextSpan span = Spans.read(doc, begin, end, c.name(), Location.ofLine(csvName, csvLine), where, ctx,
                        settings.spanCheck());
                if (span != null) {
                    anns.add(Annotation.builder(span).category(c).build());
                }
            }
        }
        return Item.text(Id.of(++items), TextContent.of(text)).fileName(docNames.get(docPos)).annotations(anns).build();
    }

    private static int readInt(byte[] b, int o) {
        return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lines != null) {
                lines.close();
            }
            if (buckets != null) {
                buckets.close();
            }
        } finally {
            TextFiles.deleteQuietly(temp);
        }
    }
}
