package dev.labelport.formats.voc;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.formats.images.ImageHeaders;
import dev.labelport.internal.Excerpts;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Tag;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ReadContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a VOC folder (or one VOC XML file) item by item: the XML files are listed (names only)
 * and sorted, then each is parsed when its item is asked for. The split lists of
 * {@code ImageSets/Main} are small and read up front into a map of id to split membership.
 */
final class VocReader implements AnnotationSource {
    private static final String[] IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"};

    /** Where a group of XML files is: the folder, the split it gives (Roboflow layout), the prefix of locations. */
    private record Folder(Path dir, String split, String prefix) {
    }

    /**
     * One XML file to read: only its name is held per file (the folder is shared), so listing a
     * million files costs a name each, not a {@code Path}.
     */
    private record Entry(Folder folder, String name) {
        Path file() {
            return folder.prefix == null ? folder.dir : folder.dir.resolve(name);
        }

        String stem() {
            return VocReader.stem(name);
        }

        String split() {
            return folder.split;
        }

        String source() {
            return folder.prefix == null ? name : folder.prefix + name;
        }
    }

    private final ReadContext ctx;
    private final PixelConvention pixels;
    private final XmlTree xml = new XmlTree();
    private final List<Entry> entries;
    private final Path imageFolder;
    private final SplitLists splits;
    private final Map<String, Category> categories = new HashMap<>();
    private final DatasetHeader header;
    private Iterator<Map.Entry<String, Long>> unseen;
    private int next;
    private long annotationIds;
    private boolean idsNoted;
    private boolean closed;

    private VocReader(ReadContext ctx, PixelConvention pixels, List<Entry> entries, Path imageFolder, SplitLists splits,
                      String name) {
        this.ctx = ctx;
        this.pixels = pixels;
        this.entries = entries;
        this.imageFolder = imageFolder;
        this.splits = splits;
        this.header = new DatasetHeader(name, VocFormat.ID, null, List.of(), JsonObject.EMPTY);
    }

    static VocReader open(Path input, ReadContext ctx, PixelConvention pixels) {
        String name = ctx.sourceName();
        try {
            if (Files.isRegularFile(input)) {
                return one(input, ctx, pixels);
            }
            Path annotations = input.resolve("Annotations");
            if (Files.isDirectory(annotations)) {
                List<Entry> list = xmlFiles(annotations, null, name + "/Annotations/");
                SplitLists splits = SplitLists.read(input.resolve("ImageSets").resolve("Main"), name + "/ImageSets/Main/", ctx.limits());
                return new VocReader(ctx, pixels, list, input.resolve("JPEGImages"), splits, null);
            }
            List<Entry> flat = xmlFiles(input, null, name + "/");
            if (!flat.isEmpty()) {
                return new VocReader(ctx, pixels, flat, input, SplitLists.NONE, null);
            }
            List<Path> children = sortedChildren(input);
            if (children.isEmpty()) {
                // what the writer leaves for a dataset without items (it cannot create empty folders)
                return new VocReader(ctx, pixels, List.of(), null, SplitLists.NONE, null);
            }
            List<Entry> bySplit = new ArrayList<>();
            for (Path dir : children) {
                if (Files.isDirectory(dir)) {
                    String split = String.valueOf(dir.getFileName()).replace("/", "");
                    bySplit.addAll(xmlFiles(dir, split, name + "/" + split + "/"));
                }
            }
            if (bySplit.isEmpty()) {
                throw new InvalidInputException(Location.of(name), "no VOC annotations: expected Annotations/*.xml,"
                        + " *.xml files, or split folders of *.xml files");
            }
            return new VocReader(ctx, pixels, bySplit, null, SplitLists.NONE, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + name, e);
        }
    }

