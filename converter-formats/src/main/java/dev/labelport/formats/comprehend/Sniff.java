package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Which Comprehend file an input is, from names and first lines. */
final class Sniff {
    private static final int HEAD = 16 * 1024;

    /** What a file holds. */
    enum Kind { ANNOTATIONS, ENTITY_LIST, MANIFEST, CLASSIFICATION, NONE }

    /** The file to read and what it holds. */
    record Found(Kind kind, Path file) {
    }

    private Sniff() {
    }

    /** The first bytes of a file as text; empty when unreadable. */
    static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String s = new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A header cell compared without case, spaces or underscores: {@code Begin Offset} = {@code beginoffset}. */
    static String norm(String cell) {
        StringBuilder sb = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (!Character.isWhitespace(c) && c != '_' && c != '"' && c != '\uFEFF') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** The kind of a CSV from its first line (or NONE when it is not text). */
    static Kind csvKind(String head) {
        if (head.isEmpty() || head.indexOf('\0') >= 0 || head.indexOf('\uFFFD') >= 0) {
            return Kind.NONE;
        }
        int nl = head.indexOf('\n');
        String first = (nl < 0 ? head : head.substring(0, nl)).strip();
        List<String> cells = new ArrayList<>();
        for (String c : first.split(",", -1)) {
            cells.add(norm(c));
        }
        if (cells.contains("file") && cells.contains("beginoffset") && cells.contains("endoffset") && cells.contains("type")) {
            return Kind.ANNOTATIONS;
        }
        if (cells.equals(List.of("text", "type"))) {
            return Kind.ENTITY_LIST;
        }
        if (first.startsWith("{")) {
            return Kind.NONE;
        }
        int comma = first.indexOf(',');
        return comma > 0 && comma <= 256 ? Kind.CLASSIFICATION : Kind.NONE;
    }

    /** Whether the first non-blank line looks like an entity augmented manifest record. */
    static boolean isEntityManifest(String head) {
        String s = head.stripLeading();
        if (!s.startsWith("{")) {
            return false;
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.contains("\"source\"") && line.contains("\"annotations\"") && line.contains("\"entities\"");
    }

    /** Finds the file to read under {@code input} (a folder) or decides what the file {@code input} is. */
    static Found find(Path input, String source, ComprehendFormat.Settings s) {
        if (!Files.isDirectory(input)) {
            String head = head(input);
            if (s.flavour() == ComprehendFormat.Flavour.MANIFEST || head.stripLeading().startsWith("{")) {
                return new Found(Kind.MANIFEST, input);
            }
            Kind k = s.task() == ComprehendFormat.Task.CLASSIFICATION ? Kind.CLASSIFICATION : csvKind(head);
            // an annotations CSV alone is read with the documents it names, found beside it
            return new Found(k == Kind.ANNOTATIONS || k == Kind.ENTITY_LIST ? k : Kind.CLASSIFICATION, input);
        }
        List<Path> files = files(input);
        Path annotations = null;
        Path entityList = null;
        Path manifest = null;
        List<Path> other = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".manifest") || name.endsWith(".jsonl")) {
                manifest = manifest == null ? f : manifest;
            } else if (name.endsWith(".csv")) {
                Kind k = csvKind(head(f));
                if (k == Kind.ANNOTATIONS && annotations == null) {
                    annotations = f;
                } else if (k == Kind.ENTITY_LIST && entityList == null) {
                    entityList = f;
                } else {
                    other.add(f);
                }
            }
        }
        boolean classification = s.task() == ComprehendFormat.Task.CLASSIFICATION;
        if (!classification && s.flavour() != ComprehendFormat.Flavour.MANIFEST && annotations != null) {
            return new Found(Kind.ANNOTATIONS, annotations);
        }
        if (!classification && manifest != null) {
            return new Found(Kind.MANIFEST, manifest);
        }
        if (!classification && entityList != null) {
            return new Found(Kind.ENTITY_LIST, entityList);
        }
        if (other.size() == 1 && s.task() != ComprehendFormat.Task.ENTITIES) {
            return new Found(Kind.CLASSIFICATION, other.get(0));
        }
        throw new InvalidInputException(Location.of(source), "no Comprehend training file in the folder: expected an "
                + "annotations CSV (File, Line, Begin Offset, End Offset, Type) with its documents, an augmented manifest "
                + "(.manifest, .jsonl), an entity list (Text, Type) or a single classifier CSV (label,text)"
                + (other.size() > 1 ? "; found " + other.size() + " other CSV files" : ""));
    }

    /** Regular files under a folder (4 levels), sorted by relative name, hidden ones left out. */
    static List<Path> files(Path root) {
        try (Stream<Path> s = Files.walk(root, 4)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> relative(root, a).compareTo(relative(root, b))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The relative name with {@code /}. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
