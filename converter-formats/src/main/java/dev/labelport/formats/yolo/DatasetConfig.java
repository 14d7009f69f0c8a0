package dev.labelport.formats.yolo;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.formats.yolo.YamlLite.Mapping;
import dev.labelport.formats.yolo.YamlLite.Node;
import dev.labelport.formats.yolo.YamlLite.Scalar;
import dev.labelport.formats.yolo.YamlLite.Seq;
import dev.labelport.formats.yolo.YoloFormat.Layout;
import dev.labelport.internal.Excerpts;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a dataset folder declares: layout, class names, keypoint shape and splits, from
 * {@code data.yaml}, {@code obj.data} and names files at the root.
 */
final class DatasetConfig {
    /** Largest config or names file read. */
    static final int MAX_CONFIG_BYTES = 4 << 20;
    private static final Set<String> YAML_RESERVED = Set.of("path", "names", "nc", "kpt_shape", "flip_idx", "download",
            "yaml_file", "channels", "kpt_names", "roboflow");

    Layout layout = Layout.PLAIN;
    /** Class names by index (gaps are {@code null}); {@code null} when the dataset names none. */
    List<String> names;
    /** Where the names came from (a root file name), for messages and same-layout writes. */
    String namesFile;
    /** Whether the names were made up from {@code nc}. */
    boolean namesSynthesised;
    int[] kptShape;
    List<Integer> flipIdx;
    final List<Entries.Part> parts = new ArrayList<>();
    /** Split paths already declared. */
    private final Set<String> declared = new HashSet<>();
    /** Root files that are not labels. */
    final Set<String> skipped = new HashSet<>();
    /** {@code classify/names.txt} exists: a classify manifest written by Labelport. */
    boolean classifyManifest;

    private final Path root;
    private final ReadContext ctx;

    private DatasetConfig(Path root, ReadContext ctx) {
        this.root = root;
        this.ctx = ctx;
    }

    /** {@code given}: the config file the user named (a root file name), taken over any other; or null. */
    static DatasetConfig load(Path root, ReadContext ctx, String given) {
        DatasetConfig c = new DatasetConfig(root, ctx);
        c.load(given);
        return c;
    }

