package dev.labelport.formats.yolo;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images and label files of a dataset, one {@link Entry} at a time, in a stable order: the
 * declared splits in order (a folder walked in sorted order, or a list file line by line), or the
 * whole tree walked in sorted order. Memory holds one directory listing per open level.
 */
final class Entries {
    /** Deepest folder nesting walked. */
    static final int MAX_DEPTH = 32;
    /** Longest line of a list file. */
    private static final int MAX_LIST_LINE = 8192;

    /** One image (present or listed) and/or its label file, with the split it belongs to. */
    record Entry(String image, boolean imageExists, String label, String split) {
    }

    /** Where entries come from. */
    sealed interface Part permits Walk, ListFile {
    }

    /**
     * A sorted walk of {@code folder} ("" = the root). {@code split} null with {@code infer}
     * true takes each entry's split from its path.
     */
    record Walk(String folder, String split, boolean infer) implements Part {
    }

    /** A list file of image paths (Darknet {@code train.txt}, an Ultralytics split list). */
    record ListFile(String file, String split) implements Part {
    }

    private final Path root;
    private final String sourceName;
    private final Set<String> skipped;
    private final Iterator<Part> parts;
    private final java.util.Map<String, Boolean> imageFolders = new java.util.HashMap<>();
    private Walker walker;
    private String walkSplit;
    private boolean walkInfer;
    private BufferedReader list;
    private ListFile listPart;
    private long listLine;

    /**
     * @param skipped relative paths that are not labels (names files, list files, data.yaml)
     */
    Entries(Path root, String sourceName, List<Part> parts, Set<String> skipped) {
        this.root = root;
        this.sourceName = sourceName;
        this.skipped = skipped;
        this.parts = parts.iterator();
    }

    /** The next entry, or {@code null} at the end. */
    Entry next() {
        while (true) {
            if (walker != null) {
                Entry e = nextFromWalk();
                if (e != null) {
                    return e;
                }
                walker = null;
            } else if (list != null) {
                Entry e = nextFromList();
                if (e != null) {
                    return e;
                }
                closeList();
            } else if (parts.hasNext()) {
                open(parts.next());
            } else {
                return null;
            }
        }
    }

    private void open(Part p) {
        if (p instanceof Walk w) {
            Path dir = w.folder().isEmpty() ? root : root.resolve(w.folder());
            walker = new Walker(dir);
            walkSplit = w.split();
            walkInfer = w.infer();
        } else if (p instanceof ListFile l) {
            list = utf8(root.resolve(l.file()));
            listPart = l;
            listLine = 0;
        }
    }

    private Entry nextFromWalk() {
        for (Path p = walker.next(); p != null; p = walker.next()) {
            String rel = relative(p);
            if (skipped.contains(rel)) {
                continue;
            }
            String split = walkInfer ? YoloPaths.inferSplit(rel) : walkSplit;
            String name = YoloPaths.fileName(rel);
            if (YoloPaths.isImage(name)) {
                return new Entry(rel, true, YoloPaths.existingLabelOf(root, rel), split);
            }
            if (name.endsWith(".txt") && isLabel(rel)) {
                return new Entry(null, false, rel, split);
            }
        }
        return null;
    }

    /** Whether a folder (relative) holds an image file; remembered for the last few folders asked about. */
    private boolean hasImages(String dir) {
        Boolean known = imageFolders.get(dir);
        if (known == null) {
            Path p = dir.isEmpty() ? root : root.resolve(dir);
            known = false;
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    known = s.anyMatch(f -> YoloPaths.isImage(Walker.name(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (imageFolders.size() >= 64) {
                imageFolders.clear();
            }
            imageFolders.put(dir, known);
        }
        return known;
    }

    /** A reader of UTF-8 text that fails on malformed bytes (with a CharacterCodingException). */
    static BufferedReader utf8(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .txt no image claims: a label when in a label folder or when it starts like one; README and such are not. */
    private boolean isLabel(String rel) {
        if (YoloPaths.existingImageOf(root, rel, this::hasImages) != null) {
            return false; // read with its image
        }
        String lower = YoloPaths.fileName(rel).toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("readme") || lower.startsWith("license") || lower.equals("classes.txt")) {
            return false;
        }
        if (YoloPaths.inLabelFolder(rel)) {
            return true;
        }
        return startsLikeALabel(root.resolve(rel), true);
    }

    /**
     * Whether the first non-blank line of a file is a class index and numbers; a blank file
     * counts when {@code blankIsLabel} (an image without objects written in the plain layout).
     */
    static boolean startsLikeALabel(Path file, boolean blankIsLabel) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            String s = new String(head, StandardCharsets.ISO_8859_1);
            for (String line : s.split("\n")) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                String[] tokens = t.split("[ \t]+");
                if (tokens.length < 5 || !tokens[0].matches("\\d{1,9}")) {
                    return false;
                }
                for (int i = 1; i < tokens.length - 1; i++) {
                    if (!LabelParser.isDecimal(tokens[i])) {
                        return false;
                    }
                }
                return true;
            }
            return blankIsLabel && head.length < 512;
        } catch (IOException e) {
            return false;
        }
    }

