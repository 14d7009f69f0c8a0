package dev.labelport.formats.voc;

import dev.labelport.internal.OutputFolders;
import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Item;
import dev.labelport.model.MediaKind;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Tag;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.WriteContext;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one {@code Annotations/<stem>.xml} per image as the item arrives (tab-indented like the
 * VOC devkit files, no XML declaration: UTF-8 is XML's default), and at {@link #finish()} the
 * {@code ImageSets/Main} split and per-class lists from a temporary spill file of
 * {@code split, stem, class flags} lines. Memory holds the stems written (to rename collisions)
 * and the class names.
 */
final class VocWriter implements ExportWriter {
    private static final Set<SetFields.ItemField> ITEM_FIELDS = EnumSet.of(SetFields.ItemField.FILE_NAME,
            SetFields.ItemField.SIZE, SetFields.ItemField.SPLIT);
    private static final Set<SetFields.AnnotationField> ANNOTATION_FIELDS = EnumSet.of(SetFields.AnnotationField.ID,
            SetFields.AnnotationField.ATTRIBUTES, SetFields.AnnotationField.GROUP_ID);
    private static final int MAX_STEM = 150;
    /** A value this close to an integer is that integer (floating-point noise, not a fraction). */
    private static final double INTEGER_TOLERANCE = 1e-6;

    private final OutputFolder out;
    private final WriteContext ctx;
    private final PixelConvention pixels;
    private final Boolean decimalsOption;
    private boolean decimals;
    private final boolean classLists;
    private final Set<String> stems = new HashSet<>();
    private final Map<String, Integer> classes = new LinkedHashMap<>();
    private final Set<String> splits = new TreeSet<>();
    private boolean fromVoc;
    private Path spill;
    private Writer spillOut;
    private boolean finished;
    private boolean closed;

    VocWriter(OutputFolder out, WriteContext ctx, PixelConvention pixels, Boolean decimals, boolean classLists) {
        this.out = out;
        this.ctx = ctx;
        this.pixels = pixels;
        this.decimalsOption = decimals;
        this.classLists = classLists;
    }

    @Override
    public void begin(DatasetHeader header) {
        fromVoc = VocFormat.ID.equals(header.sourceFormat());
        // auto: as read; fractions in a VOC file are kept, a pixel-edge format's are rounded
        decimals = decimalsOption != null ? decimalsOption : fromVoc;
        if (!fromVoc && !header.categories().isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, "dataset", "VOC has no category list: the ids, supercategories and colours"
                    + " of " + header.categories().size() + " categories are not kept, nor categories no object uses");
        }
        if (!fromVoc && header.name() != null) {
            ctx.loss(LossCode.DROPPED_FIELD, "dataset", "VOC has no dataset name");
        }
        try {
            spill = ctx.tempDirectory() == null ? Files.createTempFile("labelport-voc-", ".txt")
                    : Files.createTempFile(ctx.tempDirectory(), "labelport-voc-", ".txt");
            spillOut = Files.newBufferedWriter(spill, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the VOC lists", e);
        }
    }

    @Override
    public void write(Item item) {
        String where = "item " + item.id();
        if (item.kind() != MediaKind.IMAGE) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "VOC holds images, not " + item.kind());
            return;
        }
        String stem = stem(item);
        List<String> dropped = SetFields.unheld(item, ITEM_FIELDS);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "VOC has no " + String.join(", ", dropped));
        }
        JsonObject ext = item.extension(VocFormat.ID);
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<annotation");
        VocXml.attributes(sb, ext.object(VocXml.XML_ATTRIBUTES));
        sb.append(">\n");
        extElement(sb, ext, "folder");
        if (item.fileName() != null) {
            VocXml.leaf(sb, 1, "filename", text(item.fileName(), where));
        }
        extElement(sb, ext, "path");
        extElement(sb, ext, "source");
        for (Map.Entry<String, JsonValue> e : ext.object(VocXml.ELEMENTS).members().entrySet()) {
            VocXml.element(sb, 1, e.getKey(), e.getValue());
        }
        size(sb, item, ext, where);
        extElement(sb, ext, "segmented");
        Map<Integer, Integer> flags = new LinkedHashMap<>();
        int written = objects(sb, item, flags);
        sb.append("</annotation>\n");
        try (OutputStream o = out.create("Annotations/" + stem + ".xml")) {
            o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Annotations/" + stem + ".xml", e);
        }
        listInSplits(item, ext, stem, flags, where);
        ctx.written(1, written);
    }

    private static void extElement(StringBuilder sb, JsonObject ext, String key) {
        JsonValue v = ext.get(key);
        if (v != null) {
            VocXml.element(sb, 1, key, v);
        }
    }

    /** The file stem (VOC id): a string id as it is, else the image's file name without extension. */
    private String stem(Item item) {
        String id = item.id().text();
        String base = !item.id().numeric() || item.fileName() == null ? id : VocReader.stem(item.fileName());
        String safe = sanitize(base);
        String stem = safe;
        for (int n = 2; !stems.add(stem); n++) {
            stem = safe + "_" + n;
        }
        if (!stem.equals(id)) {
            ctx.loss(LossCode.REINDEXED, "item " + item.id(), "written as Annotations/" + stem + ".xml"
                    + (stem.equals(safe) ? " (VOC ids are file stems)" : " (another item already has the stem " + safe + ")"));
        }
        return stem;
    }

    /** A stem that is one safe file name and one whitespace-free token of a list file. */
    static String sanitize(String s) {
        return OutputFolders.safeSegment(s, "", MAX_STEM);
    }

    private String text(String s, String where) {
        if (!VocXml.isXmlText(s)) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "characters XML 1.0 cannot hold were replaced by U+FFFD in '"
                    + s.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return s;
    }

    private void size(StringBuilder sb, Item item, JsonObject ext, String where) {
        if (item.width() != null || item.height() != null) {
            sb.append("\t<size>\n");
            if (item.width() != null) {
                VocXml.leaf(sb, 2, "width", Integer.toString(item.width()));
            }
            if (item.height() != null) {
                VocXml.leaf(sb, 2, "height", Integer.toString(item.height()));
            }
            if (ext.get("depth") != null) {
                VocXml.element(sb, 2, "depth", ext.get("depth"));
            }
            sb.append("\t</size>\n");
        } else if (ext.get("size") != null) {
            VocXml.element(sb, 1, "size", ext.get("size"));
        } else {
            ctx.loss(VocFormat.MISSING_SIZE, where, "no image size: <size> left out");
        }
    }

    // ---------------------------------------------------------------- objects

    /** Writes the objects, parts inside their parents; returns how many annotations were written. */
    private int objects(StringBuilder sb, Item item, Map<Integer, Integer> flags) {
        List<Annotation> anns = item.annotations();
        Map<String, Integer> parents = new HashMap<>();
        for (int i = 0; i < anns.size(); i++) {
            Annotation a = anns.get(i);
            if (a.groupId() == null && a.id() != null) {
                parents.putIfAbsent(a.id().text(), i);
            }
        }
        List<List<Integer>> parts = new ArrayList<>(anns.size());
        boolean[] isPart = new boolean[anns.size()];
        for (int i = 0; i < anns.size(); i++) {
            parts.add(new ArrayList<>(0));
            Annotation a = anns.get(i);
            Integer p = a.groupId() == null ? null : parents.get(a.groupId());
            isPart[i] = p != null && p != i;
        }
        for (int i = 0; i < anns.size(); i++) {
            if (isPart[i]) {
                parts.get(parents.get(anns.get(i).groupId())).add(i);
            }
        }
        int written = 0;
        for (int i = 0; i < anns.size(); i++) {
            if (!isPart[i]) {
                written += object(sb, item, i, parts.get(i), 1, flags);
            }
        }
        return written;
    }

    private int object(StringBuilder sb, Item item, int index, List<Integer> parts, int depth,
                       Map<Integer, Integer> flags) {
        Annotation a = item.annotations().get(index);
        String where = "item " + item.id() + " annotation " + (a.id() != null ? a.id().toString() : "#" + index);
        boolean part = depth > 1;
        if (a.category() == null) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, "no category: a VOC " + (part ? "part" : "object") + " needs a <name>");
            dropParts(item, parts);
            return 0;
        }
        String[] geometry = geometry(a, where);
        if (geometry == null) {
            dropParts(item, parts);
            return 0;
        }
        reportFields(a, where, !part && a.groupId() != null);
        String tag = part ? "part" : "object";
        VocXml.indent(sb, depth).append('<').append(tag);
        VocXml.attributes(sb, a.extension(VocFormat.ID).object(VocXml.XML_ATTRIBUTES));
        sb.append(">\n");
        VocXml.leaf(sb, depth + 1, "name", text(a.category().name(), where));
        JsonObject attrs = a.attributes();
        JsonValue pose = attrs.get("pose");
        if (pose != null) {
            scalarElement(sb, depth + 1, "pose", pose, where);
        }
        for (String flag : List.of("truncated", "difficult", "occluded")) {
            JsonValue v = attrs.get(flag);
            if (v != null) {
                scalarElement(sb, depth + 1, flag, v instanceof JsonBoolean b ? new JsonString(b.value() ? "1" : "0") : v, where);
            }
        }
        if (geometry.length == 4) {
            VocXml.indent(sb, depth + 1).append("<bndbox>\n");
            VocXml.leaf(sb, depth + 2, "xmin", geometry[0]);
            VocXml.leaf(sb, depth + 2, "ymin", geometry[1]);
            VocXml.leaf(sb, depth + 2, "xmax", geometry[2]);
            VocXml.leaf(sb, depth + 2, "ymax", geometry[3]);
            VocXml.indent(sb, depth + 1).append("</bndbox>\n");
        } else if (geometry.length == 2) {
            VocXml.indent(sb, depth + 1).append("<point>\n");
            VocXml.leaf(sb, depth + 2, "x", geometry[0]);
            VocXml.leaf(sb, depth + 2, "y", geometry[1]);
            VocXml.indent(sb, depth + 1).append("</point>\n");
        }
        int written = 1;
        for (int p : parts) {
            written += object(sb, item, p, List.of(), depth + 1, flags);
        }
        JsonValue actions = attrs.get("actions");
        if (actions instanceof JsonObject o) {
            VocXml.indent(sb, depth + 1).append("<actions>\n");
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                JsonValue v = e.getValue();
                if (VocXml.isName(e.getKey()) && !(v instanceof JsonObject) && !(v instanceof JsonArray)) {
                    VocXml.leaf(sb, depth + 2, e.getKey(), v instanceof JsonBoolean b ? (b.value() ? "1" : "0") : VocXml.scalar(v));
                } else {
                    ctx.loss(LossCode.DROPPED_ATTRIBUTE, where, "action " + e.getKey() + " (VOC actions are named 0/1 flags)");
                }
            }
            VocXml.indent(sb, depth + 1).append("</actions>\n");
        }
        otherAttributes(sb, depth + 1, attrs, where);
        for (Map.Entry<String, JsonValue> e : a.extension(VocFormat.ID).object(VocXml.ELEMENTS).members().entrySet()) {
            VocXml.element(sb, depth + 1, e.getKey(), e.getValue());
        }
        VocXml.indent(sb, depth).append("</").append(tag).append(">\n");
        if (!part) {
            int c = classes.computeIfAbsent(a.category().name(), k -> classes.size());
            int flag = isDifficult(attrs.get("difficult")) ? 0 : 1;
            flags.merge(c, flag, Math::max);
        }
        return written;
    }

    private void dropParts(Item item, List<Integer> parts) {
        for (int p : parts) {
            Annotation a = item.annotations().get(p);
            ctx.loss(LossCode.DROPPED_GEOMETRY, "item " + item.id() + " annotation " + (a.id() != null ? a.id().toString() : "#" + p),
                    "a part whose object was not written");
        }
    }

    private static boolean isDifficult(JsonValue v) {
        return v instanceof JsonBoolean b ? b.value() : v instanceof JsonString s && s.value().strip().equals("1");
    }

    private void scalarElement(StringBuilder sb, int depth, String name, JsonValue v, String where) {
        if (v instanceof JsonObject || v instanceof JsonArray) {
            ctx.loss(LossCode.DROPPED_ATTRIBUTE, where, name + " is not a single value");
            return;
        }
        VocXml.leaf(sb, depth, name, text(VocXml.scalar(v), where));
    }

    /** Attributes VOC has no element for, in Datumaro's {@code <attributes>} block. */
    private void otherAttributes(StringBuilder sb, int depth, JsonObject attrs, String where) {
        boolean open = false;
        for (Map.Entry<String, JsonValue> e : attrs.members().entrySet()) {
            String k = e.getKey();
            JsonValue v = e.getValue();
            if (k.equals("pose") || VocXml.FLAGS.contains(k) || k.equals("actions") && v instanceof JsonObject) {
                continue;
            }
            if (v instanceof JsonObject || v instanceof JsonArray || v instanceof JsonNull) {
                ctx.loss(LossCode.DROPPED_ATTRIBUTE, where, "attribute " + k + " (VOC attributes are single values)");
                continue;
            }
            if (!open) {
                VocXml.indent(sb, depth).append("<attributes>\n");
                open = true;
            }
            VocXml.indent(sb, depth + 1).append("<attribute>\n");
            VocXml.leaf(sb, depth + 2, "name", text(k, where));
            VocXml.leaf(sb, depth + 2, "value", text(VocXml.scalar(v), where));
            VocXml.indent(sb, depth + 1).append("</attribute>\n");
        }
        if (open) {
            VocXml.indent(sb, depth).append("</attributes>\n");
        }
    }

    private void reportFields(Annotation a, String where, boolean orphanGroup) {
        List<String> dropped = new ArrayList<>(SetFields.unheld(a, ANNOTATION_FIELDS));
        if (a.id() != null && !fromVoc) {
            dropped.add(0, "id");
        }
        if (orphanGroup) {
            dropped.add("group id (no object with that id to be a part of)");
        }
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "VOC objects have no " + String.join(", ", dropped));
        }
    }

    /**
     * The box as four VOC numbers, a point as two, a tag as none; {@code null} when the geometry
     * cannot be written (reported).
     */
    private String[] geometry(Annotation a, String where) {
        Geometry g = a.geometry();
        Box box;
        if (g instanceof Box b) {
            box = b;
        } else if (g instanceof Polygon || g instanceof RotatedBox) {
            box = a.box(); // the box the source stated beside the shape (COCO's bbox), else its bounds
            if (box == null) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, "an empty " + g.kind().label() + " has no box");
                return null;
            }
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, (g instanceof Polygon ? "polygon" : "rotated box")
                    + " written as its bounding box");
        } else if (g instanceof Tag) {
            return new String[0];
        } else if (g instanceof Points p && p.points().size() == 1) {
            double[] v = {pixels.min(p.points().x(0)), pixels.min(p.points().y(0))};
            return numbers(v, where, "point");
        } else {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, g.kind().label() + " cannot be held in VOC");
            return null;
        }
        double[] v = {pixels.min(box.x()), pixels.min(box.y()), pixels.max(box.x(), box.width()),
                pixels.max(box.y(), box.height())};
        String[] s = numbers(v, where, "box " + box.x() + "," + box.y() + "," + box.width() + "," + box.height());
        if (!(pixels.size(v[0], v[2]) > 0) || !(pixels.size(v[1], v[3]) > 0)) {
            ctx.loss(LossCode.DEGENERATE, where, "box " + box.x() + "," + box.y() + "," + box.width() + "," + box.height()
                    + " has no area as VOC pixels (" + String.join(",", s) + ")");
            return null;
        }
        return s;
    }

    /** Formats (and, unless decimals were asked for, rounds in place) VOC numbers. */
    private String[] numbers(double[] v, String where, String what) {
        String[] s = new String[v.length];
        boolean rounded = false;
        for (int i = 0; i < v.length; i++) {
            double r = Math.floor(v[i] + 0.5);
            if (Math.abs(r - v[i]) <= INTEGER_TOLERANCE) {
                v[i] = r;
            } else if (!decimals) {
                rounded = true;
                v[i] = r;
            }
            s[i] = format(v[i]);
        }
        if (rounded) {
            ctx.loss(LossCode.ROUNDING, where, what + " written as whole pixels " + String.join(",", s));
        }
        return s;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- lists

    private void listInSplits(Item item, JsonObject ext, String stem, Map<Integer, Integer> flags, String where) {
        if (item.split() == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        JsonValue all = ext.get(VocXml.SPLITS);
        if (all instanceof JsonArray a && a.values().contains(new JsonString(item.split()))) {
            a.values().forEach(v -> names.add(VocXml.scalar(v)));
        } else {
            names.add(item.split());
        }
        StringBuilder f = new StringBuilder();
        flags.forEach((c, v) -> f.append(f.length() == 0 ? "" : ",").append(c).append(':').append(v));
        try {
            for (String split : names) {
                if (!isListName(split)) {
                    ctx.loss(LossCode.DROPPED_FIELD, where, "split '" + split + "' is not a file name: not listed");
                    continue;
                }
                splits.add(split);
                spillOut.write(split + "\t" + stem + "\t" + f + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the temporary VOC list file", e);
        }
    }

    /** Whether a split or class name can be part of a list's file name (spaces are fine there). */
    private static boolean isListName(String s) {
        return !s.isEmpty() && s.length() <= MAX_STEM && sanitize(s.replace(' ', '_')).equals(s.replace(' ', '_'));
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            spillOut.close();
            for (String split : splits) {
                copyList("ImageSets/Main/" + split + ".txt", split, -1);
            }
            if (classLists && !splits.isEmpty()) {
                Map<String, Integer> sorted = new java.util.TreeMap<>(classes);
                for (Map.Entry<String, Integer> c : sorted.entrySet()) {
                    if (!isListName(c.getKey())) {
                        ctx.loss(VocFormat.NO_CLASS_LIST, "class " + c.getKey(), "the class name is not a file name");
                        continue;
                    }
                    for (String split : splits) {
                        String list = c.getKey() + "_" + split;
                        if (splits.contains(list)) {
                            // a split named like a class list ("bottle_trainval"): the split list wins
                            ctx.loss(VocFormat.NO_CLASS_LIST, "class " + c.getKey(),
                                    "the class list " + list + ".txt would overwrite the split list of that name");
                            continue;
                        }
                        copyList("ImageSets/Main/" + list + ".txt", split, c.getValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the VOC lists", e);
        }
    }

    /** One list from the spill: the stems of {@code split}, with the class flag when {@code classIndex >= 0}. */
    private void copyList(String path, String split, int classIndex) throws IOException {
        String key = classIndex + ":";
        try (BufferedReader r = Files.newBufferedReader(spill, StandardCharsets.UTF_8);
             Writer w = new BufferedWriter(new java.io.OutputStreamWriter(out.create(path), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int t1 = line.indexOf('\t');
                int t2 = line.indexOf('\t', t1 + 1);
                if (!line.regionMatches(0, split, 0, t1) || t1 != split.length()) {
                    continue;
                }
                String stem = line.substring(t1 + 1, t2);
                if (classIndex < 0) {
                    w.write(stem + "\n");
                    continue;
                }
                int flag = -1;
                for (String f : line.substring(t2 + 1).split(",")) {
                    if (f.startsWith(key)) {
                        flag = Integer.parseInt(f.substring(key.length()));
                    }
                }
                w.write(stem + (flag < 0 ? " " : "  ") + flag + "\n");
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (spillOut != null) {
                spillOut.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        } catch (IOException ignored) {
            // a temporary file the system cleans
        }
    }
}