    private void load(String given) {
        List<String> files = new ArrayList<>();
        for (Path p : Entries.Walker.list(root)) {
            if (Files.isRegularFile(p)) {
                files.add(Entries.Walker.name(p));
            }
        }
        if (Files.isRegularFile(root.resolve("classify/names.txt"))) {
            classifyManifest = true;
            names = readNames("classify/names.txt");
            namesFile = "classify/names.txt";
            layout = Layout.ULTRALYTICS;
            return;
        }
        boolean givenYaml = given != null && !given.toLowerCase(Locale.ROOT).endsWith(".data");
        String yaml = givenYaml ? given : given != null ? null
                : pick(files, List.of("data.yaml", "data.yml", "dataset.yaml", "dataset.yml"), ".yaml", ".yml");
        String darknet = given != null ? (givenYaml ? null : given) : pick(files, List.of("obj.data"), ".data", null);
        for (String f : files) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".names") || lower.endsWith(".data")
                    || lower.equals("classes.txt")) {
                skipped.add(f);
            }
        }
        if (yaml != null) {
            layout = Layout.ULTRALYTICS;
            readYaml(yaml);
        } else if (darknet != null) {
            layout = Layout.DARKNET;
            readDarknet(darknet);
        }
        if (names == null) {
            String file = pick(files, List.of("obj.names", "classes.names", "classes.txt"), ".names", null);
            if (file != null) {
                names = readNames(file);
                namesFile = file;
            }
        }
        if (parts.isEmpty()) {
            parts.add(new Entries.Walk("", null, true));
        }
    }

    /** The first of {@code preferred} present, else the only file with one of the suffixes. */
    private static String pick(List<String> files, List<String> preferred, String suffix, String suffix2) {
        for (String p : preferred) {
            if (files.contains(p)) {
                return p;
            }
        }
        String found = null;
        for (String f : files) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (lower.endsWith(suffix) || suffix2 != null && lower.endsWith(suffix2)) {
                if (found != null) {
                    return null;
                }
                found = f;
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- data.yaml

    private void readYaml(String file) {
        String source = source(file);
        Mapping m = YamlLite.parse(text(file), source, ctx.limits().maxCategories() + 1000);
        namesFile = file;
        Node names = m.get("names");
        if (names != null) {
            this.names = yamlNames(names, source);
        }
        Node nc = m.get("nc");
        if (nc != null) {
            int n = integer(nc, source, "nc");
            if (this.names != null && n != this.names.size()) {
                // Ultralytics takes nc from the names; nothing else reads it
                ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, at(source, nc),
                        "nc is " + n + " but names lists " + this.names.size() + " classes: the names are used");
            }
            if (this.names == null) {
                limitCategories(n, source, nc);
                this.names = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    this.names.add(YoloSource.synthesisedName(i));
                }
                namesSynthesised = true;
            }
        }
        Node kpt = m.get("kpt_shape");
        if (kpt != null) {
            if (!(kpt instanceof Seq s) || s.items().size() != 2) {
                throw new InvalidInputException(at(source, kpt), "kpt_shape must be a list [keypoints, 2 or 3]");
            }
            int k = integer(s.items().get(0), source, "kpt_shape");
            int d = integer(s.items().get(1), source, "kpt_shape");
            if (k < 1 || k > 10_000 || d != 2 && d != 3) {
                throw new InvalidInputException(at(source, kpt), "kpt_shape must be [1..10000, 2 or 3]: [" + k + ", " + d + "]");
            }
            kptShape = new int[] {k, d};
        }
        Node flip = m.get("flip_idx");
        if (flip instanceof Seq s) {
            flipIdx = new ArrayList<>();
            for (Node n : s.items()) {
                flipIdx.add(integer(n, source, "flip_idx"));
            }
        } else if (flip != null && !(flip instanceof Scalar sc && sc.value() == null)) {
            throw new InvalidInputException(at(source, flip), "flip_idx must be a list of indices");
        }
        String base = "";
        Node path = m.get("path");
        if (path instanceof Scalar s && s.value() != null) {
            String p = s.value().replace('\\', '/');
            // an absolute or outside path (the trainer's machine) cannot be followed: the yaml's folder stands for it
            if (!p.startsWith("/") && !p.matches("[A-Za-z]:.*") && !p.contains("..") && Files.isDirectory(root.resolve(p))) {
                base = p.equals(".") || p.equals("./") ? "" : strip(p);
            }
        }
        boolean missing = false;
        for (var e : m.entries().entrySet()) {
            String key = e.getKey();
            if (YAML_RESERVED.contains(key)) {
                continue;
            }
            String split = key;
            boolean declared = key.equals("train") || key.equals("val") || key.equals("test");
            List<Scalar> values = new ArrayList<>();
            if (e.getValue() instanceof Scalar s) {
                if (s.value() == null) {
                    continue;
                }
                values.add(s);
            } else if (e.getValue() instanceof Seq s) {
                for (Node n : s.items()) {
                    if (!(n instanceof Scalar sc) || sc.value() == null) {
                        throw new InvalidInputException(at(source, n), key + " must list paths");
                    }
                    values.add(sc);
                }
            } else {
                if (declared) {
                    throw new InvalidInputException(at(source, e.getValue()), key + " must be a path or a list of paths");
                }
                continue;
            }
            for (Scalar s : values) {
                String resolved = resolveSplit(base, s.value());
                if (resolved == null) {
                    if (declared) {
                        missing = true;
                        ctx.reporter().loss(YoloFormat.SPLIT_NOT_FOUND, at(source, s),
                                key + ": " + s.value() + " not found; splits are taken from the folder names");
                    }
                    continue;
                }
                addSplit(resolved, split);
            }
        }
        if (missing) {
            parts.clear();
        }
    }

    /**
     * A split entry as a path under the root (Ultralytics' rule: relative to {@code path}, and
     * without a leading {@code ../} when that does not exist), or {@code null} when not found.
     */
    private String resolveSplit(String base, String value) {
        String v = value.replace('\\', '/');
        List<String> tries = new ArrayList<>();
        tries.add(v);
        if (v.startsWith("../")) {
            tries.add(v.substring(3));
        }
        for (String t : tries) {
            if (t.startsWith("/") || t.matches("[A-Za-z]:.*")) {
                continue;
            }
            String p = YoloPaths.join(base, strip(t));
            if (p.isEmpty() || p.equals(".")) {
                p = "";
            }
            if (p.contains("..")) {
                continue;
            }
            Path at = p.isEmpty() ? root : root.resolve(p);
            if (Files.isDirectory(at) || Files.isRegularFile(at)) {
                return p;
            }
            // labels written without their images: the images folder is missing, the labels folder is there
            for (String[] pair : YoloPaths.FOLDER_PAIRS) {
                String labels = YoloPaths.swapLastFolder(p + "/x", pair[0], pair[1]);
                if (labels != null && Files.isDirectory(root.resolve(YoloPaths.parent(labels)))) {
                    return p;
                }
            }
        }
        return null;
    }

    private void addSplit(String path, String split) {
        if (!declared.add(path)) {
            return; // a folder under two keys (val repeating train) is read once, under the first
        }
        Path at = path.isEmpty() ? root : root.resolve(path);
        if (Files.isRegularFile(at)) {
            if (path.toLowerCase(Locale.ROOT).endsWith(".txt")) {
                parts.add(new Entries.ListFile(path, split));
                skipped.add(path);
            }
            return; // a single image file as a split is not followed
        }
        parts.add(new Entries.Walk(path, split, false));
        for (String[] pair : YoloPaths.FOLDER_PAIRS) {
            String labels = YoloPaths.swapLastFolder(path + "/x", pair[0], pair[1]);
            if (labels != null) {
                String dir = YoloPaths.parent(labels);
                if (Files.isDirectory(root.resolve(dir))) {
                    parts.add(new Entries.Walk(dir, split, false));
                }
                break;
            }
        }
    }

    private static String strip(String p) {
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private List<String> yamlNames(Node node, String source) {
        List<String> out = new ArrayList<>();
        if (node instanceof Seq s) {
            limitCategories(s.items().size(), source, node);
            for (Node n : s.items()) {
                if (!(n instanceof Scalar sc) || sc.value() == null) {
                    throw new InvalidInputException(at(source, n), "a class name must be a scalar");
                }
                out.add(sc.value());
            }
            return out;
        }
        if (node instanceof Mapping m) {
            limitCategories(m.entries().size(), source, node);
            for (var e : m.entries().entrySet()) {
                Scalar key = m.keys().get(e.getKey());
                int index;
                try {
                    index = Integer.parseInt(e.getKey().strip());
                } catch (NumberFormatException ex) {
                    throw new InvalidInputException(at(source, key), "names keys must be class indices: '" + e.getKey() + "'");
                }
                if (index < 0) {
                    throw new InvalidInputException(at(source, key), "negative class index " + index);
                }
                limitCategories(index + 1, source, key);
                if (!(e.getValue() instanceof Scalar sc) || sc.value() == null) {
                    throw new InvalidInputException(at(source, e.getValue()), "a class name must be a scalar");
                }
                while (out.size() <= index) {
                    out.add(null);
                }
                out.set(index, sc.value());
            }
            return out;
        }
        throw new InvalidInputException(at(source, node), "names must be a list or a mapping of index: name");
    }

    private int integer(Node n, String source, String what) {
        if (n instanceof Scalar s && s.value() != null) {
            try {
                return Integer.parseInt(s.value().strip());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new InvalidInputException(at(source, n), what + " must be an integer");
    }

    private void limitCategories(int n, String source, Node where) {
        if (n > ctx.limits().maxCategories()) {
            throw new LimitExceededException(at(source, where),
                    n + " classes exceed the limit of " + ctx.limits().maxCategories() + " (Limits.maxCategories)");
        }
    }

    private static Location at(String source, Node n) {
        return new Location(source, n.line(), n.column(), -1, null);
    }

    // ---------------------------------------------------------------- Darknet obj.data

    private void readDarknet(String file) {
        String source = source(file);
        String text = text(file);
        String[] lines = text.split("\n", -1);
        boolean missing = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                // Darknet's read_data_cfg skips such a line with a message: so do we
                ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, Location.ofLine(source, i + 1),
                        "not a key = value line: '" + Excerpts.of(l, 40) + "' (skipped)");
                continue;
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip().replace('\\', '/');
            switch (key) {
                case "names" -> {
                    String f = existing(value);
                    if (f != null) {
                        names = readNames(f);
                        namesFile = f;
                        skipped.add(f);
                    }
                }
                case "train", "valid", "test" -> {
                    String f = existing(value);
                    String split = key.equals("valid") ? "val" : key;
                    if (f == null) {
                        missing = true;
                        ctx.reporter().loss(YoloFormat.SPLIT_NOT_FOUND, Location.ofLine(source, i + 1),
                                key + " = " + value + " not found; splits are taken from the folder names");
                    } else {
                        parts.add(new Entries.ListFile(f, split));
                        skipped.add(f);
                    }
                }
                case "classes" -> {
                    if (!value.matches("[0-9]{1,9}")) {
                        // the names file gives the classes; nothing reads the count
                        ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, Location.ofLine(source, i + 1),
                                "classes is not a count: '" + Excerpts.of(value, 40) + "' (the names are used)");
                    }
                }
                default -> {
                    // another split written as its own list (Labelport writes "<split> = data/<split>.txt");
                    // backup, eval and the rest: nothing to read
                    String f = value.toLowerCase(Locale.ROOT).endsWith(".txt") && !key.equals("eval") ? existing(value) : null;
                    if (f != null) {
                        parts.add(new Entries.ListFile(f, key));
                        skipped.add(f);
                    }
                }
            }
        }
        if (missing) {
            parts.clear();
        }
    }

    /** A root-relative file named in obj.data: as given, else without leading folders (CVAT's {@code data/}). */
    private String existing(String value) {
        String v = strip(value);
        String[] segs = v.split("/");
        for (int drop = 0; drop < segs.length; drop++) {
            String p = String.join("/", java.util.Arrays.asList(segs).subList(drop, segs.length));
            if (!p.contains("..") && !p.startsWith("/") && Files.isRegularFile(root.resolve(p))) {
                return p;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- files

    /** One name per line (line i = class i), CRLF allowed, trailing blank lines ignored. */
    private List<String> readNames(String file) {
        String source = source(file);
        String[] lines = text(file).split("\n", -1);
        int n = lines.length;
        while (n > 0 && lines[n - 1].strip().isEmpty()) {
            n--;
        }
        if (n > ctx.limits().maxCategories()) {
            throw new LimitExceededException(Location.ofLine(source, ctx.limits().maxCategories() + 1L),
                    n + " classes exceed the limit of " + ctx.limits().maxCategories() + " (Limits.maxCategories)");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String l = lines[i];
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            for (int k = 0; k < l.length(); k++) {
                if (l.charAt(k) < 0x20 && l.charAt(k) != '\t' || l.charAt(k) == '\uFFFD') {
                    throw new InvalidInputException(new Location(source, i + 1, k + 1, -1, null),
                            "a control character in a class name: not a names file");
                }
            }
            out.add(l.strip());
        }
        return out;
    }

    private String text(String file) {
        Path p = root.resolve(file);
        String source = source(file);
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
            if (bytes.length > MAX_CONFIG_BYTES) {
                throw new LimitExceededException(Location.of(source), "larger than " + MAX_CONFIG_BYTES + " bytes");
            }
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Location.of(source), "invalid UTF-8: not a text file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String source(String rel) {
        return ctx.sourceName() + "/" + rel;
    }
}
