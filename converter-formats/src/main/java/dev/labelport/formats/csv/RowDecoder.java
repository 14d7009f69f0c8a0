package dev.labelport.formats.csv;

import dev.labelport.Limits;
import dev.labelport.formats.csv.GeometryCells.CellException;
import dev.labelport.internal.ForeignFields;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.Geometries;
import dev.labelport.model.Geometry;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Id;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Status;
import dev.labelport.model.Tag;
import dev.labelport.model.Timestamp;
import dev.labelport.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one CSV row into the item fields it carries and its annotation (none for the row of an
 * item without annotations). Holds the categories met so far (at most {@link Limits#maxCategories}).
 */
final class RowDecoder {
    /** A cell that cannot be read; the reader adds file, line and row. */
    static final class RowException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String column;
        final boolean limit;

        RowException(String column, String message, boolean limit) {
            super(message, null, false, false);
            this.column = column;
            this.limit = limit;
        }
    }

    /** What one row says. {@code annotation} is {@code null} for an item without annotations. */
    record Row(Id itemId, String fileName, Integer width, Integer height, String split, JsonObject itemExtra,
               JsonObject itemColumns, Annotation annotation) {
    }

    /** A decimal number as spreadsheets and JSON write it (no hex, no {@code d}/{@code f} suffix, no NaN). */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Preset preset;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Integer> unknown = new ArrayList<>();
    private final GeometryCells cells;
    private final Limits limits;
    private final Map<Id, Category> categories = new HashMap<>();
    private final boolean normalizedBoxes;
    private String[] v;

    private String inconsistency;

    RowDecoder(Preset preset, List<String> header, Limits limits, boolean normalizedBoxes) {
        this.preset = preset;
        this.header = header;
        this.limits = limits;
        this.cells = new GeometryCells(limits);
        this.normalizedBoxes = normalizedBoxes;
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        for (int i = 0; i < header.size(); i++) {
            if (!known(header.get(i)) || index.get(header.get(i)) != i) {
                unknown.add(i);
            }
        }
    }

    private boolean known(String column) {
        if (preset.columns.contains(column)) {
            return true;
        }
        return preset == Preset.OPENIMAGES && column.startsWith("Box") && preset.columns.contains(column.substring(3));
    }

    Row decode(String[] values) {
        this.v = values;
        this.inconsistency = null;
        if (preset != Preset.LABELPORT) {
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i].strip();
            }
        }
        switch (preset) {
            case LABELPORT:
                return labelport();
            case OPENIMAGES:
                return openImages();
            default:
                return corners();
        }
    }

    // ------------------------------------------------------------------ labelport

    private Row labelport() {
        JsonObject extra = json(Columns.EXTRA);
        JsonObject idTypes = extra.object(Columns.X_ID_TYPES);
        String image = cell(Columns.IMAGE);
        String itemIdText = cell(Columns.ITEM_ID);
        Id itemId;
        if (itemIdText != null) {
            itemId = Cells.id(itemIdText, idTypes.string(Columns.ITEM_ID));
        } else if (image != null) {
            itemId = Id.of(image);
        } else {
            throw new RowException(Columns.ITEM_ID, "a row needs an item_id or an image", false);
        }
        Integer width = dimension(Columns.WIDTH);
        Integer height = dimension(Columns.HEIGHT);
        JsonObject columns = unknownValues();
        String type = cell(Columns.TYPE);
        if (type == null && cell(Columns.X) != null && cell(Columns.Y) != null && cell(Columns.W) != null
                && cell(Columns.H) != null) {
            type = GeometryKind.BOX.label(); // hand-made files: coordinates alone make a box
        }
        if (type == null) {
            for (String c : List.of(Columns.LABEL, Columns.CATEGORY_ID, Columns.ANNOTATION_ID, Columns.POINTS, Columns.X)) {
                if (cell(c) != null) {
                    throw new RowException(Columns.TYPE, "empty, but the row has a " + c + ": an empty type is an item without annotations", false);
                }
            }
            return new Row(itemId, image, width, height, cell(Columns.SPLIT), extra.object(Columns.X_ITEM), columns, null);
        }
        Geometry g = geometry(type);
        Annotation.Builder a = Annotation.builder(g).objectBox(statedBox(g));
        String annId = cell(Columns.ANNOTATION_ID);
        if (annId != null) {
            a.id(Cells.id(annId, idTypes.string(Columns.ANNOTATION_ID)));
        }
        a.category(category(idTypes, extra.object(Columns.X_CATEGORY)));
        a.attributes(json(Columns.ATTRIBUTES));
        a.score(number(Columns.SCORE));
        a.crowd(flag(Columns.CROWD));
        a.status(status(cell(Columns.STATUS), extra.string(Columns.X_STATUS_CANONICAL), Columns.STATUS));
        String annotatorId = cell(Columns.ANNOTATOR);
        String annotatorName = extra.string(Columns.X_ANNOTATOR_NAME);
        if (annotatorId != null || annotatorName != null) {
            a.annotator(new Annotator(annotatorId, annotatorName));
        }
        a.created(Timestamp.parse(cell(Columns.CREATED)));
        a.updated(Timestamp.parse(cell(Columns.UPDATED)));
        a.groupId(extra.string(Columns.X_GROUP_ID));
        a.trackId(extra.string(Columns.X_TRACK_ID));
        a.removed(extra.get(Columns.X_REMOVED) instanceof JsonBoolean b && b.value());
        a.extensions(columnsExtension(columns, JsonObject.EMPTY));
        return new Row(itemId, image, width, height, cell(Columns.SPLIT), extra.object(Columns.X_ITEM), JsonObject.EMPTY,
                a.build());
    }

    /**
     * x, y, w, h beside a shape that is not a box: the object's box when they differ from the
     * shape's bounds (the writer puts {@link Annotation#box()} there); {@code null} when they are
     * the bounds, absent or not a box (informative columns never refuse a row).
     */
    private Box statedBox(Geometry g) {
        if (g instanceof Box || g instanceof RotatedBox || cell(Columns.X) == null || cell(Columns.Y) == null
                || cell(Columns.W) == null || cell(Columns.H) == null) {
            return null;
        }
        try {
            Box b = new Box(number(Columns.X), number(Columns.Y), number(Columns.W), number(Columns.H));
            return b.equals(Geometries.bounds(g)) ? null : b;
        } catch (RowException | IllegalArgumentException e) {
            return null;
        }
    }

    private Geometry geometry(String type) {
        GeometryKind kind = null;
        for (GeometryKind k : GeometryKind.values()) {
            if (k.label().equals(type)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new RowException(Columns.TYPE, "unknown type \"" + type + "\": expected box, rotated_box, polygon, "
                    + "polyline, points, keypoints, mask, cuboid, tag or caption", false);
        }
        try {
            switch (kind) {
                case BOX:
                    return build(Columns.X, () -> new Box(required(Columns.X), required(Columns.Y), required(Columns.W),
                            required(Columns.H)));
                case ROTATED_BOX:
                    return build(Columns.X, () -> new RotatedBox(required(Columns.X), required(Columns.Y),
                            required(Columns.W), required(Columns.H), required(Columns.ANGLE)));
                case POLYGON:
                    return cells.polygon(requiredCell(Columns.POINTS));
                case POLYLINE:
                    return cells.polyline(requiredCell(Columns.POINTS));
                case POINTS:
                    return cells.points(requiredCell(Columns.POINTS));
                case KEYPOINTS:
                    return cells.keypoints(requiredCell(Columns.POINTS));
                case MASK:
                    return cells.mask(requiredCell(Columns.POINTS));
                case CUBOID:
                    return cells.cuboid(requiredCell(Columns.POINTS));
                case TAG:
                    return Tag.INSTANCE;
                case CAPTION:
                    String text = value(Columns.TEXT);
                    return new Caption(text == null ? "" : text);
                default:
                    throw new RowException(Columns.TYPE, "type " + type + " is not held by the csv format", false);
            }
        } catch (CellException e) {
            throw new RowException(Columns.POINTS, e.getMessage(), e.limit);
        }
    }

    private Category category(JsonObject idTypes, JsonObject definition) {
        String label = value(Columns.LABEL);
        String idText = cell(Columns.CATEGORY_ID);
        if ((label == null || label.isEmpty()) && idText == null) {
            return null;
        }
        String name = label == null ? "" : label;
        Id id = idText != null ? Cells.id(idText, idTypes.string(Columns.CATEGORY_ID)) : Id.of(name);
        Category known = categories.get(id);
        if (known != null && definition.isEmpty() && known.name().equals(name)) {
            return known;
        }
        Category c = definition.isEmpty() ? Category.of(id, name) : define(id, name, definition);
        remember(c);
        return c;
    }

    private Category define(Id id, String name, JsonObject d) {
        List<String> keypoints = new ArrayList<>();
        if (d.get(Columns.XC_KEYPOINTS) instanceof JsonArray a) {
            for (JsonValue x : a.values()) {
                keypoints.add(x instanceof JsonString s ? s.value() : String.valueOf(x));
            }
        }
        List<Category.Edge> skeleton = new ArrayList<>();
        if (d.get(Columns.XC_SKELETON) instanceof JsonArray a) {
            for (JsonValue e : a.values()) {
                // no geometry reads the skeleton: an edge that is not [from, to] is left out and reported, never refused
                if (!(e instanceof JsonArray pair) || pair.size() != 2 || !(pair.get(0) instanceof JsonNumber f)
                        || !(pair.get(1) instanceof JsonNumber t) || !f.isIntegral() || !t.isIntegral()
                        || f.longValue() < 0 || t.longValue() < 0 || f.longValue() > Integer.MAX_VALUE || t.longValue() > Integer.MAX_VALUE) {
                    inconsistency = "category " + name + ": skeleton edge " + abbreviate(String.valueOf(e.toJava()))
                            + " is not [from, to] of 0-based keypoint indices: left out";
                    continue;
                }
                skeleton.add(new Category.Edge((int) f.longValue(), (int) t.longValue()));
            }
        }
        return new Category(id, name, d.string(Columns.XC_SUPERCATEGORY), d.string(Columns.XC_COLOR), keypoints, skeleton,
                d.object(Columns.XC_ATTRIBUTE_SCHEMA), JsonObject.EMPTY);
    }

    /** What the last row held that no geometry depends on and could not be kept (reported by the reader), then cleared. */
    String takeInconsistency() {
        String s = inconsistency;
        inconsistency = null;
        return s;
    }

    private void remember(Category c) {
        if (!categories.containsKey(c.id()) && categories.size() >= limits.maxCategories()) {
            throw new RowException(preset == Preset.LABELPORT ? Columns.LABEL : labelColumn(),
                    "more than " + limits.maxCategories() + " categories", true);
        }
        categories.put(c.id(), c);
    }

    /** The category named {@code name} in a preset without category ids (id = name). */
    private Category named(String name) {
        Id id = Id.of(name);
        Category c = categories.get(id);
        if (c == null) {
            c = Category.of(id, name);
            remember(c);
        }
        return c;
    }

    // ------------------------------------------------------------------ box presets

    private String labelColumn() {
        return preset == Preset.TENSORFLOW ? "class" : preset == Preset.VOTT ? "label" : "LabelName";
    }

    /** TensorFlow and VoTT: a file name, an optional size, a class and two corners. */
    private Row corners() {
        String fileColumn = preset == Preset.TENSORFLOW ? "filename" : "image";
        String image = cell(fileColumn);
        if (image == null) {
            throw new RowException(fileColumn, "a row needs a file name", false);
        }
        Integer width = dimension("width");
        Integer height = dimension("height");
        String label = cell(labelColumn());
        JsonObject columns = unknownValues();
        Annotation a = null;
        if (label != null || cell("xmin") != null || cell("xmax") != null || cell("ymin") != null || cell("ymax") != null) {
            Box box = box("xmin", "ymin", "xmax", "ymax");
            a = Annotation.builder(box).category(named(label == null ? "" : label))
                    .extensions(columnsExtension(columns, derived(box, "xmax", "ymax"))).build();
            columns = JsonObject.EMPTY;
        }
        return new Row(Id.of(image), image, width, height, null, JsonObject.EMPTY, columns, a);
    }

    /** Open Images boxes, segmentation boxes ({@code BoxXMin}...) or image-level labels (no box columns). */
    private Row openImages() {
        String image = cell("ImageID");
        if (image == null) {
            throw new RowException("ImageID", "a row needs an ImageID", false);
        }
        String label = cell("LabelName");
        if (label == null) {
            throw new RowException("LabelName", "a row needs a LabelName", false);
        }
        String p = index.containsKey("XMin") || !index.containsKey("BoxXMin") ? "" : "Box";
        boolean hasBox = cell(p + "XMin") != null || cell(p + "XMax") != null || cell(p + "YMin") != null
                || cell(p + "YMax") != null;
        Geometry g = hasBox ? box(p + "XMin", p + "YMin", p + "XMax", p + "YMax") : Tag.INSTANCE;
        JsonObject.Builder attributes = JsonObject.builder();
        String source = cell("Source");
        if (source != null) {
            attributes.put("Source", source);
        }
        for (String flag : Preset.OPENIMAGES_FLAGS) {
            Double f = number(flag);
            if (f != null) {
                attributes.put(flag, f == Math.rint(f) && Math.abs(f) < 1e15 ? JsonNumber.of(f.longValue()) : JsonNumber.of(f));
            }
        }
        JsonObject derived = g instanceof Box b ? derived(b, p + "XMax", p + "YMax") : JsonObject.EMPTY;
        Annotation a = Annotation.builder(g).category(named(label)).attributes(attributes.build())
                .score(number("Confidence")).extensions(columnsExtension(unknownValues(), derived)).build();
        return new Row(Cells.id(image, null), null, null, null, null, JsonObject.EMPTY, JsonObject.EMPTY, a);
    }

    private Box box(String xmin, String ymin, String xmax, String ymax) {
        double x0 = required(xmin);
        double y0 = required(ymin);
        double x1 = required(xmax);
        double y1 = required(ymax);
        if (normalizedBoxes && (x0 < -0.01 || y0 < -0.01 || x1 > 1.01 || y1 > 1.01)) {
            throw new RowException(x1 > 1.01 ? xmax : y1 > 1.01 ? ymax : x0 < -0.01 ? xmin : ymin,
                    "normalised coordinates must lie within [0, 1]", false);
        }
        return build(xmax, () -> new Box(x0, y0, x1 - x0, y1 - y0));
    }

    /** The corner texts when {@code x + w} does not give them back exactly (kept so a write is exact). */
    private JsonObject derived(Box b, String xmax, String ymax) {
        JsonObject.Builder d = JsonObject.builder();
        if (b.x() + b.width() != required(xmax)) {
            d.put(xmax, v[index.get(xmax)]);
        }
        if (b.y() + b.height() != required(ymax)) {
            d.put(ymax, v[index.get(ymax)]);
        }
        return d.build();
    }

    // ------------------------------------------------------------------ cells

    private JsonObject unknownValues() {
        if (unknown.isEmpty()) {
            return JsonObject.EMPTY;
        }
        JsonObject.Builder b = JsonObject.builder();
        for (int i : unknown) {
            if (!v[i].isEmpty()) {
                b.put(header.get(i), v[i]);
            }
        }
        return b.build();
    }

    private static JsonObject columnsExtension(JsonObject columns, JsonObject derived) {
        if (columns.isEmpty() && derived.isEmpty()) {
            return JsonObject.EMPTY;
        }
        JsonObject.Builder csv = JsonObject.builder();
        if (!columns.isEmpty()) {
            csv.put(Columns.EXT_COLUMNS, columns);
        }
        if (!derived.isEmpty()) {
            csv.put(ForeignFields.DERIVED, derived);
        }
        return JsonObject.builder().put(CsvFormat.ID, csv.build()).build();
    }

    /** The cell of {@code column} as written, or {@code null} when the column is absent. */
    private String value(String column) {
        Integer i = index.get(column);
        return i == null ? null : v[i];
    }

    /** The cell, or {@code null} when the column is absent or the cell empty. */
    private String cell(String column) {
        String s = value(column);
        return s == null || s.isEmpty() ? null : s;
    }

    private String requiredCell(String column) {
        String s = cell(column);
        if (s == null) {
            throw new RowException(column, "empty, but the row's type needs it", false);
        }
        return s;
    }

    private JsonObject json(String column) {
        String s = cell(column);
        try {
            return s == null ? JsonObject.EMPTY : cells.object(s);
        } catch (CellException e) {
            throw new RowException(column, e.getMessage(), e.limit);
        }
    }

    private Double number(String column) {
        String s = cell(column);
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (!DECIMAL.matcher(t).matches()) {
            throw new RowException(column, "not a number: \"" + abbreviate(s) + "\"", false);
        }
        double d = Double.parseDouble(t);
        if (!Double.isFinite(d)) {
            throw new RowException(column, "not a finite number: \"" + abbreviate(s) + "\"", false);
        }
        return d;
    }

    private double required(String column) {
        Double d = number(column);
        if (d == null) {
            throw new RowException(column, "a number is needed here", false);
        }
        return d;
    }

    private Integer dimension(String column) {
        Double d = number(column);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || d < 0) {
            throw new RowException(column, "an image size is a whole number of pixels: " + abbreviate(value(column)), false);
        }
        if (d > limits.maxImageDimension()) {
            throw new RowException(column, "image size " + value(column) + " exceeds the limit " + limits.maxImageDimension(), true);
        }
        return d.intValue();
    }

    private boolean flag(String column) {
        String s = cell(column);
        if (s == null) {
            return false;
        }
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "1":
            case "true":
                return true;
            case "0":
            case "false":
                return false;
            default:
                throw new RowException(column, "expected 0 or 1: \"" + abbreviate(s) + "\"", false);
        }
    }

    static WorkflowStatus status(String raw, String canonical, String column) {
        if (raw == null) {
            return null;
        }
        if (canonical == null) {
            return WorkflowStatus.of(raw);
        }
        try {
            return new WorkflowStatus(raw, Status.valueOf(canonical));
        } catch (IllegalArgumentException e) {
            throw new RowException(column, "unknown canonical status " + canonical, false);
        }
    }

    private static <G> G build(String column, java.util.function.Supplier<G> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new RowException(column, e.getMessage(), false);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
