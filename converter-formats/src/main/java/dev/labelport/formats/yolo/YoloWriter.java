package dev.labelport.formats.yolo;

import dev.labelport.internal.Excerpts;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.formats.yolo.YoloFormat.Layout;
import dev.labelport.formats.yolo.YoloFormat.Task;
import dev.labelport.internal.MaskOutlines;
import dev.labelport.internal.OutputFolders;
import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometries;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Tag;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.WriteContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a YOLO dataset folder: one label file per item as it comes (an empty one for an image
 * without objects), then at {@link #finish()} the names and the layout's index files, built
 * from what memory holds (the class table, the split folders) and from spilled lists (Darknet
 * list files, classify manifests). See the package documentation for the rules and losses.
 */
final class YoloWriter implements ExportWriter {
    private static final Set<SetFields.ItemField> ITEM_FIELDS = EnumSet.of(SetFields.ItemField.FILE_NAME,
            SetFields.ItemField.SPLIT, SetFields.ItemField.SIZE);
    private static final Set<SetFields.AnnotationField> PREDICTION_FIELDS = EnumSet.of(SetFields.AnnotationField.SCORE);

    /** Typed writer options. {@code null} members mean "as read, else the default". */
    /** {@link Settings#precision()}: 6, or {@link #SHORTEST} when the YOLO files read had more decimals. */
    static final int AUTO_PRECISION = -1;
    /** {@link Settings#precision()}: the shortest decimal that reads back as the same double. */
    static final int SHORTEST = -2;
    /** Decimals written when nothing says otherwise (Ultralytics writes 6). */
    static final int DEFAULT_PRECISION = 6;

    record Settings(Task task, Layout layout, String classes, int precision, boolean clamp, Boolean predictions, int[] kptShape,
                    ClassifyImages classifyImages) {
    }

    /** How a classify write lays the source's images out in {@code <split>/<class>/}. */
    enum ClassifyImages { COPY, HARDLINK, SYMLINK, LIST }

    private final OutputFolder out;
    private final WriteContext ctx;
    private final Settings settings;
    private Layout layout;
    private Task task;
    private boolean predictions;
    private int[] kpt;
    private JsonValue flipIdx;
    private String namesFile;
    private ClassTable classes;
    /** Ultralytics: yaml key → folders of its images. */
    private final Map<String, LinkedHashSet<String>> splitFolders = new LinkedHashMap<>();
    /** Darknet list files and classify manifests, spilled per split. */
    private final Map<String, Spill> spills = new LinkedHashMap<>();
    private final Set<String> notedCategories = new java.util.HashSet<>();
    private boolean notedDefaultSplit;
    private boolean notedSynthesisedScore;
    private boolean began;
    private boolean closed;
    private long items;
    /** Classify images left in the lists only, and whether a link that fell back to a copy was noted. */
    private long notCopied;
    private boolean notedLinkCopied;
    private final StringBuilder text = new StringBuilder(256);
    private final Map<String, String> safeSplits = new HashMap<>();
    /** The longest folder name made from data (a split, a class). */
    private static final int MAX_NAME = 150;

    YoloWriter(OutputFolder out, WriteContext ctx, Settings settings) {
        this.out = out;
        this.ctx = ctx;
        this.settings = settings;
    }

    // ---------------------------------------------------------------- begin

    /** Decimals written, or {@link #SHORTEST}; set from the settings and the header in {@link #begin}. */
    private int precision = DEFAULT_PRECISION;

    /** Appends a coordinate or score; false when the text rounds it. */
    private boolean number(StringBuilder sb, double v) {
        if (precision == SHORTEST) {
            FixedDecimal.appendShortest(sb, v);
            return true;
        }
        return FixedDecimal.append(sb, v, precision);
    }

    @Override
    public void begin(DatasetHeader header) {
        began = true;
        JsonObject ext = header.extension(YoloFormat.ID);
        precision = settings.precision() != AUTO_PRECISION ? settings.precision()
                : ext.object("derived").get("decimals") instanceof dev.labelport.json.JsonNumber n
                        && n.doubleValue() > DEFAULT_PRECISION ? SHORTEST : DEFAULT_PRECISION;
        boolean fromYolo = YoloFormat.ID.equals(header.sourceFormat());
        Layout readLayout = Layout.fromId(ext.string("layout") == null ? "" : ext.string("layout"));
        layout = settings.layout() != null ? settings.layout() : readLayout != null ? readLayout : Layout.ULTRALYTICS;
        Task readTask = Task.fromId(ext.string("task") == null ? "" : ext.string("task"));
        task = settings.task() != null ? settings.task() : readTask;
        if (task == null && header.categories().stream().anyMatch(c -> !c.keypointNames().isEmpty())) {
            task = Task.POSE;
        }
        predictions = settings.predictions() != null ? settings.predictions()
                : ext.get("predictions") instanceof JsonBoolean b && b.value();
        kpt = settings.kptShape() != null ? settings.kptShape() : shape(ext.get("kpt_shape"));
        if (kpt == null) {
            for (Category c : header.categories()) {
                if (!c.keypointNames().isEmpty()) {
                    kpt = new int[] {c.keypointNames().size(), 3};
                    break;
                }
            }
        }
        flipIdx = ext.get("flip_idx");
        String readNames = ext.string("names_file");
        namesFile = switch (layout) {
            case ULTRALYTICS -> "data.yaml";
            case DARKNET -> "obj.names";
            case PLAIN -> readNames != null && readLayout == Layout.PLAIN && !readNames.contains("/")
                    && OutputFolders.relativePathProblem(readNames) == null ? readNames : "classes.txt";
        };
        classes = new ClassTable(settings.classes(), fromYolo, header.categories(), ctx);
    }

    private static int[] shape(JsonValue v) {
        if (v instanceof JsonArray a && a.size() == 2 && a.get(0) instanceof JsonNumber k && a.get(1) instanceof JsonNumber d
                && k.isIntegral() && d.isIntegral()) {
            return new int[] {(int) k.longValue(), (int) d.longValue()};
        }
        return null;
    }

    // ---------------------------------------------------------------- items

    @Override
    public void write(Item item) {
        if (!began) {
            throw new IllegalStateException("begin() first");
        }
        String where = "item " + item.id();
        item = withSafeSplit(item, where);
        if (task == null) {
            task = taskOf(item);
        }
        List<String> dropped = SetFields.unheld(item, ITEM_FIELDS);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "YOLO has no " + String.join(", ", dropped));
        }
        items++;
        if (task == Task.CLASSIFY) {
            writeClassified(item, where);
            return;
        }
        String image = imagePath(item);
        String label = labelPath(image);
        text.setLength(0);
        int written = 0;
        int index = 0;
        for (Annotation a : item.annotations()) {
            if (annotation(text, a, item, where + " annotation #" + index++)) {
                written++;
            }
        }
        String split = splitOf(item, image);
        if (item.split() != null && !item.split().equals(split) && !(split != null && yamlKey(item.split()).equals(yamlKey(split)))) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "split '" + item.split() + "' is not implied by the path " + label
                    + " in the " + layout.id() + " layout");
        }
        if (!create(label, text, where)) {
            return;
        }
        register(image, split);
        ctx.written(1, written);
    }

    /**
     * The item with a split that can name a folder, a list file and a key of data.yaml or
     * obj.data: one safe file-name segment without {@code =} or {@code #}. A changed split is
     * reported (DROPPED_FIELD, once per split).
     */
    private Item withSafeSplit(Item item, String where) {
        String split = item.split();
        if (split == null) {
            return item;
        }
        String safe = safeSplits.get(split); // splits are few: made safe (and reported) once each
        if (safe == null) {
            safe = OutputFolders.safeSegment(split, "=#", MAX_NAME);
            safeSplits.put(split, safe);
            if (!safe.equals(split)) {
                ctx.loss(LossCode.DROPPED_FIELD, where, "split '" + Excerpts.of(split)
                        + "' cannot name a folder or a list file: written as '" + safe + "'");
            }
        }
        return safe.equals(split) ? item : item.toBuilder().split(safe).build();
    }

    /** The task when none was given or read: from the item's first geometry. */
    private Task taskOf(Item item) {
        for (Annotation a : item.annotations()) {
            Geometry g = a.geometry();
            if (g instanceof Box) {
                return Task.DETECT;
            }
            if (g instanceof Polygon) {
                return Task.SEGMENT;
            }
            if (g instanceof Keypoints) {
                return Task.POSE;
            }
            if (g instanceof RotatedBox) {
                return Task.OBB;
            }
            if (g instanceof Tag) {
                return Task.CLASSIFY;
            }
        }
        return item.annotations().isEmpty() ? null : Task.DETECT;
    }

    /** The image's path in the output: its file name when it names an image folder, else placed by the layout. */
    private String imagePath(Item item) {
        String f = safeName(item, "item " + item.id());
        String split = item.split();
        if (hasImageFolder(f)) {
            if (layout != Layout.ULTRALYTICS || split != null || YoloPaths.inferSplit(f) != null) {
                return f;
            }
            // images/a.jpg with no split: a train folder declared as "images" would take in every split below it
            f = f.substring(f.lastIndexOf("images/") + "images/".length());
        }
        switch (layout) {
            case ULTRALYTICS -> {
                return "images/" + splitFolder(split, item) + "/" + f;
            }
            case DARKNET -> {
                if (f.matches("obj_[^/]+_data/.*")) {
                    return f;
                }
                return "obj_" + splitFolder(split, item) + "_data/" + f;
            }
            default -> {
                return f;
            }
        }
    }

    private String splitFolder(String split, Item item) {
        if (split == null) {
            if (!notedDefaultSplit) {
                notedDefaultSplit = true;
                ctx.loss(LossCode.SYNTHESISED, "item " + item.id(), "items without a split are written to the train split");
            }
            return "train";
        }
        return split; // made safe on entry (withSafeSplit)
    }

    private static boolean hasImageFolder(String f) {
        String[] segs = f.split("/");
        for (int i = 0; i < segs.length - 1; i++) {
            for (String[] pair : YoloPaths.FOLDER_PAIRS) {
                if (pair[0].equals(segs[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The item's file name as a safe relative path ('/' separators, no '..'); its id when it has none. */
    private String safeName(Item item, String where) {
        String f = item.fileName() != null ? item.fileName() : item.id().text();
        f = f.replace('\\', '/');
        if (hasControlCharacter(f)) {
            // a list file holds one path per line, and a line break would split it
            String was = f;
            f = f.replaceAll("[\\x00-\\x1f\\x7f]", "_");
            ctx.loss(LossCode.DROPPED_FIELD, where, "file name '" + Excerpts.of(was) + "' has control characters: written as '"
                    + Excerpts.of(f) + "'");
        }
        int scheme = f.indexOf("://");
        if (scheme >= 0) {
            f = f.substring(scheme + 3);
            f = f.indexOf('/') >= 0 ? f.substring(f.indexOf('/') + 1) : f;
        }
        while (f.startsWith("/") || f.startsWith("./")) {
            f = f.substring(f.startsWith("/") ? 1 : 2);
        }
        if (f.isEmpty() || OutputFolders.relativePathProblem(f) != null) {
            String base = YoloPaths.fileName(f);
            f = base.isEmpty() || base.equals("..") || base.equals(".") ? "item-" + Math.abs((long) item.id().text().hashCode()) : base;
        }
        return f;
    }

    private static String labelPath(String image) {
        return YoloPaths.labelCandidates(image).get(0);
    }

    /** The split the path implies when read back (declared by the item, inferred from the path). */
    private String splitOf(Item item, String image) {
        String inferred = YoloPaths.inferSplit(image);
        if (layout == Layout.PLAIN) {
            return inferred;
        }
        if (layout == Layout.ULTRALYTICS && hasImageFolder(image)) {
            return item.split() != null ? item.split() : inferred;
        }
        return item.split() != null ? item.split() : inferred != null ? inferred : "train";
    }

    private void register(String image, String split) {
        if (layout == Layout.ULTRALYTICS && split != null) {
            splitFolders.computeIfAbsent(yamlKey(split), k -> new LinkedHashSet<>()).add(splitRoot(image));
        } else if (layout == Layout.DARKNET && split != null) {
            spill(darknetKey(split)).line("data/" + image);
        }
    }

    /** {@code images/train} for {@code images/train/sub/a.jpg}; {@code train/images} for {@code train/images/a.jpg}. */
    private static String splitRoot(String image) {
        String[] segs = image.split("/");
        for (int i = segs.length - 2; i >= 0; i--) {
            for (String[] pair : YoloPaths.FOLDER_PAIRS) {
                if (pair[0].equals(segs[i])) {
                    int end = i + 2 < segs.length ? i + 2 : i + 1;
                    return String.join("/", java.util.Arrays.asList(segs).subList(0, end));
                }
            }
        }
        return YoloPaths.parent(image);
    }

    private static String yamlKey(String split) {
        String s = split.toLowerCase(Locale.ROOT);
        return s.equals("valid") || s.equals("validation") ? "val" : split;
    }

    private static String darknetKey(String split) {
        String s = yamlKey(split);
        return s.equals("val") ? "valid" : s;
    }

    /** Creates one file with {@code content}; false (and DROPPED_ITEM) when another item already wrote it. */
    private boolean create(String path, CharSequence content, String where) {
        try (OutputStream os = out.create(path)) {
            byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
            os.write(bytes);
            return true;
        } catch (IllegalArgumentException e) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "its label file " + path + " was already written for another image "
                    + "(label files are named after the image stem): " + e.getMessage());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- one annotation

    /** Appends the label line of {@code a}; false when it was left out (and reported). */
    private boolean annotation(StringBuilder sb, Annotation a, Item item, String where) {
        int cls = classes.index(a.category(), where);
        if (cls < 0) {
            return false;
        }
        noteCategory(a.category(), where);
        Geometry g = a.geometry();
        // the box a detect or pose line gets: the one the source states, else derived (a mask has none here)
        Box box = g instanceof Mask ? null : a.box();
        if (g instanceof Mask m && task == Task.SEGMENT) {
            g = MaskOutlines.polygon(m, item, ctx, where);
            if (g == null) {
                return false;
            }
        }
        if (!item.normalized() && (spatial(g) || box != null)) {
            if (item.width() == null || item.height() == null || item.width() <= 0 || item.height() <= 0) {
                throw new LabelportException(ErrorCode.UNSUPPORTED_CONVERSION, new Location(ctx.targetName(), -1, -1, -1, where),
                        "YOLO needs normalised coordinates: this pixel item has no image width and height");
            }
            if (spatial(g)) {
                g = Geometries.scale(g, 1.0 / item.width(), 1.0 / item.height());
            }
            if (box != null) {
                box = (Box) Geometries.scale(box, 1.0 / item.width(), 1.0 / item.height());
            }
        }
        double[] values = shape(g, box, where);
        if (values == null) {
            return false;
        }
        boolean isPose = task == Task.POSE;
        rangeCheck(values, isPose, where);
        int start = sb.length();
        sb.append(cls);
        boolean exact = true;
        int d = isPose ? kpt[1] : 0;
        for (int i = 0; i < values.length; i++) {
            sb.append(' ');
            if (isPose && d == 3 && i >= 4 && (i - 4) % 3 == 2) {
                sb.append((int) values[i]); // visibility
            } else {
                exact &= number(sb, values[i]);
            }
        }
        if (predictions) {
            sb.append(' ');
            if (a.score() != null) {
                number(sb, a.score());
            } else {
                sb.append('1');
                if (!notedSynthesisedScore) {
                    notedSynthesisedScore = true;
                    ctx.loss(LossCode.SYNTHESISED, where, "predictions without a score are written with confidence 1");
                }
            }
        }
        sb.append('\n');
        if (!exact) {
            ctx.loss(LossCode.ROUNDING, where, "coordinates rounded to " + precision + " decimals");
        }
        List<String> dropped = SetFields.unheld(a, predictions ? PREDICTION_FIELDS : Set.of());
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "YOLO label lines have no " + String.join(", ", dropped)
                    + (dropped.contains("score") ? " (write with predictions=true to keep scores)" : ""));
        }
        return sb.length() > start;
    }

    private static boolean spatial(Geometry g) {
        return g instanceof Box || g instanceof Polygon || g instanceof Keypoints || g instanceof RotatedBox
                || g instanceof Polyline || g instanceof Points;
    }

    private void noteCategory(Category c, String where) {
        if (c != null && (!c.keypointNames().isEmpty() || !c.skeleton().isEmpty() || c.supercategory() != null
                || c.color() != null) && notedCategories.add(c.id().text() + "\u0000" + c.name())) {
            ctx.loss(LossCode.DROPPED_FIELD, "category " + c.id() + " (" + c.name() + ")",
                    "YOLO names hold only the class name (keypoint names, skeleton, supercategory, colour dropped)");
        }
    }

    /** The numbers after the class for the task, or {@code null} when the geometry is left out (reported). */
    /** The numbers of a label line; {@code box} is {@link Annotation#box()} in normalised coordinates. */
    private double[] shape(Geometry g, Box box, String where) {
        return switch (task) {
            case DETECT -> detect(g, box, where);
            case SEGMENT -> segment(g, where);
            case OBB -> obb(g, where);
            case POSE -> pose(g, box, where);
            case CLASSIFY -> null;
        };
    }

    private double[] detect(Geometry g, Box box, String where) {
        Box b = box;
        if (!(g instanceof Box)) {
            if (b == null) {
                return dropped(g, where);
            }
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, g.kind().label() + " written as its bounding box (task detect)");
        }
        if (!(b.width() > 0) || !(b.height() > 0)) {
            ctx.loss(LossCode.DEGENERATE, where, "box of zero width or height left out");
            return null;
        }
        return new double[] {b.x() + b.width() / 2, b.y() + b.height() / 2, b.width(), b.height()};
    }

    private double[] dropped(Geometry g, String where) {
        ctx.loss(LossCode.DROPPED_GEOMETRY, where, "a " + g.kind().label() + " has no place in a YOLO " + task.id() + " label");
        return null;
    }

    private double[] segment(Geometry g, String where) {
        PointList ring;
        if (g instanceof Polygon p) {
            Polygon.Part part = p.parts().get(0);
            if (p.parts().size() > 1) {
                part = p.parts().stream().max(Comparator.comparingDouble(x -> x.shell().ringArea())).orElse(part);
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "polygon of " + p.parts().size()
                        + " parts: only the largest part is written (a YOLO segment is one ring)");
            }
            if (p.hasHoles()) {
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "polygon holes dropped (a YOLO segment has none)");
            }
            ring = part.shell();
        } else if (g instanceof Box b) {
            ring = corners(b);
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "box written as a 4-point polygon (task segment)");
        } else if (g instanceof RotatedBox r) {
            ring = r.corners();
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "rotated box written as a 4-point polygon (task segment)");
        } else {
            return dropped(g, where);
        }
        if (ring.size() < 3) {
            ctx.loss(LossCode.DEGENERATE, where, "polygon of " + ring.size() + " points left out");
            return null;
        }
        return ring.toArray();
    }

    private double[] obb(Geometry g, String where) {
        PointList quad;
        if (g instanceof Polygon p && p.parts().size() == 1 && !p.hasHoles() && p.parts().get(0).shell().size() == 4) {
            quad = p.parts().get(0).shell();
        } else if (g instanceof RotatedBox r) {
            quad = r.corners();
        } else if (g instanceof Box b) {
            quad = corners(b);
        } else if (g instanceof Polygon p) {
            Box b = p.bounds();
            quad = corners(b);
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "polygon that is not one 4-point ring written as the corners of "
                    + "its bounding box (task obb)");
        } else {
            return dropped(g, where);
        }
        return quad.toArray();
    }

    private double[] pose(Geometry g, Box objectBox, String where) {
        if (kpt == null) {
            kpt = g instanceof Keypoints k ? new int[] {k.size(), 3} : new int[] {1, 3};
        }
        int n = kpt[0];
        int d = kpt[1];
        double[] v = new double[4 + n * d];
        Box box;
        if (g instanceof Keypoints k) {
            if (k.size() != n) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, k.size() + " keypoints do not match kpt_shape [" + n + ", " + d + "]");
                return null;
            }
            box = objectBox;
            if (box == null) {
                ctx.loss(LossCode.DEGENERATE, where, "keypoints with no labelled point and no box left out");
                return null;
            }
            boolean occludedLost = false;
            boolean hiddenMoved = false;
            for (int i = 0; i < n; i++) {
                int vis = k.visibility(i);
                double x = k.points().x(i);
                double y = k.points().y(i);
                if (d == 2) {
                    occludedLost |= vis == 1;
                    if (vis == 0 && (x != 0 || y != 0)) {
                        hiddenMoved = true;
                        x = 0;
                        y = 0;
                    }
                }
                v[4 + i * d] = x;
                v[5 + i * d] = y;
                if (d == 3) {
                    v[6 + i * d] = vis;
                }
            }
            if (occludedLost || hiddenMoved) {
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "kpt_shape [" + n + ", 2] has no visibility: "
                        + (occludedLost ? "occluded points written as visible" : "unlabelled points written as 0 0"));
            }
        } else if (g instanceof Box b) {
            box = b;
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "box without keypoints written with " + n + " unlabelled keypoints");
        } else {
            return dropped(g, where);
        }
        v[0] = box.x() + box.width() / 2;
        v[1] = box.y() + box.height() / 2;
        v[2] = box.width();
        v[3] = box.height();
        return v;
    }

    private static PointList corners(Box b) {
        double x1 = b.x() + b.width();
        double y1 = b.y() + b.height();
        return PointList.wrap(new double[] {b.x(), b.y(), x1, b.y(), x1, y1, b.x(), y1});
    }

    /** Reports (or clamps) coordinates outside [0, 1]; a box is checked by its edges. */
    private void rangeCheck(double[] v, boolean pose, String where) {
        boolean out = false;
        if (task == Task.DETECT || pose) {
            double x0 = v[0] - v[2] / 2;
            double x1 = v[0] + v[2] / 2;
            double y0 = v[1] - v[3] / 2;
            double y1 = v[1] + v[3] / 2;
            if (x0 < 0 || y0 < 0 || x1 > 1 || y1 > 1) {
                out = true;
                if (settings.clamp()) {
                    x0 = clamp(x0);
                    x1 = clamp(x1);
                    y0 = clamp(y0);
                    y1 = clamp(y1);
                    v[0] = (x0 + x1) / 2;
                    v[1] = (y0 + y1) / 2;
                    v[2] = x1 - x0;
                    v[3] = y1 - y0;
                }
            }
            if (pose) {
                int d = kpt[1];
                for (int i = 4; i + 1 < v.length; i += d) {
                    out |= outside(v, i, settings.clamp()) | outside(v, i + 1, settings.clamp());
                }
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                out |= outside(v, i, settings.clamp());
            }
        }
        if (out) {
            if (settings.clamp()) {
                ctx.loss(LossCode.CLAMPED, where, "coordinates clamped into [0, 1]");
            } else {
                ctx.loss(YoloFormat.OUT_OF_RANGE, where, "a normalised coordinate outside [0, 1] written as it is");
            }
        }
    }

    private static boolean outside(double[] v, int i, boolean clamp) {
        if (v[i] < 0 || v[i] > 1) {
            if (clamp) {
                v[i] = clamp(v[i]);
            }
            return true;
        }
        return false;
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    // ---------------------------------------------------------------- classify

    private void writeClassified(Item item, String where) {
        Annotation tag = null;
        int index = 0;
        for (Annotation a : item.annotations()) {
            String w = where + " annotation #" + index++;
            if (a.geometry() instanceof Tag && tag == null && classes.index(a.category(), w) >= 0) {
                tag = a;
            } else if (a.geometry() instanceof Tag) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, w, "a classify dataset puts an image in one class folder: extra tag left out");
            } else {
                dropped(a.geometry(), w);
            }
        }
        if (tag == null) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "an image without a class has no place in a classify dataset");
            return;
        }
        noteCategory(tag.category(), where);
        List<String> droppedFields = SetFields.unheld(tag, Set.of());
        if (!droppedFields.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "a classify dataset has no " + String.join(", ", droppedFields));
        }
        String name = classFolderName(classes.name(tag.category()));
        String split = splitFolder(item.split(), item);
        String entry = name + "/" + YoloPaths.fileName(safeName(item, where));
        spill(split).line(entry);
        if (settings.classifyImages() != ClassifyImages.LIST) {
            place(item, split + "/" + entry, where);
        }
        ctx.written(1, 1);
    }

    /**
     * Puts the item's image at {@code path} ({@code <split>/<class>/<image>}, the tree Ultralytics
     * trains from): a link when asked and possible, else a copy. An image the source cannot
     * reach, or a name already taken in that folder (the output refuses a path twice), stays
     * listed only (counted for the note).
     */
    private void place(Item item, String path, String where) {
        Path image = ctx.images().locate(item);
        if (image == null) {
            notCopied++;
            return;
        }
        try {
            ClassifyImages mode = settings.classifyImages();
            if (mode != ClassifyImages.COPY) {
                if (out.link(path, image.toAbsolutePath(), mode == ClassifyImages.SYMLINK)) {
                    return;
                }
                if (!notedLinkCopied) {
                    notedLinkCopied = true;
                    ctx.loss(YoloFormat.LINKS_COPIED, where, "classify-images=" + mode.name().toLowerCase(Locale.ROOT)
                            + ": the output cannot link to " + image + " (a zip, another file system): images are copied");
                }
            }
            try (OutputStream os = out.create(path)) {
                Files.copy(image, os);
            }
        } catch (IllegalArgumentException e) {
            notCopied++; // a name already taken in that class folder, or a path the output refuses
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + image + " to " + path, e);
        }
    }

    private static String classFolderName(String name) {
        return OutputFolders.safeSegment(name, "", MAX_NAME);
    }

    // ---------------------------------------------------------------- finish

    @Override
    public void finish() {
        if (task == null) {
            task = Task.DETECT;
        }
        List<String> names = classes.names(ctx);
        try {
            if (task == Task.CLASSIFY) {
                finishClassify(names);
                return;
            }
            switch (layout) {
                case ULTRALYTICS -> create("data.yaml", dataYaml(names), "dataset");
                case DARKNET -> {
                    create("obj.names", namesText(names), "dataset");
                    StringBuilder data = new StringBuilder().append("classes = ").append(names.size()).append('\n');
                    for (String key : spills.keySet()) {
                        data.append(key).append(" = data/").append(key).append(".txt\n");
                    }
                    data.append("names = data/obj.names\nbackup = backup/\n");
                    create("obj.data", data, "dataset");
                    for (var e : spills.entrySet()) {
                        copy(e.getValue(), e.getKey() + ".txt");
                    }
                }
                case PLAIN -> create(namesFile, namesText(names), "dataset");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishClassify(List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(classFolderName(n)).append('\n');
        }
        create("classify/names.txt", sb, "dataset");
        for (var e : spills.entrySet()) {
            copy(e.getValue(), "classify/" + e.getKey() + ".txt");
        }
        if (notCopied > 0 || items > 0 && settings.classifyImages() == ClassifyImages.LIST) {
            long n = settings.classifyImages() == ClassifyImages.LIST ? items : notCopied;
            ctx.loss(YoloFormat.IMAGES_NOT_COPIED, "dataset", "classify/<split>.txt lists <class>/<image> per split; " + n
                    + " of " + items + " images " + (settings.classifyImages() == ClassifyImages.LIST ? "(classify-images=list)"
                    : "the source could not give (or whose name was taken)") + " are not in <split>/<class>/: copy them there"
                    + " for Ultralytics");
        }
    }

    private CharSequence dataYaml(List<String> names) {
        StringBuilder sb = new StringBuilder();
        List<String> keys = new ArrayList<>(splitFolders.keySet());
        keys.sort(Comparator.comparingInt(k -> k.equals("train") ? 0 : k.equals("val") ? 1 : k.equals("test") ? 2 : 3));
        // Ultralytics requires both train and val: a missing one repeats the other (read back once)
        if (keys.contains("train") != keys.contains("val")) {
            String missing = keys.contains("train") ? "val" : "train";
            splitFolders.put(missing, splitFolders.get(missing.equals("val") ? "train" : "val"));
            keys.add(missing.equals("val") ? 1 : 0, missing);
            sb.append("# no ").append(missing).append(" split: Ultralytics requires the key, so it repeats the other\n");
        }
        for (String k : keys) {
            List<String> folders = new ArrayList<>(splitFolders.get(k));
            sb.append(YamlLite.scalar(k)).append(':');
            if (folders.size() == 1) {
                sb.append(' ').append(YamlLite.scalar(folders.get(0))).append('\n');
            } else {
                sb.append('\n');
                for (String f : folders) {
                    sb.append("  - ").append(YamlLite.scalar(f)).append('\n');
                }
            }
        }
        sb.append("nc: ").append(names.size()).append('\n');
        sb.append("names:").append(names.isEmpty() ? " []\n" : "\n");
        for (int i = 0; i < names.size(); i++) {
            sb.append("  ").append(i).append(": ").append(YamlLite.scalar(names.get(i))).append('\n');
        }
        if (task == Task.POSE && kpt != null) {
            sb.append("kpt_shape: [").append(kpt[0]).append(", ").append(kpt[1]).append("]\n");
            if (flipIdx instanceof JsonArray a && a.size() == kpt[0]) {
                sb.append("flip_idx: [");
                for (int i = 0; i < a.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(a.get(i) instanceof JsonNumber n ? n.lexical() : "0");
                }
                sb.append("]\n");
            }
        }
        return sb;
    }

    private static CharSequence namesText(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(n.replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        return sb;
    }

    // ---------------------------------------------------------------- spills

    private Spill spill(String key) {
        return spills.computeIfAbsent(key, k -> new Spill(ctx.tempDirectory()));
    }

    private void copy(Spill s, String path) throws IOException {
        s.finish();
        try (OutputStream os = out.create(path); InputStream in = Files.newInputStream(s.file)) {
            in.transferTo(os);
        }
    }

    /** Lines spilled to a temporary file. */
    private static final class Spill {
        private final Path file;
        private final BufferedWriter w;

        Spill(Path dir) {
            try {
                file = dir == null ? Files.createTempFile("labelport-yolo-", ".txt")
                        : Files.createTempFile(dir, "labelport-yolo-", ".txt");
                w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void line(String s) {
            try {
                w.write(s);
                w.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish() throws IOException {
            w.flush();
        }

        void delete() {
            try {
                w.close();
            } catch (IOException e) {
                // deleting anyway
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort: a temp file
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Spill s : spills.values()) {
            s.delete();
        }
    }

    // ---------------------------------------------------------------- class indices

    /**
     * Category → class index by the {@code classes} option, with the names file built along:
     * {@code by-id} keeps YOLO indices (category id = index) and otherwise ranks header
     * categories by id; {@code by-name} ranks them by name; a path maps names to the file's lines.
     * Categories met only in items get the next free index.
     */
    static final class ClassTable {
        private final Map<String, Integer> index = new HashMap<>();
        private final TreeMap<Integer, String> names = new TreeMap<>();
        private final boolean byName;
        private final boolean fixed;
        private final WriteContext ctx;
        private final boolean keepIds;
        private int next;

        ClassTable(String mode, boolean fromYolo, List<Category> header, WriteContext ctx) {
            this.ctx = ctx;
            String m = mode.toLowerCase(Locale.ROOT);
            if (m.equals("by-id")) {
                byName = false;
                fixed = false;
                boolean keep = fromYolo && header.stream().allMatch(ClassTable::isIndex);
                keepIds = keep;
                List<Category> sorted = new ArrayList<>(header);
                sorted.sort(Comparator.comparing(Category::id));
                for (Category c : sorted) {
                    assign(key(c), keep ? Integer.parseInt(c.id().text()) : next, c);
                }
            } else if (m.equals("by-name")) {
                byName = true;
                fixed = false;
                keepIds = false;
                List<Category> sorted = new ArrayList<>(header);
                sorted.sort(Comparator.comparing(Category::name));
                for (Category c : sorted) {
                    if (!index.containsKey(c.name())) {
                        assign(c.name(), next, c);
                    }
                }
            } else {
                byName = true;
                fixed = true;
                keepIds = false;
                readNamesFile(mode);
            }
        }

        private void readNamesFile(String file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new LabelportException(ErrorCode.INVALID_OPTION, Location.of(file),
                        "option classes=" + file + ": expected by-id, by-name or a readable names file (" + e.getMessage() + ")");
            }
            for (String l : lines) {
                String n = l.strip();
                if (n.isEmpty() && names.size() == lines.size() - 1) {
                    break;
                }
                names.put(names.size(), n);
                index.putIfAbsent(n, names.size() - 1);
            }
        }

        private static String key(Category c) {
            return c.id().numeric() + ":" + c.id().text();
        }

        private void assign(String key, int i, Category c) {
            index.put(key, i);
            names.putIfAbsent(i, c.name());
            next = Math.max(next, i + 1);
            Id id = c.id();
            if (!(id.isIntegerLike() && id.text().equals(Integer.toString(i)))) {
                ctx.loss(LossCode.REINDEXED, "category " + id + " (" + c.name() + ")",
                        "written as YOLO class " + i + " (classes are 0-based indices)");
            }
        }

        /** The index of {@code c}, or -1 when it has none (reported). */
        int index(Category c, String where) {
            if (c == null) {
                ctx.loss(YoloFormat.UNKNOWN_CLASS, where, "an annotation without a category has no class index");
                return -1;
            }
            String k = byName ? c.name() : key(c);
            Integer i = index.get(k);
            if (i == null) {
                if (fixed) {
                    ctx.loss(YoloFormat.UNKNOWN_CLASS, where, "category '" + c.name() + "' is not in the names file");
                    return -1;
                }
                // a YOLO source without a names file meets its classes while streaming: their ids
                // are the indices read, and keep them unless another class already took the index
                int read = keepIds && isIndex(c) ? Integer.parseInt(c.id().text()) : -1;
                i = read >= 0 && !names.containsKey(read) ? read : next;
                assign(k, i, c);
            }
            return i;
        }

        /** Whether a category id can be kept as a class index: a small non-negative integer. */
        private static boolean isIndex(Category c) {
            return c.id().isIntegerLike() && c.id().text().length() < 10 && !c.id().text().startsWith("-");
        }

        String name(Category c) {
            Integer i = index.get(byName ? c.name() : key(c));
            return i == null ? c.name() : names.get(i);
        }

        /** Names by index 0..max, gaps filled with synthesised names (noted). */
        List<String> names(WriteContext ctx) {
            List<String> out = new ArrayList<>();
            int max = names.isEmpty() ? -1 : names.lastKey();
            for (int i = 0; i <= max; i++) {
                String n = names.get(i);
                if (n == null) {
                    n = YoloSource.synthesisedName(i);
                    ctx.loss(LossCode.SYNTHESISED, "class " + i, "no category has index " + i + ": named " + n);
                }
                out.add(n);
            }
            return out;
        }
    }
}
