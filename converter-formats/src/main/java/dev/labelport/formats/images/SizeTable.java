package dev.labelport.formats.images;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.model.Item;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ImageSizeResolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Image sizes from a table the user gives: a UTF-8 CSV or TSV file (tab when the header line
 * has one) with a header naming the columns {@code file}, {@code width} and {@code height} in
 * any order ({@code file_name}, {@code filename}, {@code image} and {@code path} also name the file
 * column; other columns are ignored). Fields may be double-quoted as in RFC 4180.
 *
 * <pre>
 * file,width,height
 * train/0001.jpg,640,480
 * </pre>
 *
 * <p>An item is looked up by its file name as a relative path ({@code \} read as {@code /},
 * a leading {@code ./} dropped), then by its bare file name, then by that name's stem (without
 * its extension: a YOLO folder whose images were not copied knows {@code images/train/0001.jpg}
 * only as {@code images/train/0001}); the last two work unless two rows share the name or stem
 * with different sizes. The table is held in memory, so it is bounded
 * ({@link #DEFAULT_MAX_ROWS} rows by default); every error names the file and line. Immutable
 * and thread-safe once read.
 */
public final class SizeTable implements ImageSizeResolver {

    /** Most rows read by {@link #read(Path)}. */
    public static final int DEFAULT_MAX_ROWS = 5_000_000;

    /** Marks a bare file name that two rows give different sizes. */
    private static final ImageSize AMBIGUOUS = new ImageSize(1, 1);

    private final Map<String, ImageSize> byPath;
    private final Map<String, ImageSize> byName;
    private final Map<String, ImageSize> byStem;

    private SizeTable(Map<String, ImageSize> byPath, Map<String, ImageSize> byName, Map<String, ImageSize> byStem) {
        this.byPath = byPath;
        this.byName = byName;
        this.byStem = byStem;
    }

    /** Reads {@code file} with {@link Limits#DEFAULTS} and at most {@link #DEFAULT_MAX_ROWS} rows. */
    public static SizeTable read(Path file) {
        return read(file, Limits.DEFAULTS, DEFAULT_MAX_ROWS);
    }

    /**
     * Reads {@code file}; sides above {@code limits.maxImageDimension()}, lines above
     * {@code limits.maxLineLength()} and more than {@code maxRows} rows are refused.
     */
    public static SizeTable read(Path file, Limits limits, int maxRows) {
        Objects.requireNonNull(limits, "limits");
        String source = file.toString();
        Map<String, ImageSize> byPath = new HashMap<>();
        Map<String, ImageSize> byName = new HashMap<>();
        Map<String, ImageSize> byStem = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            String header = line(r, limits, source, 1);
            if (header == null) {
                throw new InvalidInputException(Location.ofLine(source, 1), "empty size table: expected a header 'file,width,height'");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            char sep = header.indexOf('\t') >= 0 ? '\t' : ',';
            List<String> names = fields(header, sep, source, 1);
            int fileCol = -1;
            int wCol = -1;
            int hCol = -1;
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i).trim().toLowerCase(Locale.ROOT);
                switch (n) {
                    case "file", "file_name", "filename", "image", "path" -> fileCol = fileCol < 0 ? i : fileCol;
                    case "width" -> wCol = wCol < 0 ? i : wCol;
                    case "height" -> hCol = hCol < 0 ? i : hCol;
                    default -> { }
                }
            }
            if (fileCol < 0 || wCol < 0 || hCol < 0) {
                throw new InvalidInputException(Location.ofLine(source, 1),
                        "the size table's header must name the columns file, width and height; got " + names);
            }
            int need = Math.max(fileCol, Math.max(wCol, hCol)) + 1;
            long lineNo = 1;
            int rows = 0;
            for (String s = line(r, limits, source, 2); s != null; s = line(r, limits, source, lineNo + 1)) {
                lineNo++;
                if (s.isBlank()) {
                    continue;
                }
                if (++rows > maxRows) {
                    throw new LimitExceededException(Location.ofLine(source, lineNo),
                            "the size table has more than " + maxRows + " rows");
                }
                List<String> f = fields(s, sep, source, lineNo);
                if (f.size() < need) {
                    throw new InvalidInputException(Location.ofLine(source, lineNo),
                            "expected " + need + " fields, got " + f.size());
                }
                String path = normalise(f.get(fileCol).trim());
                if (path.isEmpty()) {
                    throw new InvalidInputException(Location.ofLine(source, lineNo), "empty file name");
                }
                ImageSize size = new ImageSize(side(f.get(wCol), "width", limits, source, lineNo),
                        side(f.get(hCol), "height", limits, source, lineNo));
                ImageSize before = byPath.putIfAbsent(path, size);
                if (before != null && !before.equals(size)) {
                    throw new InvalidInputException(Location.ofLine(source, lineNo),
                            "'" + path + "' is listed again with another size: " + size + ", before " + before);
                }
                String base = path.substring(path.lastIndexOf('/') + 1);
                putUnlessAmbiguous(byName, base, size);
                putUnlessAmbiguous(byStem, stem(base), size);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Location.of(source), "the size table is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size table " + source, e);
        }
        return new SizeTable(byPath, byName, byStem);
    }

    /** How many files the table lists. */
    public int size() {
        return byPath.size();
    }

    @Override
    public ImageSize sizeOf(Item item) {
        String name = item.fileName();
        if (name == null || name.isEmpty()) {
            return null;
        }
        String path = normalise(name);
        ImageSize s = byPath.get(path);
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (s == null) {
            s = byName.get(base);
        }
        if (s == null) {
            s = byStem.get(stem(base));
        }
        return s == AMBIGUOUS ? null : s;
    }

    private static void putUnlessAmbiguous(Map<String, ImageSize> map, String key, ImageSize size) {
        ImageSize other = map.putIfAbsent(key, size);
        if (other != null && !other.equals(size)) {
            map.put(key, AMBIGUOUS);
        }
    }

    private static String stem(String base) {
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String normalise(String name) {
        String p = name.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    private static int side(String text, String what, Limits limits, String source, long line) {
        String t = text.trim();
        long v;
        try {
            // "640.0" is what pandas writes for an int column with a gap
            v = t.endsWith(".0") ? Long.parseLong(t.substring(0, t.length() - 2)) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(Location.ofLine(source, line), what + " is not a whole number: '" + t + "'");
        }
        if (v <= 0) {
            throw new InvalidInputException(Location.ofLine(source, line), what + " must be positive: " + v);
        }
        if (v > limits.maxImageDimension()) {
            throw new LimitExceededException(Location.ofLine(source, line),
                    what + " " + v + " is more than the limit of " + limits.maxImageDimension() + " pixels");
        }
        return (int) v;
    }

    /** The next line, refusing one longer than the limit before holding it whole. */
    private static String line(BufferedReader r, Limits limits, String source, long lineNo) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = r.read(); ; c = r.read()) {
            if (c < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= limits.maxLineLength()) {
                throw new LimitExceededException(Location.ofLine(source, lineNo),
                        "line longer than " + limits.maxLineLength() + " characters");
            }
            sb.append((char) c);
        }
    }

    /** Splits one line on {@code sep}; double quotes as in RFC 4180 (no line breaks inside). */
    private static List<String> fields(String line, char sep, String source, long lineNo) {
        List<String> out = new ArrayList<>(4);
        StringBuilder f = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new InvalidInputException(new Location(source, lineNo, i + 1, -1, null), "unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                if (i < n && line.charAt(i) != sep) {
                    throw new InvalidInputException(new Location(source, lineNo, i + 1, -1, null),
                            "text after a closing quote");
                }
            } else {
                while (i < n && line.charAt(i) != sep) {
                    f.append(line.charAt(i++));
                }
            }
            out.add(f.toString());
            f.setLength(0);
            if (i >= n) {
                return out;
            }
            i++; // separator
        }
    }
}
