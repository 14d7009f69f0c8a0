package dev.labelport.formats.conll;

import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.Token;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.WriteContext;
import dev.labelport.internal.WriteTarget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes one sentence per item: one line per token (token, extra columns, tag, or the column
 * order the file was read with), a blank line between sentences, {@code -DOCSTART-} lines
 * before the sentences that carried them. Streams: nothing is kept between items.
 */
final class ConllWriter implements ExportWriter {
    private static final Set<String> KNOWN_ITEM_EXTENSION = Set.of("docstart", "document", "tags");

    /** Writer options, resolved; {@code null} = as read, or the default. */
    record Settings(TagScheme scheme, Separator separator) {
    }

    private final WriteTarget output;
    private final WriteContext ctx;
    private final Settings settings;
    private Writer out;
    private TagScheme scheme;
    private TagScheme readScheme;
    private Separator separator;
    private TagNotation notation = TagNotation.DEFAULT;
    private int tokenColumn;
    private int tagColumn = -1;
    private boolean trailingBlankLine = true;
    private int extraColumns = -1;
    private long written;
    private boolean finished;
    private boolean closed;

    ConllWriter(WriteTarget output, WriteContext ctx, Settings settings) {
        this.output = output;
        this.ctx = ctx;
        this.settings = settings;
    }

