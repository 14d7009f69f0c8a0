package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Strict UTF-8 text input: documents line by line or whole, and CSV records with their line numbers. */
final class TextFiles {
    private TextFiles() {
    }

    /** Deletes a temporary file; one left behind is not worth failing for. */
    static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // left in the temporary folder
        }
    }

    /** A reader that fails on malformed UTF-8 (instead of replacing it) and skips a leading BOM. */
    static Reader open(Path file) {
        try {
            Reader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset();
            }
            return r;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Location.ofLine(file.getFileName().toString(), 1), "not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a document file: split at LF, a CR before the LF left out; no line after a final LF. */
    static final class Lines implements Closeable {
        private final Reader in;
        private final String source;
        private final int maxLength;
        private final StringBuilder sb = new StringBuilder();
        private long line;
        private long returned;
        private boolean crlf;
        private boolean eof;
        private LabelportException failed;

        Lines(Path file, String source, int maxLength) {
            this.source = source;
            this.maxLength = maxLength;
            this.in = open(file);
        }

        /** The next line, or {@code null} at the end. */
        String next() {
            if (failed != null) {
                throw failed; // the decoder cannot go on after an error
            }
            try {
                return read();
            } catch (InvalidInputException | LimitExceededException e) {
                failed = e;
                throw e;
            }
        }

        private String read() {
            if (eof) {
                return null;
            }
            sb.setLength(0);
            line++;
            try {
                int c;
                while ((c = in.read()) >= 0) {
                    if (c == '\n') {
                        int n = sb.length();
                        if (n > 0 && sb.charAt(n - 1) == '\r') {
                            sb.setLength(n - 1);
                            crlf = true;
                        }
                        returned++;
                        return sb.toString();
                    }
                    if (c == 0) {
                        throw new InvalidInputException(Location.ofLine(source, line), "a NUL character: not a text document");
                    }
                    if (sb.length() >= maxLength) {
                        throw new LimitExceededException(Location.ofLine(source, line),
                                "line longer than " + maxLength + " characters (Limits.maxLineLength)");
                    }
                    sb.append((char) c);
                }
            } catch (CharacterCodingException e) {
                throw new InvalidInputException(Location.ofLine(source, line), "not UTF-8 text", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            eof = true;
            if (sb.length() == 0) {
                return null;
            }
            returned++;
            return sb.toString();
        }

        /** 1-based number of the line last returned. */
        long lineNumber() {
            return line;
        }

        /** How many lines were returned. */
        long returned() {
            return returned;
        }

        /** Whether a CRLF line ending was met. */
        boolean sawCrlf() {
            return crlf;
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

    /** A whole document file, up to {@code maxLength} characters. */
    static String readAll(Path file, String source, int maxLength) {
        StringBuilder sb = new StringBuilder();
        try (Reader in = open(file)) {
            char[] buf = new char[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (sb.length() + n > maxLength) {
                    throw new LimitExceededException(Location.of(source),
                            "document longer than " + maxLength + " characters (Limits.maxStringLength)");
                }
                sb.append(buf, 0, n);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Location.of(source), "not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sb.indexOf("\0") >= 0) {
            throw new InvalidInputException(Location.of(source), "a NUL character: not a text document");
        }
        return sb.toString();
    }

    /**
     * CSV records of a file with the line each starts on; malformed CSV, malformed UTF-8 and
     * lines over the limit become located errors.
     */
    static final class Rows implements Closeable {
        private final String source;
        private final CountingReader counting;
        private final CSVParser parser;
        private final Iterator<CSVRecord> it;
        private long startLine = 1;
        private long linesBefore;

        Rows(Path file, String source, CSVFormat format, int maxLineLength) {
            this.source = source;
            this.counting = new CountingReader(open(file), source, maxLineLength);
            try {
                this.parser = format.parse(counting);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.it = parser.iterator();
        }

        /** The next record, or {@code null} at the end. */
        CSVRecord next() {
            try {
                if (!it.hasNext()) {
                    return null;
                }
                startLine = linesBefore + 1;
                CSVRecord r = it.next();
                linesBefore = parser.getCurrentLineNumber();
                return r;
            } catch (UncheckedIOException | IllegalStateException e) {
                throw error(e);
            }
        }

        private LabelportException error(RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            long at = Math.max(1, counting.line());
            if (cause instanceof CharacterCodingException) {
                return new InvalidInputException(Location.ofLine(source, at), "not UTF-8 text", cause);
            }
            if (cause instanceof LabelportException l) {
                return l;
            }
            String msg = String.valueOf(cause.getMessage()).replaceFirst("^\\([^)]*\\)\\s*", "");
            return new InvalidInputException(Location.ofLine(source, at), "malformed CSV: " + msg, e);
        }

        /** 1-based line the last record started on. */
        long line() {
            return startLine;
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

    /** Counts lines and refuses a line over the limit or a NUL (binary data) before the CSV parser buffers it. */
    private static final class CountingReader extends Reader {
        private final Reader in;
        private final String source;
        private final int maxLineLength;
        private long line = 1;
        private int column;

        CountingReader(Reader in, String source, int maxLineLength) {
            this.in = in;
            this.source = source;
            this.maxLineLength = maxLineLength;
        }

        long line() {
            return line;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            for (int i = off; i < off + n; i++) {
                char c = buf[i];
                if (c == '\n') {
                    line++;
                    column = 0;
                } else if (c == 0) {
                    throw new InvalidInputException(Location.ofLine(source, line), "a NUL character: not a CSV text file");
                } else if (++column > maxLineLength) {
                    throw new LimitExceededException(Location.ofLine(source, line),
                            "line longer than " + maxLineLength + " characters (Limits.maxLineLength)");
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