    private Entry nextFromList() {
        try {
            while (true) {
                String line = list.readLine();
                if (line == null) {
                    return null;
                }
                listLine++;
                if (line.length() > MAX_LIST_LINE) {
                    throw new LimitExceededException(Location.ofLine(source(listPart.file()), listLine),
                            "list line longer than " + MAX_LIST_LINE + " characters");
                }
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
                    // a NUL or other control character is no file name (and would make Path refuse it)
                    throw new InvalidInputException(Location.ofLine(source(listPart.file()), listLine),
                            "image path '" + t.replaceAll("\\p{Cntrl}", "?") + "' contains a control character");
                }
                String image = resolveListed(t.replace('\\', '/'));
                if (image == null) {
                    throw new InvalidInputException(Location.ofLine(source(listPart.file()), listLine),
                            "image path '" + t + "' leaves the dataset folder");
                }
                boolean exists = Files.isRegularFile(root.resolve(image));
                return new Entry(image, exists, YoloPaths.existingLabelOf(root, image), listPart.split());
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Location.ofLine(source(listPart.file()), listLine + 1),
                    "invalid UTF-8 in a list file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A listed image as a path under the root: relative to the list's folder, with {@code ./}
     * dropped; absolute paths and CVAT's {@code data/} prefix lose leading folders until the
     * image (or its label) is found. {@code null} when it would leave the root.
     */
    private String resolveListed(String listed) {
        String base = YoloPaths.parent(listPart.file());
        boolean absolute = listed.startsWith("/") || listed.matches("[A-Za-z]:/.*");
        String[] segs = listed.replaceFirst("^[A-Za-z]:/", "").split("/");
        List<String> clean = new ArrayList<>(segs.length);
        for (String s : segs) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            clean.add(s);
        }
        if (clean.contains("..")) {
            return normalise(base, clean);
        }
        String joined = String.join("/", clean);
        if (!absolute) {
            String direct = YoloPaths.join(base, joined);
            if (found(direct)) {
                return direct;
            }
        }
        for (int drop = absolute ? 0 : 1; drop < clean.size(); drop++) {
            String candidate = String.join("/", clean.subList(drop, clean.size()));
            if (found(candidate)) {
                return candidate;
            }
        }
        if (!absolute) {
            return YoloPaths.join(base, joined);
        }
        return String.join("/", clean.subList(Math.max(0, clean.size() - 1), clean.size()));
    }

    private static String normalise(String base, List<String> segs) {
        Deque<String> out = new ArrayDeque<>();
        if (!base.isEmpty()) {
            for (String s : base.split("/")) {
                out.addLast(s);
            }
        }
        for (String s : segs) {
            if (s.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.removeLast();
            } else {
                out.addLast(s);
            }
        }
        return out.isEmpty() ? null : String.join("/", out);
    }

    private boolean found(String image) {
        return Files.isRegularFile(root.resolve(image)) || YoloPaths.existingLabelOf(root, image) != null;
    }

    private String source(String rel) {
        return sourceName + "/" + rel;
    }

    String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    void close() {
        closeList();
        walker = null;
    }

    private void closeList() {
        if (list != null) {
            try {
                list.close();
            } catch (IOException e) {
                // closing a read-only stream: nothing to do
            }
            list = null;
        }
    }

    /** A depth-first walk in sorted order, one directory listing per level; hidden entries skipped. */
    static final class Walker {
        private final Deque<Iterator<Path>> stack = new ArrayDeque<>();

        Walker(Path dir) {
            if (Files.isDirectory(dir)) {
                stack.push(list(dir).iterator());
            }
        }

        /** The next regular file, or {@code null}. */
        Path next() {
            while (!stack.isEmpty()) {
                Iterator<Path> it = stack.peek();
                if (!it.hasNext()) {
                    stack.pop();
                    continue;
                }
                Path p = it.next();
                if (Files.isDirectory(p)) {
                    if (stack.size() < MAX_DEPTH) {
                        stack.push(list(p).iterator());
                    }
                } else if (Files.isRegularFile(p)) {
                    return p;
                }
            }
            return null;
        }

        static List<Path> list(Path dir) {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> {
                    String n = name(p);
                    return !n.startsWith(".") && !n.equals("__MACOSX");
                }).sorted((a, b) -> name(a).compareTo(name(b))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String name(Path p) {
            Path f = p.getFileName();
            String n = f == null ? "" : f.toString();
            return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
        }
    }
}
