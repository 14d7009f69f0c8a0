package dev.labelport.formats.hf;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * The rows of one split file, as JSON objects (column → cell) with the line they start on: a CSV
 * file's cells are strings, a JSON Lines file's are JSON values. One row is in memory at a time.
 */
abstract class Rows implements AutoCloseable {
    /** One row: its cells by column, in file order, and the 1-based line it starts on. */
    record Row(JsonObject cells, long line) {
    }

    final String source;

    Rows(String source) {
        this.source = source;
    }

    /** The column names known before the first row (a CSV header), or empty. */
    abstract List<String> columns();

    /** The next row, or {@code null} at the end; a malformed row throws a located error. */
    abstract Row next();

    @Override
    public abstract void close();

    static Rows open(Path file, String source, HfCsvFormat.Flavour flavour, Limits limits) {
        return flavour == HfCsvFormat.Flavour.CSV ? new Csv(file, source, limits) : new Jsonl(file, source, limits);
    }

    /** The flavour of a file whose name says nothing: JSON when it starts with '{' or '['. */
    static HfCsvFormat.Flavour sniff(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            String s = new String(head, StandardCharsets.UTF_8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\uFEFF' || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '{' || c == '[' ? HfCsvFormat.Flavour.JSONL : HfCsvFormat.Flavour.CSV;
            }
            return HfCsvFormat.Flavour.CSV;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 CSV with a header row (UTF-8, optional BOM, LF or CRLF, quoted line breaks). */
    static final class Csv extends Rows {
        private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

        private final Bounded reader;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> header;
        private final long headerLine;

        Csv(Path file, String source, Limits limits) {
            super(source);
            try {
                InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                in.mark(3);
                byte[] bom = in.readNBytes(3);
                boolean hasBom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
                if (!hasBom) {
                    in.reset();
                }
                reader = new Bounded(in, hasBom ? 3 : 0, limits.maxStringLength());
                parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            records = parser.iterator();
            CSVRecord first;
            try {
                first = nextRecord();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            headerLine = first == null ? 1 : lastStart;
            header = first == null ? List.of() : first.toList();
            Set<String> seen = new HashSet<>();
            for (String h : header) {
                if (!seen.add(h)) {
                    close();
                    throw new InvalidInputException(Location.ofLine(source, headerLine), "the header names column '" + h + "' twice");
                }
            }
        }

        private long lastStart = 1;

        /** Set once the parser failed: it cannot resynchronise, so the rest of the file is not read. */
        private boolean broken;

        /** The next non-blank record, with {@link #lastStart} set to its first line. */
        private CSVRecord nextRecord() {
            while (!broken) {
                long start = parser.getCurrentLineNumber() + 1;
                reader.count = 0;
                try {
                    boolean more = records.hasNext();
                    if (reader.failed) { // the decoder's error ended the input early: the last record is cut
                        broken = true;
                        throw new InvalidInputException(new Location(source, parser.getCurrentLineNumber() + 1, -1,
                                reader.errorOffset, null), "malformed UTF-8 (in the record starting at line " + start + ")");
                    }
                    if (!more) {
                        return null;
                    }
                    CSVRecord r = records.next();
                    lastStart = start;
                    if (r.size() == 1 && r.get(0).isEmpty()) {
                        continue; // a blank line (pandas skips them too)
                    }
                    return r;
                } catch (UncheckedIOException e) {
                    broken = true;
                    throw translate(e, start);
                } catch (IllegalStateException e) { // commons-csv reports some lexer errors so
                    broken = true;
                    throw new InvalidInputException(Location.ofLine(source, start), "malformed CSV: " + e.getMessage(), e);
                }
            }
            return null;
        }

        private RuntimeException translate(UncheckedIOException e, long start) {
            Throwable c = e.getCause();
            if (c instanceof Bounded.TooLong) {
                return new LimitExceededException(Location.ofLine(source, start),
                        "a CSV record longer than " + reader.max + " chars (Limits.maxStringLength)");
            }
            if (c instanceof IOException && c.getClass().getName().startsWith("org.apache.commons.csv")) {
                String msg = c.getMessage();
                return new InvalidInputException(Location.ofLine(source, start), "malformed CSV in the record starting at this line: "
                        + (msg == null ? "unreadable" : msg), c);
            }
            return e;
        }

        @Override
        List<String> columns() {
            return header;
        }

        @Override
        Row next() {
            CSVRecord r = nextRecord();
            if (r == null) {
                return null;
            }
            if (r.size() != header.size()) {
                throw new InvalidInputException(Location.ofLine(source, lastStart), "the record has " + r.size()
                        + " fields but the header (line " + headerLine + ") names " + header.size() + " columns");
            }
            JsonObject.Builder b = JsonObject.builder();
            for (int i = 0; i < header.size(); i++) {
                b.put(header.get(i), new JsonString(r.get(i)));
            }
            return new Row(b.build(), lastStart);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Strict UTF-8 decoding that counts the chars read since {@link #count} was last reset,
     * failing past {@link #max}. Malformed bytes end the input right after the last good char
     * (the parser sees an end of file) and set {@link #failed}, so every record before them is
     * read and the error is reported where it is, once.
     */
    private static final class Bounded extends Reader {
        static final class TooLong extends IOException {
            private static final long serialVersionUID = 1L;

            TooLong() {
                super("record too long");
            }
        }

        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 14).flip();
        private long consumed;
        private boolean eof;
        private boolean error;
        private boolean flushed;
        final long max;
        long count;
        /** Whether the input was ended by malformed bytes (told to the parser as an end of file). */
        boolean failed;
        /** Byte offset of the malformed bytes. */
        long errorOffset = -1;

        Bounded(InputStream in, long skipped, long max) {
            this.in = in;
            this.consumed = skipped;
            this.max = max;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (error) {
                failed = true;
                return -1;
            }
            if (flushed) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(buf, off, len);
            while (out.position() == off) {
                int before = bytes.position();
                CoderResult r = decoder.decode(bytes, out, eof);
                consumed += bytes.position() - before;
                if (r.isError()) {
                    error = true;
                    errorOffset = consumed;
                    break;
                }
                if (r.isOverflow()) {
                    break;
                }
                if (eof) {
                    decoder.flush(out);
                    flushed = true;
                    break;
                }
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            int produced = out.position() - off;
            if (produced == 0) {
                failed |= error;
                return -1;
            }
            count += produced;
            if (count > max + len) { // what the parser buffers ahead of the record is allowed
                throw new TooLong();
            }
            return produced;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** JSON Lines (one object per line), or a JSON array of objects. */
    static final class Jsonl extends Rows {
        private final InputStream in;
        private final JsonParser parser;
        private boolean broken;
        private boolean inArray;
        private boolean started;

        Jsonl(Path file, String source, Limits limits) {
            super(source);
            try {
                in = Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            parser = JsonSupport.factory(limits).createParser(ObjectReadContext.empty(), in);
        }

        @Override
        List<String> columns() {
            return List.of();
        }

        @Override
        Row next() {
            if (broken) {
                return null;
            }
            try {
                JsonToken t = parser.nextToken();
                if (!started) {
                    started = true;
                    if (t == JsonToken.START_ARRAY) {
                        inArray = true;
                        t = parser.nextToken();
                    }
                }
                if (inArray && t == JsonToken.END_ARRAY) {
                    t = parser.nextToken();
                    if (t != null) {
                        broken = true;
                        throw JsonSupport.invalid(parser, source, "text after the closing ] of the array of rows");
                    }
                    return null;
                }
                if (t == null) {
                    if (inArray) {
                        broken = true;
                        throw JsonSupport.invalid(parser, source, "the array of rows is not closed");
                    }
                    return null;
                }
                if (t != JsonToken.START_OBJECT) {
                    InvalidInputException e = JsonSupport.invalid(parser, source, "expected a row object, found " + JsonSupport.describe(t));
                    parser.skipChildren();
                    throw e;
                }
                long line = parser.currentTokenLocation().getLineNr();
                JsonValue v = JsonSupport.readValue(parser);
                return new Row((JsonObject) v, line);
            } catch (JacksonException e) {
                broken = true; // a tokenizer error cannot be skipped over reliably
                throw JsonSupport.translate(e, parser, source);
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static List<String> keys(JsonObject o) {
        return new ArrayList<>(o.keys());
    }
}
