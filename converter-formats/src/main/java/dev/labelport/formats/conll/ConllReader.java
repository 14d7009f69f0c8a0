package dev.labelport.formats.conll;

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
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a CoNLL file one sentence at a time. Before the first item it samples the head of
 * the file (a second, bounded pass) to settle the separator and the tag scheme, and peeks at the
 * tail to learn whether the file ends with a blank line; the header carries all three.
 */
final class ConllReader implements AnnotationSource {
    /** Token lines sampled to detect the separator and the tag scheme. */
    static final int SAMPLE_LINES = 10_000;
    private static final int TAIL_BYTES = 4096;

    /** The reader options, resolved. {@code null} scheme or separator = detect. */
    record Settings(TagScheme scheme, Separator separator, boolean repair, int tokenColumn, int tagColumn) {
    }

    private final ReadContext ctx;
    private final Settings settings;
    private final String source;
    private final Separator separator;
    private final TagScheme scheme;
    private final TagNotation notation;
    private final DatasetHeader header;
    private final LineReader lines;
    private final Map<String, Category> categories = new HashMap<>();

    // the sentence being read
    private final List<String> tokens = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<List<String>> extras = new ArrayList<>();
    private long[] tokenLines = new long[64];
    private boolean skipping;

    private long sentences;
    private int documents;
    private String pendingDocstart;
    private long pendingDocstartLine;
    private int expectedColumns = -1;
    private long expectedColumnsLine;
    private boolean notesReported;
    private boolean closed;

