package dev.labelport.formats.vertex;

import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The lines of a JSON Lines file as bytes (each parsed on its own, so that a bad line is skipped
 * cleanly under the lenient policy), with their number and byte offset. A line longer than the
 * limit fails before it is buffered; {@code \r} before {@code \n} and a leading byte order mark
 * are dropped.
 */
final class ByteLines implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final String source;
    private final long maxLineBytes;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int length;
    private long lineNumber;
    private long lineOffset;
    private long consumed;

    ByteLines(InputStream in, String source, int maxLineLength) {
        this.in = in;
        this.source = source;
        // a character is at most four bytes of UTF-8
        this.maxLineBytes = 4L * maxLineLength;
    }

    /** Reads the next line; false at the end of the input. */
    boolean next() {
        length = 0;
        lineOffset = consumed;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                break;
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            consumed += pos - start;
            if (pos < limit) {
                pos++;
                consumed++;
                finish();
                return true;
            }
        }
        if (!any) {
            return false;
        }
        finish();
        return true;
    }

    private void append(int from, int n) {
        if (length + (long) n > maxLineBytes + 1) {
            throw new LimitExceededException(Location.ofLine(source, lineNumber + 1), "line longer than the limit of "
                    + maxLineBytes / 4 + " characters (Limits.maxLineLength)");
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    private void finish() {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineNumber++;
        if (lineNumber == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
            System.arraycopy(line, 3, line, 0, length - 3);
            length -= 3;
            lineOffset += 3;
        }
    }

    private boolean fill() {
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** Byte offset of the current line's first byte. */
    long offset() {
        return lineOffset;
    }

    /** Whether the current line holds only spaces and tabs. */
    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
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