    /**
     * One XML file. Inside a devkit layout ({@code <root>/Annotations/<id>.xml}) its split comes
     * from {@code <root>/ImageSets/Main} and its image from {@code <root>/JPEGImages}, as for the
     * folder, and a {@code FILES_BESIDE} note says which were used; only that file's item is read.
     */
    private static VocReader one(Path input, ReadContext ctx, PixelConvention pixels) throws IOException {
        Entry e = new Entry(new Folder(input, null, null), ctx.sourceName());
        Path folder = input.toAbsolutePath().getParent();
        Path root = folder == null ? null : folder.getParent();
        if (root == null || folder.getFileName() == null || !folder.getFileName().toString().equals("Annotations")) {
            return new VocReader(ctx, pixels, List.of(e), null, SplitLists.NONE, null);
        }
        SplitLists splits = SplitLists.read(root.resolve("ImageSets").resolve("Main"), "ImageSets/Main/", ctx.limits())
                .only(stem(String.valueOf(input.getFileName())));
        Path images = root.resolve("JPEGImages");
        List<String> used = new ArrayList<>();
        if (splits != SplitLists.NONE) {
            used.add("its split from ImageSets/Main");
        }
        if (Files.isDirectory(images)) {
            used.add("its image from JPEGImages");
        }
        if (!used.isEmpty()) {
            ctx.reporter().loss(LossCode.FILES_BESIDE, Location.of(ctx.sourceName()), "one annotation file of a VOC"
                    + " folder was given: only its item is read, with " + String.join(" and ", used));
        }
        return new VocReader(ctx, pixels, List.of(e), Files.isDirectory(images) ? images : null, splits, null);
    }

