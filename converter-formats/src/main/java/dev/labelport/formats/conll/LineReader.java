package dev.labelport.formats.conll;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads UTF-8 lines with a bounded length: a line longer than the limit fails before it is
 * built, malformed UTF-8 fails with its line, column and byte offset. Lines end at {@code \n};
 * a {@code \r} before it and a byte order mark at the start of the input are dropped. Public
 * for the other line-based formats of this module (Azure AutoML JSON Lines).
 */
public final class LineReader implements Closeable {
    private static final int BUFFER = 8192;

    private final InputStream in;
    private final String source;
    private final int maxLineLength;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private final StringBuilder line = new StringBuilder();
    /** Offset in the stream of {@code bytes.array()[0]}. */
    private long bufferStart;
    private boolean inputDone;
    private boolean flushed;
    private long lineNumber;

    public LineReader(InputStream in, String source, int maxLineLength) {
        this.in = in;
        this.source = source;
        this.maxLineLength = maxLineLength;
    }

    /** A reader of the file {@code input}. */
    public static LineReader open(Path input, String source, int maxLineLength) {
        try {
            return new LineReader(Files.newInputStream(input), source, maxLineLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based number of the line last returned (0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or {@code null} at the end of the input. */
    public String readLine() {
        line.setLength(0);
        boolean any = false;
        while (chars.hasRemaining() || fill()) {
            any = true;
            char[] a = chars.array();
            int start = chars.position();
            int limit = chars.limit();
            int i = start;
            while (i < limit && a[i] != '\n') {
                i++;
            }
            // one more than the limit tolerates the \r of a CRLF line
            if (line.length() + (i - start) > maxLineLength + 1L) {
                throw tooLong();
            }
            line.append(a, start, i - start);
            if (i < limit) {
                chars.position(i + 1);
                return finish();
            }
            chars.position(limit);
        }
        return any ? finish() : null;
    }

    private String finish() {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        if (lineNumber == 0 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        if (line.length() > maxLineLength) {
            throw tooLong();
        }
        lineNumber++;
        return line.toString();
    }

    private LimitExceededException tooLong() {
        return new LimitExceededException(Location.ofLine(source, lineNumber + 1),
                "line longer than the limit of " + maxLineLength + " characters (Limits.maxLineLength)");
    }

    /** Decodes more characters; false at the end of the input. */
    private boolean fill() {
        if (flushed) {
            return false;
        }
        chars.clear();
        try {
            while (true) {
                CoderResult r = decoder.decode(bytes, chars, inputDone);
                if (r.isError()) {
                    if (chars.position() > 0) {
                        break; // hand out the characters before the bad bytes; the next fill reports them
                    }
                    throw malformed(bufferStart + bytes.position());
                }
                if (chars.position() > 0 || r.isOverflow()) {
                    break;
                }
                if (inputDone) {
                    if (!flushed) {
                        decoder.flush(chars);
                        flushed = true;
                    }
                    break;
                }
                readMore();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void readMore() throws IOException {
        bufferStart += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            inputDone = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private InvalidInputException malformed(long byteOffset) {
        return new InvalidInputException(new Location(source, lineNumber + 1, line.length() + 1L, byteOffset, null),
                "invalid UTF-8 byte sequence: the file must be UTF-8 text");
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