    @Override
    public void begin(DatasetHeader header) {
        JsonObject ext = header.extension(ConllFormat.ID);
        readScheme = ext.string("scheme") == null ? null : TagScheme.fromName(ext.string("scheme"));
        scheme = settings.scheme() != null ? settings.scheme() : readScheme != null ? readScheme : TagScheme.IOB2;
        Separator readSeparator = Separator.fromId(ext.string("separator"));
        separator = settings.separator() != null ? settings.separator() : readSeparator != null ? readSeparator : Separator.SPACE;
        if (scheme != TagScheme.BARE) {
            notation = new TagNotation(flag(ext, "tagSuffix", false), flag(ext, "lowerCase", false), flag(ext, "bilouLetters", false));
        }
        tokenColumn = number(ext, "tokenColumn", 0);
        tagColumn = number(ext, "tagColumn", -1);
        trailingBlankLine = flag(ext, "trailingBlankLine", true);
        try {
            out = new BufferedWriter(new OutputStreamWriter(output.open(), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean flag(JsonObject ext, String key, boolean def) {
        return ext.get(key) instanceof JsonBoolean b ? b.value() : def;
    }

    private static int number(JsonObject ext, String key, int def) {
        return ext.get(key) instanceof JsonNumber n && n.isIntegral() ? (int) n.longValue() : def;
    }

    @Override
    public void write(Item item) {
        String where = "item " + item.id();
        if (item.text() == null) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "CoNLL holds text items only");
            return;
        }
        TextContent text = item.text();
        List<Token> tokens = text.tokens().isEmpty() ? ctx.tokenizer().tokenize(text.text()) : text.tokens();
        if (tokens.isEmpty()) {
            emptyItem(item, where);
            return;
        }
        reportItemFields(item, text, tokens, where);
        List<TagScheme.Chunk> chunks = chunks(item, tokens, where);
        List<String> tags = tags(item, chunks, tokens.size(), where);
        try {
            if (written > 0) {
                out.write('\n');
            }
            String docstart = item.extension(ConllFormat.ID).string("docstart");
            if (docstart != null) {
                if (Separator.isDocstart(docstart) && docstart.indexOf('\n') < 0 && docstart.indexOf('\r') < 0) {
                    out.write(docstart);
                    out.write("\n\n");
                } else {
                    ctx.loss(LossCode.DROPPED_FIELD, where, "docstart is not a -DOCSTART- line: " + docstart);
                }
            }
            for (int i = 0; i < tokens.size(); i++) {
                writeLine(tokens.get(i), tags.get(i), where + " token " + (i + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written++;
        ctx.written(1, chunks.size());
    }

    /**
     * An item without tokens: an empty document (one read from a {@code -DOCSTART-} with no
     * sentence) is its line alone; an empty sentence has no CoNLL form (a blank line is only a
     * separator) and is reported.
     */
    private void emptyItem(Item item, String where) {
        String docstart = item.extension(ConllFormat.ID).string("docstart");
        if (docstart == null || !Separator.isDocstart(docstart) || docstart.indexOf('\n') >= 0 || docstart.indexOf('\r') >= 0) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "an item without tokens cannot be written: an empty sentence has no"
                    + " line (a blank line only separates) and this is no document read from a -DOCSTART- line ("
                    + item.annotations().size() + " annotations)");
            return;
        }
        try {
            if (written > 0) {
                out.write('\n');
            }
            out.write(docstart);
            out.write('\n'); // the next item's separator, or the final blank line, follows
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written++;
        ctx.written(1, 0);
    }

    private void writeLine(Token token, String tag, String where) throws IOException {
        List<String> extra = token.columns();
        if (extraColumns < 0) {
            extraColumns = extra.size();
        }
        int total = extraColumns + 2;
        int tokenAt = ConllReader.column(tokenColumn, total);
        int tagAt = ConllReader.column(tagColumn, total);
        if (tokenAt < 0 || tokenAt >= total || tagAt < 0 || tagAt >= total || tokenAt == tagAt) {
            tokenAt = 0;
            tagAt = total - 1;
        }
        if (extra.size() != extraColumns) {
            ctx.loss(extra.size() > extraColumns ? LossCode.DROPPED_FIELD : LossCode.SYNTHESISED, where,
                    "the token has " + extra.size() + " extra columns where the file has " + extraColumns
                            + (extra.size() > extraColumns ? ": the last ones are left out" : ": filled with _"));
        }
        int next = 0;
        for (int col = 0; col < total; col++) {
            if (col > 0) {
                out.write(separator.written());
            }
            String value;
            boolean isTag = col == tagAt;
            if (col == tokenAt) {
                value = token.text();
            } else if (isTag) {
                value = tag;
            } else {
                value = next < extra.size() ? extra.get(next) : "_";
                next++;
            }
            out.write(clean(value, isTag, where));
        }
        out.write('\n');
    }

    /** A column value the reader gets back as one column: separators become {@code _}. */
    private String clean(String value, boolean isTag, String where) {
        boolean space = separator == Separator.SPACE || isTag;
        if (value.isEmpty() && separator == Separator.SPACE) {
            ctx.loss(ConllFormat.REPLACED_WHITESPACE, where, "an empty column was written as _");
            return "_";
        }
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r' || space && Character.isWhitespace(c)) {
                if (sb == null) {
                    sb = new StringBuilder(value);
                }
                sb.setCharAt(i, '_');
            }
        }
        if (sb == null) {
            return value;
        }
        ctx.loss(ConllFormat.REPLACED_WHITESPACE, where, "'" + value + "' written as '" + sb + "': whitespace separates columns");
        return sb.toString();
    }

    /** The spans as non-overlapping token chunks, reporting what does not fit. */
    private List<TagScheme.Chunk> chunks(Item item, List<Token> tokens, String where) {
        return TokenChunks.of(item, tokens, where, ctx, this::reportAnnotationFields);
    }

    /** Tags for the chunks: the tags as read when they still say the same, else the scheme's. */
    private List<String> tags(Item item, List<TagScheme.Chunk> chunks, int n, String where) {
        List<TagScheme.Chunk> safe = new ArrayList<>(chunks.size());
        for (TagScheme.Chunk c : chunks) {
            safe.add(new TagScheme.Chunk(cleanType(c.type(), where), c.start(), c.end()));
        }
        List<String> asRead = tagsAsRead(item, safe, n);
        if (asRead != null) {
            return asRead;
        }
        List<String> tags = scheme.encode(safe, n, notation);
        boolean[] invalid = {false};
        List<TagScheme.Chunk> back = scheme.decode(tags, notation, (i, t, p) -> invalid[0] = true);
        if (invalid[0] || !back.equals(safe)) {
            ctx.loss(ConllFormat.MERGED_SPANS, where, "the " + scheme.id() + " tags read back as " + back.size()
                    + " spans instead of " + safe.size() + " (adjacent spans of one type, or a category named O or empty)");
        }
        return tags;
    }

    private List<String> tagsAsRead(Item item, List<TagScheme.Chunk> chunks, int n) {
        if (scheme != readScheme || !(item.extension(ConllFormat.ID).get("tags") instanceof JsonArray a) || a.size() != n) {
            return null;
        }
        List<String> tags = new ArrayList<>(n);
        for (JsonValue v : a.values()) {
            if (!(v instanceof JsonString s) || s.value().isEmpty() && separator == Separator.SPACE
                    || s.value().chars().anyMatch(Character::isWhitespace)) {
                return null;
            }
            tags.add(s.value());
        }
        boolean[] invalid = {false};
        List<TagScheme.Chunk> decoded = scheme.decode(tags, notation, (i, t, p) -> invalid[0] = true);
        return !invalid[0] && decoded.equals(chunks) ? tags : null;
    }

    private String cleanType(String type, String where) {
        for (int i = 0; i < type.length(); i++) {
            if (Character.isWhitespace(type.charAt(i))) {
                String fixed = type.replaceAll("\\s", "_");
                ctx.loss(ConllFormat.REPLACED_WHITESPACE, where, "category '" + type + "' written as '" + fixed + "'");
                return fixed;
            }
        }
        return type;
    }

    private void reportItemFields(Item item, TextContent text, List<Token> tokens, String where) {
        if (!item.id().equals(Id.of(written + 1))) {
            ctx.loss(LossCode.REINDEXED, where, "written as sentence " + (written + 1) + " (CoNLL ids are sentence numbers)");
        }
        List<String> dropped = new ArrayList<>(SetFields.unheld(item, Set.of(SetFields.ItemField.TEXT)));
        for (String key : item.extension(ConllFormat.ID).keys()) {
            if (!KNOWN_ITEM_EXTENSION.contains(key)) {
                dropped.add("extensions.conll." + key);
            }
        }
        if (text.sentenceStarts().size() > 1) {
            dropped.add("sentence boundaries inside the item (written as one sentence)");
        }
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, String.join(", ", dropped));
        }
        if (!TokenChunks.isJoinedWithSpaces(text.text(), tokens)) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "the text's own whitespace (CoNLL keeps tokens only; read back as tokens joined with single spaces)");
        }
    }

    private void reportAnnotationFields(Annotation a, String at) {
        if (!a.attributes().isEmpty()) {
            ctx.loss(LossCode.DROPPED_ATTRIBUTE, at, "attributes " + a.attributes().keys());
        }
        List<String> dropped = new ArrayList<>(SetFields.unheld(a, Set.of()));
        if (a.category().supercategory() != null || a.category().color() != null || !a.category().id().equals(Id.of(a.category().name()))) {
            dropped.add("category id/supercategory/color");
        }
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, at, String.join(", ", dropped));
        }
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (written > 0 && trailingBlankLine) {
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