    private static List<Entry> xmlFiles(Path dir, String split, String prefix) throws IOException {
        Folder folder = new Folder(dir, split, prefix);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> String.valueOf(p.getFileName()).toLowerCase(java.util.Locale.ROOT).matches(".*\\.xml/?")
                            && Files.isRegularFile(p))
                    .map(p -> new Entry(folder, String.valueOf(p.getFileName()).replace("/", "")))
                    .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        }
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted((a, b) -> String.valueOf(a.getFileName()).compareTo(String.valueOf(b.getFileName()))).toList();
        }
    }

    static String stem(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String base = fileName.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        if (closed) {
            return null;
        }
        while (next < entries.size()) {
            Entry e = entries.get(next++);
            try {
                return read(e);
            } catch (LimitExceededException ex) {
                throw ex;
            } catch (InvalidInputException ex) {
                ctx.invalid(ex);
            }
        }
        return listedWithoutFile();
    }

    /** Ids a split list names but no XML file describes: images without objects (as Datumaro reads them). */
    private Item listedWithoutFile() {
        if (unseen == null) {
            unseen = splits.unseen();
        }
        if (!unseen.hasNext()) {
            return null;
        }
        Map.Entry<String, Long> e = unseen.next();
        String id = e.getKey();
        ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(ctx.sourceName() + "/Annotations/" + id + ".xml"),
                "listed in ImageSets/Main but has no annotation file: read as an image without objects");
        Item.Builder b = Item.image(Id.of(id));
        String image = findImage(id);
        if (image != null) {
            b.fileName(image);
        }
        splits.apply(e.getValue(), b);
        return b.build();
    }

    private String findImage(String id) {
        if (imageFolder == null || !isPlainName(id)) {
            return null;
        }
        for (String ext : IMAGE_EXTENSIONS) {
            if (Files.isRegularFile(imageFolder.resolve(id + ext))) {
                return id + ext;
            }
        }
        return null;
    }

    private static boolean isPlainName(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0 && s.indexOf('\\') < 0
                && s.indexOf('\0') < 0 && s.indexOf(':') < 0;
    }

    /** The image next to the annotations, when the item's file name is a plain name found there. */
    @Override
    public ImageSize imageSize(Item item) {
        Path p = imageFile(item);
        return p == null ? null : ImageHeaders.forSource(p, ctx.sourceName(), item.fileName(), ctx.limits());
    }

    /** The image next to the annotations (or in JPEGImages), when the item's file name is a plain name found there. */
    @Override
    public Path imageFile(Item item) {
        if (imageFolder == null || item.fileName() == null || !isPlainName(item.fileName())) {
            return null;
        }
        Path p = imageFolder.resolve(item.fileName());
        return Files.isRegularFile(p) ? p : null;
    }

    // ---------------------------------------------------------------- one file

    private Item read(Entry e) {
        Limits limits = ctx.limits();
        XmlTree.Node root;
        try {
            long size = Files.size(e.file());
            if (size > limits.maxStringLength()) {
                throw new LimitExceededException(Location.of(e.source()), "annotation file of " + size
                        + " bytes exceeds " + limits.maxStringLength() + " (Limits.maxStringLength bounds one XML file)");
            }
            root = xml.parse(Files.readAllBytes(e.file()), e.source(), limits.maxNestingDepth());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + e.source(), ex);
        }
        if (!root.name().equals("annotation")) {
            throw new InvalidInputException(where(e, root, null), "root element is <" + root.name() + ">, expected <annotation>");
        }
        return item(e, root);
    }

    private Item item(Entry e, XmlTree.Node root) {
        Item.Builder b = Item.image(Id.of(e.stem()));
        JsonObject.Builder ext = JsonObject.builder();
        Map<String, JsonValue> elements = new LinkedHashMap<>();
        List<Annotation> annotations = new ArrayList<>();
        Integer width = null;
        Integer height = null;
        int objects = 0;
        if (!root.attributes().isEmpty()) {
            ext.put(VocXml.XML_ATTRIBUTES, VocXml.attributes(root.attributes()));
        }
        for (XmlTree.Node c : root.children()) {
            switch (c.name()) {
                case "filename" -> {
                    if (!c.isLeaf()) {
                        throw new InvalidInputException(where(e, c, "filename"), "<filename> must hold text only");
                    }
                    b.fileName(c.text());
                    checkFileName(e, c);
                }
                case "folder", "path", "segmented" -> putText(e, c, c.name(), ext);
                case "source" -> ext.put("source", VocXml.toJson(c));
                case "size" -> {
                    SizeRead s = size(e, c);
                    width = s.width;
                    height = s.height;
                    if (s.depth != null) {
                        ext.put("depth", s.depth);
                    }
                    if (s.raw != null) {
                        ext.put("size", s.raw);
                    }
                }
                case "object" -> {
                    object(e, c, "object[" + objects + "]", annotations, null);
                    objects++;
                }
                default -> VocXml.add(elements, c.name(), VocXml.toJson(c));
            }
        }
        if (!elements.isEmpty()) {
            ext.put(VocXml.ELEMENTS, JsonObject.of(elements));
        }
        String split = e.split();
        Long membership = splits.take(e.stem());
        if (membership != null) {
            split = null;
            splits.apply(membership, b);
            JsonArray all = splits.names(membership);
            if (all.size() > 1) {
                ext.put(VocXml.SPLITS, all);
            }
        } else if (split != null) {
            b.split(split);
        }
        JsonObject extension = ext.build();
        return b.size(width, height).annotations(annotations)
                .extensions(extension.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(VocFormat.ID, extension).build())
                .build();
    }

    private void checkFileName(Entry e, XmlTree.Node c) {
        String declared = stem(c.text().strip());
        if (!declared.equals(e.stem())) {
            ctx.reporter().loss(VocFormat.FILENAME_MISMATCH, where(e, c, "filename"),
                    "<filename> " + c.text() + " does not match the file's stem " + e.stem());
        }
    }

    private void putText(Entry e, XmlTree.Node c, String key, JsonObject.Builder ext) {
        if (!c.isLeaf()) {
            ext.put(key, VocXml.toJson(c));
            return;
        }
        ext.put(key, new JsonString(c.text()));
    }

    /** Width and height as the model holds them, and what it cannot hold (depth, zero sizes). */
    private record SizeRead(Integer width, Integer height, JsonString depth, JsonValue raw) {
    }

    private SizeRead size(Entry e, XmlTree.Node s) {
        XmlTree.Node w = s.child("width");
        XmlTree.Node h = s.child("height");
        XmlTree.Node d = s.child("depth");
        Integer width = w == null ? null : dimension(e, w, "size.width");
        Integer height = h == null ? null : dimension(e, h, "size.height");
        boolean known = width != null && width > 0 && height != null && height > 0;
        boolean plain = d == null || d.isLeaf();
        int expected = (w == null ? 0 : 1) + (h == null ? 0 : 1) + (d == null ? 0 : 1);
        if (known && plain && expected == s.children().size() && s.attributes().isEmpty()) {
            return new SizeRead(width, height, d == null ? null : new JsonString(d.text()), null);
        }
        // zero or missing sizes, or extra content: the model holds no size, the element is kept as written
        return new SizeRead(known ? width : null, known ? height : null, null, VocXml.toJson(s));
    }

    /**
     * A whole, non-negative number of pixels; {@code null} (reported) for anything else: no VOC
     * coordinate depends on {@code <size>}, so an unusable one is kept as written, never refused.
     */
    private Integer dimension(Entry e, XmlTree.Node n, String path) {
        String t = n.isLeaf() ? n.text().strip() : "";
        double v = VocXml.isDecimal(t) ? Double.parseDouble(t) : Double.NaN;
        if (!(v >= 0) || v != Math.rint(v)) {
            ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, where(e, n, path), "image " + n.name()
                    + " is not a whole number of pixels (" + (n.isLeaf() ? "'" + Excerpts.of(t, 40) + "'" : "elements inside")
                    + "): the image has no size, <size> is kept as written");
            return null;
        }
        if (v > ctx.limits().maxImageDimension()) {
            throw new LimitExceededException(where(e, n, path), "image " + n.name() + " " + n.text().strip()
                    + " exceeds " + ctx.limits().maxImageDimension() + " (Limits.maxImageDimension)");
        }
        return (int) v;
    }

    // ---------------------------------------------------------------- objects and parts

    private void object(Entry e, XmlTree.Node o, String path, List<Annotation> out, Id parent) {
        XmlTree.Node nameNode = null;
        Geometry geometry = null;
        Map<String, JsonValue> attributes = new LinkedHashMap<>();
        Map<String, JsonValue> elements = new LinkedHashMap<>();
        List<XmlTree.Node> parts = new ArrayList<>();
        for (XmlTree.Node c : o.children()) {
            String n = c.name();
            if (n.equals("name") && nameNode == null && c.isLeaf()) {
                nameNode = c;
            } else if (n.equals("bndbox") && !(geometry instanceof Box)) {
                geometry = box(e, c, path + ".bndbox");
            } else if (n.equals("point") && geometry == null && o.child("bndbox") == null) {
                geometry = point(e, c, path + ".point");
            } else if (n.equals("part") && parent == null) {
                parts.add(c);
            } else if (VocXml.FLAGS.contains(n) && c.isLeaf() && !attributes.containsKey(n)) {
                attributes.put(n, VocXml.flag(c.text()));
            } else if (n.equals("pose") && c.isLeaf() && !attributes.containsKey(n)) {
                attributes.put(n, new JsonString(c.text()));
            } else if (n.equals("actions") && !attributes.containsKey(n) && c.attributes().isEmpty()
                    && VocXml.allLeaves(c)) {
                Map<String, JsonValue> actions = new LinkedHashMap<>();
                for (XmlTree.Node a : c.children()) {
                    actions.put(a.name(), VocXml.flag(a.text()));
                }
                attributes.put(n, JsonObject.of(actions));
            } else if (n.equals("attributes") && VocXml.isDatumaroAttributes(c)) {
                VocXml.datumaroAttributes(c, attributes);
            } else {
                VocXml.add(elements, n, VocXml.toJson(c));
            }
        }
        if (nameNode == null) {
            throw new InvalidInputException(where(e, o, path), "<" + o.name() + "> without a <name>");
        }
        if (geometry == null) {
            geometry = Tag.INSTANCE;
        }
        Id id = Id.of(++annotationIds);
        noteIds(e);
        JsonObject.Builder ext = JsonObject.builder();
        if (!o.attributes().isEmpty()) {
            ext.put(VocXml.XML_ATTRIBUTES, VocXml.attributes(o.attributes()));
        }
        if (!elements.isEmpty()) {
            ext.put(VocXml.ELEMENTS, JsonObject.of(elements));
        }
        JsonObject extension = ext.build();
        out.add(Annotation.builder(geometry).id(id).category(category(e, nameNode)).attributes(JsonObject.of(attributes))
                .groupId(parent == null ? null : parent.text())
                .extensions(extension.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(VocFormat.ID, extension).build())
                .build());
        for (int i = 0; i < parts.size(); i++) {
            object(e, parts.get(i), path + ".part[" + i + "]", out, id);
        }
    }

    private void noteIds(Entry e) {
        if (!idsNoted) {
            idsNoted = true;
            ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(e.source()), "VOC has no annotation or category ids:"
                    + " annotations are numbered from 1 in reading order, categories from 1 in order of first use");
        }
    }

    private Category category(Entry e, XmlTree.Node nameNode) {
        String name = nameNode.text();
        Category c = categories.get(name);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(where(e, nameNode, null), "more than " + ctx.limits().maxCategories()
                        + " class names (Limits.maxCategories)");
            }
            c = Category.of(Id.of(categories.size() + 1L), name);
            categories.put(name, c);
        }
        return c;
    }

    private Box box(Entry e, XmlTree.Node b, String path) {
        double[] v = new double[4];
        String[] names = {"xmin", "ymin", "xmax", "ymax"};
        for (int i = 0; i < 4; i++) {
            XmlTree.Node n = b.child(names[i]);
            if (n == null) {
                throw new InvalidInputException(where(e, b, path), "<bndbox> without <" + names[i] + ">");
            }
            v[i] = number(e, n, path + "." + names[i]);
        }
        double x = pixels.edge(v[0]);
        double y = pixels.edge(v[1]);
        double w = pixels.size(v[0], v[2]);
        double h = pixels.size(v[1], v[3]);
        if (!(w >= 0) || !(h >= 0)) {
            throw new InvalidInputException(where(e, b, path), "box with xmax " + b.child("xmax").text().strip()
                    + " before xmin " + b.child("xmin").text().strip() + " or ymax " + b.child("ymax").text().strip()
                    + " before ymin " + b.child("ymin").text().strip() + " (pixels=" + pixels.optionValue() + ")");
        }
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)) {
            throw new InvalidInputException(where(e, b, path), "box coordinates out of range");
        }
        return new Box(x, y, w, h);
    }

    private Points point(Entry e, XmlTree.Node p, String path) {
        XmlTree.Node xn = p.child("x");
        XmlTree.Node yn = p.child("y");
        if (xn == null || yn == null) {
            throw new InvalidInputException(where(e, p, path), "<point> needs <x> and <y>");
        }
        double x = pixels.edge(number(e, xn, path + ".x"));
        double y = pixels.edge(number(e, yn, path + ".y"));
        return new Points(PointList.wrap(new double[] {x, y}));
    }

    private double number(Entry e, XmlTree.Node n, String path) {
        if (!n.isLeaf()) {
            throw new InvalidInputException(where(e, n, path), "<" + n.name() + "> must hold a number");
        }
        String t = n.text().strip();
        if (!VocXml.isDecimal(t)) {
            throw new InvalidInputException(where(e, n, path), "<" + n.name() + "> is not a number: '"
                    + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(where(e, n, path), "<" + n.name() + "> is out of range: " + t);
        }
        return v;
    }

    private static Location where(Entry e, XmlTree.Node n, String path) {
        return new Location(e.source(), n.line(), n.column(), -1, path);
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---------------------------------------------------------------- split lists

    /**
     * The split lists of {@code ImageSets/Main}: each id with a bit per list that names it. Held in
     * memory (one map entry per listed id); each list file is bounded by
     * {@link Limits#maxStringLength()} bytes and there are at most 62 lists.
     */
    static final class SplitLists {
        static final SplitLists NONE = new SplitLists(List.of(), new LinkedHashMap<>());
        private static final long SEEN = 1L << 62;

        private final List<String> names;
        private final LinkedHashMap<String, Long> members;

        private SplitLists(List<String> names, LinkedHashMap<String, Long> members) {
            this.names = names;
            this.members = members;
        }

        static SplitLists read(Path main, String prefix, Limits limits) throws IOException {
            if (!Files.isDirectory(main)) {
                return NONE;
            }
            List<String> names = new ArrayList<>();
            LinkedHashMap<String, Long> members = new LinkedHashMap<>();
            for (Path p : sortedChildren(main)) {
                String file = String.valueOf(p.getFileName()).replace("/", "");
                if (!file.endsWith(".txt") || !Files.isRegularFile(p)) {
                    continue;
                }
                String source = prefix + file;
                long size = Files.size(p);
                if (size > limits.maxStringLength()) {
                    throw new LimitExceededException(Location.of(source), "split list of " + size + " bytes exceeds "
                            + limits.maxStringLength() + " (Limits.maxStringLength)");
                }
                List<String> ids = ids(p, source, file.indexOf('_') >= 0);
                if (ids == null) {
                    continue; // a per-class list: derived from the objects
                }
                if (names.size() == 62) {
                    throw new LimitExceededException(Location.of(source), "more than 62 split lists in ImageSets/Main");
                }
                long bit = 1L << names.size();
                names.add(file.substring(0, file.length() - 4));
                for (String id : ids) {
                    members.merge(id, bit, (a, b) -> a | b);
                }
            }
            return names.isEmpty() ? NONE : new SplitLists(names, members);
        }

        /**
         * The ids of one list, or {@code null} for a per-class list ({@code <class>_<split>.txt}:
         * a name with '_' whose first entry has a second column).
         */
        private static List<String> ids(Path p, String source, boolean mayBeClassList) throws IOException {
            List<String> ids = new ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                int lineNo = 0;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lineNo++;
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#")) {
                        continue;
                    }
                    String[] cols = t.split("\\s+");
                    if (ids.isEmpty() && cols.length > 1 && mayBeClassList) {
                        return null;
                    }
                    ids.add(cols[0]);
                }
            } catch (CharacterCodingException e) {
                throw new InvalidInputException(Location.of(source), "not UTF-8 text", e);
            }
            return mayBeClassList && ids.isEmpty() ? null : ids;
        }

        /** Membership bits of {@code id} (marking it as read), or {@code null} when no list names it. */
        Long take(String id) {
            Long m = members.get(id);
            if (m == null) {
                return null;
            }
            members.put(id, m | SEEN);
            return m & ~SEEN;
        }

        /** These lists restricted to {@code id} (one annotation file read alone); {@link #NONE} when none names it. */
        SplitLists only(String id) {
            Long m = members.get(id);
            if (m == null) {
                return NONE;
            }
            LinkedHashMap<String, Long> one = new LinkedHashMap<>();
            one.put(id, m);
            return new SplitLists(names, one);
        }

        /** Listed ids that no XML file described, in list order. */
        Iterator<Map.Entry<String, Long>> unseen() {
            return members.entrySet().stream().filter(e -> (e.getValue() & SEEN) == 0).iterator();
        }

        /** Sets the item's split: train, val, test, other lists by name, trainval last (the union of two others). */
        void apply(long membership, Item.Builder b) {
            String best = null;
            for (int i = 0; i < names.size(); i++) {
                if ((membership & (1L << i)) != 0 && (best == null || rank(names.get(i)) < rank(best)
                        || rank(names.get(i)) == rank(best) && names.get(i).compareTo(best) < 0)) {
                    best = names.get(i);
                }
            }
            b.split(best);
        }

        private static int rank(String split) {
            return switch (split) {
                case "train" -> 0;
                case "val" -> 1;
                case "test" -> 2;
                case "trainval" -> 4;
                default -> 3;
            };
        }

        JsonArray names(long membership) {
            List<JsonValue> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if ((membership & (1L << i)) != 0) {
                    out.add(new JsonString(names.get(i)));
                }
            }
            return new JsonArray(out);
        }
    }
}
