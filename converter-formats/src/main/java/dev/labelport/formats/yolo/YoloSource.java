package dev.labelport.formats.yolo;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.formats.images.ImageHeaders;
import dev.labelport.formats.yolo.YoloFormat.Layout;
import dev.labelport.formats.yolo.YoloFormat.Task;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ReadContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a YOLO dataset folder item by item; see the package documentation. */
final class YoloSource implements AnnotationSource {
    /** Entries looked at to find the task. */
    private static final int PEEK_ENTRIES = 2000;
    /** Label files with content looked at to find the task. */
    private static final int PEEK_FILES = 20;
    private static final Set<String> SPLIT_FOLDERS = Set.of("train", "val", "valid", "validation", "test");

    private final Path root;
    private final ReadContext ctx;
    private final DatasetConfig config;
    private final Task task;
    private final int[] kptShape;
    private final DatasetHeader header;
    private final List<Category> categories = new ArrayList<>();
    private final Map<String, Category> byName = new HashMap<>();
    private final LabelParser parser;
    private boolean predictions;
    private Entries entries;
    // classify
    private Iterator<String> classifySplits;
    private String classifySplit;
    private Entries.Walker classifyWalker;
    private BufferedReader manifest;
    private long manifestLine;
    private String manifestSource;
    private boolean closed;