    ConllReader(Path input, ReadContext ctx, Settings settings) {
        this.ctx = ctx;
        this.settings = settings;
        this.source = ctx.sourceName();
        Sample sample = sample(input, ctx, settings);
        this.separator = settings.separator() != null ? settings.separator() : sample.separator();
        TagSchemeDetector detector = separator == Separator.TAB ? sample.tab() : sample.space();
        this.scheme = settings.scheme() != null ? settings.scheme() : detector.scheme();
        this.notation = scheme == TagScheme.BARE ? TagNotation.DEFAULT : detector.notation();
        if (settings.scheme() == null && scheme == TagScheme.IOB1 && detector.chunksStartingWithB() > 0) {
            ctx.reporter().loss(ConllFormat.MIXED_CHUNK_STARTS, Location.of(source), detector.chunksStartingWithB()
                    + " chunks start with B- after O or another type and " + detector.chunksStartingWithI()
                    + " with I- in the sampled lines: decoded as iob1 (conlleval); scheme=iob2 validates them as iob2");
        }
        this.header = header(sample.trailingBlankLine());
        this.lines = LineReader.open(input, source, ctx.limits().maxLineLength());
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    private DatasetHeader header(boolean trailingBlankLine) {
        JsonObject.Builder ext = JsonObject.builder()
                .put("scheme", scheme.id())
                .put("separator", separator.id());
        if (notation.suffix()) {
            ext.put("tagSuffix", JsonValue.of(true));
        }
        if (notation.lowerCase()) {
            ext.put("lowerCase", JsonValue.of(true));
        }
        if (notation.bilouLetters()) {
            ext.put("bilouLetters", JsonValue.of(true));
        }
        if (settings.tokenColumn() != 0) {
            ext.put("tokenColumn", JsonValue.of(settings.tokenColumn()));
        }
        if (settings.tagColumn() != -1) {
            ext.put("tagColumn", JsonValue.of(settings.tagColumn()));
        }
        ext.put("trailingBlankLine", JsonValue.of(trailingBlankLine));
        return new DatasetHeader(null, ConllFormat.ID, null, List.of(),
                JsonObject.builder().put(ConllFormat.ID, ext.build()).build());
    }

    @Override
    public Item next() {
        if (closed) {
            return null;
        }
        while (true) {
            String line = lines.readLine();
            if (line == null) {
                Item item = endSentence();
                return item != null ? item : emptyDocument();
            }
            if (Separator.isBlank(line)) {
                Item item = endSentence();
                if (item != null) {
                    return item;
                }
            } else if (Separator.isDocstart(line)) {
                Item item = endSentence();
                if (item == null) {
                    item = emptyDocument(); // at most one of the two: a sentence takes the pending docstart
                }
                pendingDocstart = line;
                pendingDocstartLine = lines.lineNumber();
                documents++;
                if (item != null) {
                    return item;
                }
            } else {
                tokenLine(line);
            }
        }
    }

    private void tokenLine(String line) {
        if (skipping) {
            return;
        }
        long lineNo = lines.lineNumber();
        List<String> fields = separator.split(line);
        int n = fields.size();
        int tokenAt = column(settings.tokenColumn(), n);
        int tagAt = column(settings.tagColumn(), n);
        if (n < 2 || tokenAt < 0 || tokenAt >= n || tagAt < 0 || tagAt >= n || tokenAt == tagAt) {
            invalidLine(lineNo, "expected a token and a tag (token-column=" + settings.tokenColumn() + ", tag-column="
                    + settings.tagColumn() + ") separated by " + (separator == Separator.TAB ? "tabs" : "spaces")
                    + ", found " + n + " column" + (n == 1 ? "" : "s") + ": '" + excerpt(line) + "'"
                    + (separator == Separator.TAB && n == 1 && line.indexOf(' ') >= 0 ? " (the line has no tab)" : ""));
            return;
        }
        if (expectedColumns < 0) {
            expectedColumns = n;
            expectedColumnsLine = lineNo;
        } else if (n != expectedColumns) {
            invalidLine(lineNo, "found " + n + " columns, but line " + expectedColumnsLine + " has " + expectedColumns
                    + ": every token line needs the same columns: '" + excerpt(line) + "'");
            return;
        }
        int count = tokens.size();
        if (count >= ctx.limits().maxTokensPerItem()) {
            throw new LimitExceededException(Location.ofLine(source, lineNo), "the sentence starting at line "
                    + tokenLines[0] + " has more than " + ctx.limits().maxTokensPerItem()
                    + " tokens (Limits.maxTokensPerItem)");
        }
        List<String> other = n == 2 ? List.of() : new ArrayList<>(n - 2);
        for (int i = 0; i < n; i++) {
            if (i != tokenAt && i != tagAt) {
                other.add(fields.get(i));
            }
        }
        if (count == tokenLines.length) {
            tokenLines = Arrays.copyOf(tokenLines, count * 2);
        }
        tokenLines[count] = lineNo;
        tokens.add(fields.get(tokenAt));
        tags.add(fields.get(tagAt).strip());
        extras.add(other);
    }

    /** A column option ({@code -1} = last) for a line of {@code n} columns. */
    static int column(int option, int n) {
        return option < 0 ? n + option : option;
    }

    private static String excerpt(String line) {
        return Excerpts.of(line, 80);
    }

    private void invalidLine(long lineNo, String detail) {
        skip(new InvalidInputException(Location.ofLine(source, lineNo), detail));
    }

    /** Under FAIL throws; under SKIP drops the rest of the sentence. */
    private void skip(InvalidInputException e) {
        ctx.invalid(e);
        clearSentence();
        skipping = true;
    }

    private Item endSentence() {
        if (skipping) {
            skipping = false;
            sentences++;
            return null;
        }
        if (tokens.isEmpty()) {
            return null;
        }
        sentences++;
        Item item = buildItem();
        clearSentence();
        return item;
    }

    private void clearSentence() {
        tokens.clear();
        tags.clear();
        extras.clear();
    }

    /**
     * A {@code -DOCSTART-} with no sentence before the next one or the end (flair's corpora end
     * with one): an item without tokens that keeps the line, so a CoNLL write gives it back and
     * a target that cannot hold it reports it; {@code null} when no document is pending.
     */
    private Item emptyDocument() {
        if (pendingDocstart == null) {
            return null;
        }
        sentences++;
        JsonObject ext = JsonObject.builder().put("docstart", pendingDocstart).put("document", JsonValue.of(documents)).build();
        pendingDocstart = null;
        return Item.text(Id.of(sentences), TextContent.fromTokens(List.of(), List.of()))
                .extensions(JsonObject.builder().put(ConllFormat.ID, ext).build()).build();
    }

    private Item buildItem() {
        boolean[] repaired = {false};
        List<TagScheme.Chunk> chunks;
        try {
            chunks = scheme.decode(tags, notation, (i, tag, problem) -> {
                Location at = Location.ofLine(source, tokenLines[i]);
                String what = "token '" + excerpt(tokens.get(i)) + "' tagged '" + tag + "': " + problem;
                if (!settings.repair()) {
                    throw new InvalidInputException(at, "invalid " + scheme.id() + " tag sequence at " + what
                            + " (give the right scheme= option, or repair=true to start a new chunk there)");
                }
                ctx.reporter().loss(LossCode.INVALID_TAG_SEQUENCE, at, what + "; repaired (conlleval-style)");
                repaired[0] = true;
            });
        } catch (InvalidInputException e) {
            ctx.invalid(e);
            return null;
        }
        TextContent text = TextContent.fromTokens(tokens, extras);
        List<Token> toks = text.tokens();
        List<Annotation> annotations = new ArrayList<>(chunks.size());
        for (TagScheme.Chunk c : chunks) {
            int start = toks.get(c.start()).start();
            int end = toks.get(c.end() - 1).end();
            annotations.add(Annotation.builder(new TextSpan(start, end, text.slice(start, end)))
                    .category(category(c.type(), tokenLines[c.start()])).build());
        }
        JsonObject.Builder ext = JsonObject.builder();
        if (pendingDocstart != null) {
            ext.put("docstart", pendingDocstart);
            pendingDocstart = null;
        }
        if (documents > 0) {
            ext.put("document", JsonValue.of(documents));
        }
        if (!repaired[0] && !scheme.encode(chunks, tags.size(), notation).equals(tags)) {
            // valid but not how this writer spells it (mixed conventions): keep the tags as written
            List<JsonValue> written = new ArrayList<>(tags.size());
            tags.forEach(t -> written.add(new JsonString(t)));
            ext.put("tags", new JsonArray(written));
        }
        reportNotes();
        return Item.text(Id.of(sentences), text)
                .annotations(annotations)
                .extensions(ext.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(ConllFormat.ID, ext.build()).build())
                .build();
    }

    private Category category(String type, long line) {
        Category c = categories.get(type);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(Location.ofLine(source, line),
                        "more than " + ctx.limits().maxCategories() + " entity types (Limits.maxCategories)");
            }
            c = Category.of(Id.of(type), type);
            categories.put(type, c);
        }
        return c;
    }

    private void reportNotes() {
        if (!notesReported) {
            notesReported = true;
            ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(source), "item ids are sentence numbers, from 1");
            ctx.reporter().loss(LossCode.TEXT_RECONSTRUCTED, Location.of(source),
                    "the text of a sentence is its tokens joined with single spaces");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lines.close();
        }
    }

    /** What the bounded first pass found. */
    private record Sample(Separator separator, TagSchemeDetector tab, TagSchemeDetector space, boolean trailingBlankLine) {
    }

    /**
     * Reads up to {@value #SAMPLE_LINES} token lines: the separator is TAB when one of them holds
     * a tab, and the tags are fed to a detector for each way of splitting.
     */
    private static Sample sample(Path input, ReadContext ctx, Settings settings) {
        TagSchemeDetector tab = new TagSchemeDetector();
        TagSchemeDetector space = new TagSchemeDetector();
        boolean sawTab = false;
        try (LineReader r = LineReader.open(input, ctx.sourceName(), ctx.limits().maxLineLength())) {
            int seen = 0;
            for (String line = r.readLine(); line != null && seen < SAMPLE_LINES; line = r.readLine()) {
                if (Separator.isBlank(line) || Separator.isDocstart(line)) {
                    tab.endSentence();
                    space.endSentence();
                    continue;
                }
                seen++;
                sawTab |= line.indexOf('\t') >= 0;
                feed(tab, Separator.TAB.split(line), settings);
                feed(space, Separator.SPACE.split(line), settings);
            }
        }
        return new Sample(sawTab ? Separator.TAB : Separator.SPACE, tab, space, endsWithBlankLine(input));
    }

    private static void feed(TagSchemeDetector d, List<String> fields, Settings settings) {
        int at = column(settings.tagColumn(), fields.size());
        if (fields.size() >= 2 && at >= 0 && at < fields.size()) {
            d.tag(fields.get(at).strip());
        } else {
            d.endSentence();
        }
    }

    /** Whether the whitespace after the last non-blank line holds a blank line (two line breaks). */
    private static boolean endsWithBlankLine(Path input) {
        try (SeekableByteChannel ch = Files.newByteChannel(input)) {
            long size = ch.size();
            int n = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer tail = ByteBuffer.allocate(n);
            ch.position(size - n);
            while (tail.hasRemaining() && ch.read(tail) >= 0) {
                // read the whole tail
            }
            int breaks = 0;
            for (int i = n - 1; i >= 0; i--) {
                byte b = tail.get(i);
                if (b == '\n') {
                    breaks++;
                } else if (b != '\r' && b != ' ' && b != '\t') {
                    return breaks >= 2;
                }
            }
            return breaks >= 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