    /** {@code config}: the root file given as the input (data.yaml, obj.data), read before any other; or null. */
    YoloSource(Path root, ReadContext ctx, Task taskOption, int[] kptOption, String configFile) {
        this.root = root;
        this.ctx = ctx;
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(Location.of(ctx.sourceName()),
                    "not a folder: a YOLO dataset is a folder (or a zip) with label files, data.yaml or obj.data");
        }
        this.config = DatasetConfig.load(root, ctx, configFile);
        this.kptShape = kptOption != null ? kptOption : config.kptShape;
        List<String> classFolders = null;
        Task t = taskOption;
        if (t == null && config.classifyManifest) {
            t = Task.CLASSIFY;
        }
        if (t == null && kptShape != null) {
            t = Task.POSE;
        }
        if (t == null || t != Task.CLASSIFY) {
            Task peeked = peek();
            if (t == null) {
                t = peeked;
            }
        }
        if (t == null) {
            classFolders = classFolders();
            if (classFolders.isEmpty() && config.names == null && config.layout == Layout.PLAIN) {
                throw new InvalidInputException(Location.of(ctx.sourceName()),
                        "no YOLO labels, images, data.yaml or obj.data found in the folder");
            }
            t = classFolders.isEmpty() ? Task.DETECT : Task.CLASSIFY;
        }
        this.task = t;
        if (task == Task.POSE && kptShape == null) {
            throw new InvalidInputException(Location.of(ctx.sourceName()),
                    "task pose needs kpt_shape: in data.yaml or as option kpt-shape=KxD");
        }
        if (config.names != null) {
            for (int i = 0; i < config.names.size(); i++) {
                String n = config.names.get(i);
                categories.add(n == null ? null : Category.of(Id.of(i), n));
            }
            if (config.namesSynthesised) {
                ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(config.source(config.namesFile)),
                        "data.yaml gives nc but no names: classes named class_0, class_1...");
            }
        } else if (task == Task.CLASSIFY && !config.classifyManifest) {
            for (String name : classFolders == null ? classFolders() : classFolders) {
                categories.add(Category.of(Id.of(categories.size()), name));
            }
        }
        for (Category c : categories) {
            if (c != null) {
                byName.putIfAbsent(c.name(), c);
            }
        }
        this.parser = new LabelParser(ctx, task, kptShape, this::category);
        this.header = new DatasetHeader(null, YoloFormat.ID, null,
                categories.stream().filter(c -> c != null).toList(), extension());
        if (task == Task.CLASSIFY) {
            classifySplits = config.classifyManifest ? manifestSplits().iterator()
                    : splitFolders().iterator();
        } else {
            entries = new Entries(root, ctx.sourceName(), config.parts, config.skipped);
        }
    }

    /** The name given to class {@code i} when the dataset names none (Ultralytics' default). */
    static String synthesisedName(int i) {
        return "class_" + i;
    }

    /** Digits after the point of a number as written ({@code 0.25} → 2, {@code 1e-3} → 0). */
    private static int decimalsOf(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return 0;
        }
        int n = 0;
        for (int i = dot + 1; i < token.length() && Character.isDigit(token.charAt(i)); i++) {
            n++;
        }
        return n;
    }

    private JsonObject extension() {
        JsonObject.Builder b = JsonObject.builder().put("layout", config.layout.id()).put("task", task.id());
        if (config.namesFile != null) {
            b.put("names_file", config.namesFile);
        }
        if (predictions) {
            b.put("predictions", JsonValue.of(true));
        }
        if (kptShape != null) {
            b.put("kpt_shape", new JsonArray(List.of(JsonNumber.of(kptShape[0]), JsonNumber.of(kptShape[1]))));
        }
        if (decimalsSeen[0] > YoloWriter.DEFAULT_PRECISION) {
            // more digits than the writer's default: a YOLO write keeps them (precision=auto);
            // derived, so converting elsewhere does not report it
            b.put("derived", JsonObject.builder().put("decimals", JsonNumber.of(decimalsSeen[0])).build());
        }
        if (config.flipIdx != null) {
            b.put("flip_idx", new JsonArray(config.flipIdx.stream().<JsonValue>map(i -> JsonNumber.of(i)).toList()));
        }
        return JsonObject.builder().put(YoloFormat.ID, b.build()).build();
    }

    // ---------------------------------------------------------------- task detection

    /**
     * Looks at the first label lines: only 4/5 numbers → detect; only 8/9 → obb; other counts
     * → segment; {@code null} when no label line was found. Also notes a confidence column.
     */
    /** Most digits after a point in the label lines {@link #peek} looked at. */
    private final int[] decimalsSeen = {0};

    private Task peek() {
        Entries e = new Entries(root, ctx.sourceName(), config.parts, config.skipped);
        TreeSet<Integer> counts = new TreeSet<>();
        try {
            int files = 0;
            Entries.Entry en;
            for (int i = 0; i < PEEK_ENTRIES && files < PEEK_FILES && (en = e.next()) != null; i++) {
                if (en.label() != null && countNumbers(root.resolve(en.label()), counts, decimalsSeen)) {
                    files++;
                }
            }
        } finally {
            e.close();
        }
        if (counts.isEmpty()) {
            return null;
        }
        if (kptShape != null) {
            predictions = counts.contains(5 + kptShape[0] * kptShape[1]);
            return Task.POSE;
        }
        Set<Integer> shapes = new TreeSet<>(counts);
        shapes.remove(4);
        shapes.remove(5);
        if (shapes.isEmpty()) {
            predictions = counts.contains(5);
            return Task.DETECT;
        }
        if (Set.of(8, 9).containsAll(shapes)) {
            predictions = counts.contains(9);
            return Task.OBB;
        }
        predictions = shapes.stream().anyMatch(n -> (n & 1) == 1);
        return Task.SEGMENT;
    }

    /**
     * Adds the numbers-per-line counts of the first lines of a label file, and raises
     * {@code decimals[0]} to the most digits after a point seen; false when it has none.
     */
    private static boolean countNumbers(Path file, Set<Integer> counts, int[] decimals) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\n");
            boolean any = false;
            for (int i = 0; i < Math.min(lines.length, 200); i++) {
                String t = lines[i].strip();
                if (!t.isEmpty()) {
                    String[] tokens = t.split("[ \t]+");
                    counts.add(tokens.length - 1);
                    for (String token : tokens) {
                        decimals[0] = Math.max(decimals[0], decimalsOf(token));
                    }
                    any = true;
                }
            }
            return any;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- categories

    private Category category(int index, Location where) {
        if (index < categories.size() && categories.get(index) != null) {
            return categories.get(index);
        }
        if (config.names != null) {
            throw new InvalidInputException(where, "class " + index + " is not in the names (" + config.names.size()
                    + " classes in " + config.namesFile + ")");
        }
        if (index >= ctx.limits().maxCategories()) {
            throw new LimitExceededException(where, "class index " + index + " exceeds the limit of "
                    + ctx.limits().maxCategories() + " classes (Limits.maxCategories)");
        }
        while (categories.size() <= index) {
            categories.add(null);
        }
        Category c = Category.of(Id.of(index), synthesisedName(index));
        categories.set(index, c);
        ctx.reporter().loss(LossCode.SYNTHESISED, where, "no names file: class " + index + " named " + c.name());
        return c;
    }

    // ---------------------------------------------------------------- items

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        try {
            return nextItem();
        } catch (java.nio.file.InvalidPathException e) {
            throw badPath(ctx.sourceName(), e);
        }
    }

    /**
     * A file name read from the input (a list, data.yaml, obj.data) that the file system refuses:
     * an input error, not a crash. The specific readers catch the cases they know first, with
     * their line.
     */
    static InvalidInputException badPath(String source, java.nio.file.InvalidPathException e) {
        return new InvalidInputException(Location.of(source), "a file name in the dataset is not a valid path: "
                + e.getReason() + " in '" + e.getInput().replaceAll("\\p{Cntrl}", "?") + "'", e);
    }

    private Item nextItem() {
        if (closed) {
            return null;
        }
        if (task == Task.CLASSIFY) {
            return nextClassified();
        }
        Entries.Entry e = entries.next();
        if (e == null) {
            return null;
        }
        String fileName = e.image() != null ? e.image() : YoloPaths.derivedImageName(e.label());
        List<Annotation> annotations = e.label() == null ? List.of()
                : parser.parse(root.resolve(e.label()), ctx.sourceName() + "/" + e.label());
        return Item.image(Id.of(fileName)).fileName(fileName).split(e.split()).normalized(true)
                .annotations(annotations).build();
    }

    private Item nextClassified() {
        while (true) {
            if (manifest != null) {
                Item i = nextFromManifest();
                if (i != null) {
                    return i;
                }
                closeManifest();
            } else if (classifyWalker != null) {
                for (Path p = classifyWalker.next(); p != null; p = classifyWalker.next()) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    String[] segs = rel.split("/");
                    if (segs.length == 3 && YoloPaths.isImage(segs[2])) {
                        Category c = byName.get(segs[1]);
                        return tagged(rel, classifySplit, c);
                    }
                }
                classifyWalker = null;
            } else if (classifySplits.hasNext()) {
                classifySplit = classifySplits.next();
                if (config.classifyManifest) {
                    openManifest(classifySplit);
                } else {
                    classifyWalker = new Entries.Walker(root.resolve(classifySplit));
                }
            } else {
                return null;
            }
        }
    }

    private Item tagged(String fileName, String split, Category c) {
        Annotation a = Annotation.builder(Tag.INSTANCE).category(c).build();
        return Item.image(Id.of(fileName)).fileName(fileName).split(split.equals("valid") ? "val" : split)
                .normalized(true).annotations(List.of(a)).build();
    }

    /** Root folders named like splits whose sub-folders hold images: Ultralytics' classify layout. */
    private List<String> splitFolders() {
        List<String> out = new ArrayList<>();
        for (Path p : Entries.Walker.list(root)) {
            String n = Entries.Walker.name(p);
            if (Files.isDirectory(p) && SPLIT_FOLDERS.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Class folder names over every split folder, sorted (as Ultralytics sorts them). */
    private List<String> classFolders() {
        TreeSet<String> names = new TreeSet<>();
        for (String split : splitFolders()) {
            for (Path c : Entries.Walker.list(root.resolve(split))) {
                if (Files.isDirectory(c) && holdsImage(c)) {
                    names.add(Entries.Walker.name(c));
                }
            }
        }
        if (names.size() > ctx.limits().maxCategories()) {
            throw new LimitExceededException(Location.of(ctx.sourceName()), names.size()
                    + " class folders exceed the limit of " + ctx.limits().maxCategories() + " (Limits.maxCategories)");
        }
        return new ArrayList<>(names);
    }

    private static boolean holdsImage(Path dir) {
        for (Path f : Entries.Walker.list(dir)) {
            if (Files.isRegularFile(f) && YoloPaths.isImage(Entries.Walker.name(f))) {
                return true;
            }
        }
        return false;
    }

    private List<String> manifestSplits() {
        List<String> out = new ArrayList<>();
        for (Path p : Entries.Walker.list(root.resolve("classify"))) {
            String n = Entries.Walker.name(p);
            if (Files.isRegularFile(p) && n.endsWith(".txt") && !n.equals("names.txt")) {
                out.add(n.substring(0, n.length() - 4));
            }
        }
        return out;
    }

    private void openManifest(String split) {
        manifest = Entries.utf8(root.resolve("classify/" + split + ".txt"));
        manifestLine = 0;
        manifestSource = ctx.sourceName() + "/classify/" + split + ".txt";
    }

    private Item nextFromManifest() {
        try {
            while (true) {
                String line = manifest.readLine();
                if (line == null) {
                    return null;
                }
                manifestLine++;
                if (line.length() > ctx.limits().maxLineLength()) {
                    throw new LimitExceededException(Location.ofLine(manifestSource, manifestLine),
                            "line longer than the limit of " + ctx.limits().maxLineLength() + " characters");
                }
                if (line.isBlank()) {
                    continue;
                }
                int slash = line.indexOf('/');
                Category c = slash > 0 ? byName.get(line.substring(0, slash)) : null;
                if (c == null || slash == line.length() - 1) {
                    InvalidInputException e = new InvalidInputException(Location.ofLine(manifestSource, manifestLine),
                            "expected <class>/<image> with a class from classify/names.txt: '" + line + "'");
                    ctx.invalid(e);
                    continue;
                }
                return tagged(classifySplit + "/" + line, classifySplit, c);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Location.ofLine(manifestSource, manifestLine + 1), "invalid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeManifest() {
        if (manifest != null) {
            try {
                manifest.close();
            } catch (IOException e) {
                // read-only
            }
            manifest = null;
        }
    }

    @Override
    public ImageSize imageSize(Item item) {
        Path p = imageFile(item);
        return p == null ? null : ImageHeaders.forSource(p, ctx.sourceName(), item.fileName(), ctx.limits());
    }

    /** The image at the item's path under the dataset root (its id and file name), when it is there. */
    @Override
    public Path imageFile(Item item) {
        String f = item.fileName();
        if (f == null || f.contains("..")) {
            return null;
        }
        try {
            Path p = root.resolve(f);
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (entries != null) {
            entries.close();
        }
        closeManifest();
    }
}
