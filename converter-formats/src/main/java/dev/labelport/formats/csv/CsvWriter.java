package dev.labelport.formats.csv;

import dev.labelport.Limits;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.internal.ForeignFields;
import dev.labelport.internal.SetFields;
import dev.labelport.internal.SetFields.AnnotationField;
import dev.labelport.internal.SetFields.ItemField;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometries;
import dev.labelport.model.Geometry;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.MediaKind;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Status;
import dev.labelport.model.WorkflowStatus;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.WriteContext;
import dev.labelport.internal.WriteTarget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes one row per annotation (one for an item without annotations) in the chosen preset.
 * Holds one row and the categories written so far; everything else streams.
 */
final class CsvWriter implements ExportWriter {
    /** A number cell: not quoted when strings are. */
    static final class Num extends Number {
        private static final long serialVersionUID = 1L;
        private final double value;

        Num(double value) {
            this.value = value;
        }

        @Override public int intValue() { return (int) value; }
        @Override public long longValue() { return (long) value; }
        @Override public float floatValue() { return (float) value; }
        @Override public double doubleValue() { return value; }
        @Override public String toString() { return Cells.number(value); }
    }

    private static final Set<AnnotationField> LABELPORT_FIELDS = EnumSet.allOf(AnnotationField.class);
    private static final Set<AnnotationField> OPENIMAGES_FIELDS = EnumSet.of(AnnotationField.SCORE, AnnotationField.ATTRIBUTES);
    private static final Set<ItemField> LABELPORT_ITEM = EnumSet.of(ItemField.FILE_NAME, ItemField.URI, ItemField.SIZE,
            ItemField.DATASET, ItemField.SPLIT, ItemField.METADATA, ItemField.STATUS, ItemField.TIMESTAMPS, ItemField.ANNOTATOR);

    private final WriteTarget output;
    private final WriteContext ctx;
    private final CsvFormat.WriterSettings settings;
    private final GeometryCells cells = new GeometryCells(Limits.DEFAULTS);
    private final Map<Id, Category> categories = new HashMap<>();
    private Preset preset;
    private List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private List<Category> declared = List.of();
    private Writer writer;
    private CSVPrinter printer;
    private Object[] row;
    private boolean finished;
    private boolean closed;

    CsvWriter(WriteTarget output, WriteContext ctx, CsvFormat.WriterSettings settings) {
        this.output = output;
        this.ctx = ctx;
        this.settings = settings;
    }

    // ------------------------------------------------------------------ begin

    @Override
    public void begin(DatasetHeader header) {
        JsonObject ext = header.extension(CsvFormat.ID).object(ForeignFields.DERIVED);
        Preset read = ext.string(Columns.EXT_PRESET) == null ? null : Preset.named(ext.string(Columns.EXT_PRESET));
        preset = settings.preset() != null ? settings.preset() : read != null ? read : Preset.LABELPORT;
        columns = new ArrayList<>(preset.columns);
        if (read == preset && ext.get(Columns.EXT_COLUMNS) instanceof JsonArray a) {
            columns = new ArrayList<>();
            for (JsonValue v : a.values()) {
                if (v instanceof JsonString s && !columns.contains(s.value())) {
                    columns.add(s.value());
                }
            }
            if (preset == Preset.LABELPORT) {
                for (String c : preset.columns) {
                    if (!columns.contains(c)) {
                        columns.add(c);
                    }
                }
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
        boolean asRead = read == preset;
        boolean crlf = settings.crlf() != null ? settings.crlf() : asRead && flag(ext, Columns.EXT_CRLF);
        boolean bom = settings.bom() != null ? settings.bom() : asRead && flag(ext, Columns.EXT_BOM);
        boolean quoted = settings.quoteStrings() != null ? settings.quoteStrings() : asRead && flag(ext, Columns.EXT_QUOTED);
        if (header.name() != null) {
            ctx.loss(LossCode.DROPPED_FIELD, "dataset", "the dataset name \"" + header.name() + "\" has no place in a CSV");
        }
        declared = header.categories();
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator(crlf ? "\r\n" : "\n")
                .setQuoteMode(quoted ? QuoteMode.NON_NUMERIC : QuoteMode.MINIMAL).get();
        try {
            writer = new BufferedWriter(new OutputStreamWriter(output.open(), StandardCharsets.UTF_8), 1 << 16);
            if (bom) {
                writer.write('\uFEFF');
            }
            printer = new CSVPrinter(writer, format);
            printer.printRecord(columns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ctx.targetName(), e);
        }
        row = new Object[columns.size()];
    }

    private static boolean flag(JsonObject o, String key) {
        return o.get(key) instanceof JsonBoolean b && b.value();
    }

    // ------------------------------------------------------------------ write

    @Override
    public void write(Item item) {
        String where = "item " + item.id();
        if (item.kind() != MediaKind.IMAGE) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "the csv format holds image items only, not " + item.kind().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        long written = preset == Preset.LABELPORT ? writeLabelport(item, where) : writePreset(item, where);
        ctx.written(written < 0 ? 0 : 1, Math.max(written, 0));
    }

    private long writeLabelport(Item item, String where) {
        long n = 0;
        for (int i = 0; i < item.annotations().size(); i++) {
            Annotation a = item.annotations().get(i);
            String aw = where + " annotation " + (a.id() != null ? a.id() : "#" + i);
            if (a.geometry().kind() == GeometryKind.TEXT_SPAN || a.geometry().kind() == GeometryKind.TOKEN_TAGS) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, aw, "the csv format holds no " + a.geometry().kind().label()
                        + " (image items only)");
                continue;
            }
            labelportRow(item, n == 0, a, aw);
            n++;
        }
        if (n == 0) {
            labelportRow(item, true, null, where);
        }
        return n;
    }

    /** One row: the item's cells, and the annotation's ({@code null}: the row of an item without annotations). */
    private void labelportRow(Item item, boolean first, Annotation a, String where) {
        clear();
        JsonObject.Builder extra = JsonObject.builder();
        JsonObject.Builder idTypes = JsonObject.builder();
        itemCells(item, first, extra, idTypes, where);
        if (a != null) {
            annotationCells(a, a.geometry(), extra, idTypes);
        }
        otherColumns((a != null ? a.extensions() : item.extensions()).object(CsvFormat.ID).object(Columns.EXT_COLUMNS), where);
        JsonObject types = idTypes.build();
        if (!types.isEmpty()) {
            extra.put(Columns.X_ID_TYPES, types);
        }
        put(Columns.EXTRA, cells.write(extra.build()), where);
        print();
    }

    private void itemCells(Item item, boolean first, JsonObject.Builder extra, JsonObject.Builder idTypes, String where) {
        put(Columns.IMAGE, item.fileName(), where);
        putNumber(Columns.WIDTH, item.width(), where);
        putNumber(Columns.HEIGHT, item.height(), where);
        put(Columns.SPLIT, item.split(), where);
        put(Columns.ITEM_ID, item.id().text(), where);
        idType(idTypes, Columns.ITEM_ID, item.id());
        if (!first) {
            return;
        }
        List<String> unheld = SetFields.unheld(item, LABELPORT_ITEM);
        if (!unheld.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, String.join(", ", unheld) + " not kept");
        }
        JsonObject.Builder x = JsonObject.builder();
        putString(x, Columns.XI_URI, item.uri());
        putString(x, Columns.XI_DATASET, item.dataset());
        if (!item.metadata().isEmpty()) {
            x.put(Columns.XI_METADATA, item.metadata());
        }
        if (item.status() != null) {
            x.put(Columns.XI_STATUS, item.status().raw());
            putString(x, Columns.X_STATUS_CANONICAL, canonicalOverride(item.status()));
        }
        putString(x, Columns.XI_CREATED, item.created() == null ? null : item.created().raw());
        putString(x, Columns.XI_UPDATED, item.updated() == null ? null : item.updated().raw());
        if (item.annotator() != null) {
            JsonObject.Builder a = JsonObject.builder();
            putString(a, "id", item.annotator().id());
            putString(a, "name", item.annotator().name());
            x.put(Columns.XI_ANNOTATOR, a.build());
        }
        if (item.normalized()) {
            x.put(Columns.XI_NORMALIZED, JsonBoolean.TRUE);
        }
        JsonObject xi = x.build();
        if (!xi.isEmpty()) {
            extra.put(Columns.X_ITEM, xi);
        }
    }

    private void annotationCells(Annotation a, Geometry g, JsonObject.Builder extra, JsonObject.Builder idTypes) {
        String aw = "annotation " + a.id();
        if (a.id() != null) {
            put(Columns.ANNOTATION_ID, a.id().text(), aw);
            idType(idTypes, Columns.ANNOTATION_ID, a.id());
        }
        Category c = a.category();
        if (c != null) {
            put(Columns.LABEL, c.name(), aw);
            if (!c.id().equals(Id.of(c.name())) || c.name().isEmpty()) {
                put(Columns.CATEGORY_ID, c.id().text(), aw);
                idType(idTypes, Columns.CATEGORY_ID, c.id());
            }
            Category known = categories.get(c.id());
            if (known == null || !known.equals(c)) {
                if (known == null && categories.size() >= Limits.DEFAULTS.maxCategories()) {
                    categories.clear(); // bounded: a category met again is then described again
                }
                categories.put(c.id(), c);
                JsonObject d = definition(c);
                if (!d.isEmpty() || known != null) {
                    extra.put(Columns.X_CATEGORY, d.isEmpty() ? JsonObject.builder().put(Columns.XC_SUPERCATEGORY,
                            dev.labelport.json.JsonNull.INSTANCE).build() : d);
                }
            }
        }
        put(Columns.TYPE, g.kind().label(), aw);
        boxCells(a, aw);
        put(Columns.POINTS, cells.write(g), aw);
        if (g instanceof Caption cap) {
            put(Columns.TEXT, cap.text(), aw);
        }
        put(Columns.ATTRIBUTES, cells.write(a.attributes()), aw);
        if (a.score() != null) {
            putNumber(Columns.SCORE, a.score(), aw);
        }
        if (a.crowd()) {
            put(Columns.CROWD, "1", aw);
        }
        if (a.status() != null) {
            put(Columns.STATUS, a.status().raw(), aw);
            putString(extra, Columns.X_STATUS_CANONICAL, canonicalOverride(a.status()));
        }
        if (a.annotator() != null) {
            put(Columns.ANNOTATOR, a.annotator().id(), aw);
            putString(extra, Columns.X_ANNOTATOR_NAME, a.annotator().name());
        }
        put(Columns.CREATED, a.created() == null ? null : a.created().raw(), aw);
        put(Columns.UPDATED, a.updated() == null ? null : a.updated().raw(), aw);
        putString(extra, Columns.X_GROUP_ID, a.groupId());
        putString(extra, Columns.X_TRACK_ID, a.trackId());
        if (a.removed()) {
            extra.put(Columns.X_REMOVED, JsonBoolean.TRUE);
        }
    }

    /** A category's fields beyond id and name, as the {@code extra.category} object. */
    private static JsonObject definition(Category c) {
        JsonObject.Builder d = JsonObject.builder();
        putString(d, Columns.XC_SUPERCATEGORY, c.supercategory());
        putString(d, Columns.XC_COLOR, c.color());
        if (!c.keypointNames().isEmpty()) {
            List<JsonValue> names = new ArrayList<>();
            for (String n : c.keypointNames()) {
                names.add(new JsonString(n));
            }
            d.put(Columns.XC_KEYPOINTS, new JsonArray(names));
        }
        if (!c.skeleton().isEmpty()) {
            List<JsonValue> edges = new ArrayList<>();
            for (Category.Edge e : c.skeleton()) {
                edges.add(new JsonArray(List.of(JsonNumber.of(e.from()), JsonNumber.of(e.to()))));
            }
            d.put(Columns.XC_SKELETON, new JsonArray(edges));
        }
        if (!c.attributeSchema().isEmpty()) {
            d.put(Columns.XC_ATTRIBUTE_SCHEMA, c.attributeSchema());
        }
        return d.build();
    }

    /**
     * x, y, w, h: a rotated box's centre and size, else {@link Annotation#box()}: the box itself,
     * the box the source stated beside the shape (read back as the object's box), or the shape's
     * bounds (informative).
     */
    private void boxCells(Annotation a, String where) {
        Geometry g = a.geometry();
        if (g instanceof RotatedBox r) {
            putNumber(Columns.X, r.cx(), where);
            putNumber(Columns.Y, r.cy(), where);
            putNumber(Columns.W, r.width(), where);
            putNumber(Columns.H, r.height(), where);
            putNumber(Columns.ANGLE, r.angle(), where);
            return;
        }
        Box b = a.box();
        if (b != null) {
            putNumber(Columns.X, b.x(), where);
            putNumber(Columns.Y, b.y(), where);
            putNumber(Columns.W, b.width(), where);
            putNumber(Columns.H, b.height(), where);
        }
    }

    private static String canonicalOverride(WorkflowStatus s) {
        return Status.fromRaw(s.raw()) == s.canonical() ? null : s.canonical().name();
    }

    private static void idType(JsonObject.Builder types, String column, Id id) {
        String t = Cells.forcedType(id);
        if (t != null) {
            types.put(column, t);
        }
    }

    private void otherColumns(JsonObject values, String where) {
        for (var e : values.members().entrySet()) {
            String v = e.getValue() instanceof JsonString s ? s.value() : String.valueOf(e.getValue());
            if (columnIndex.containsKey(e.getKey()) && !preset.columns.contains(e.getKey())) {
                row[columnIndex.get(e.getKey())] = v;
            } else if (!columnIndex.containsKey(e.getKey())) {
                ctx.loss(LossCode.DROPPED_FIELD, where, "extra column " + e.getKey() + " is not in this file's header");
            }
        }
    }

    // ------------------------------------------------------------------ presets

    private long writePreset(Item item, String where) {
        List<String> unheld = SetFields.unheld(item, preset == Preset.TENSORFLOW ? EnumSet.of(ItemField.FILE_NAME, ItemField.SIZE)
                : preset == Preset.VOTT ? EnumSet.of(ItemField.FILE_NAME) : EnumSet.noneOf(ItemField.class));
        if (!unheld.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, String.join(", ", unheld) + " not kept by the " + preset.id + " preset");
        }
        String name = preset == Preset.OPENIMAGES || item.fileName() == null ? item.id().text() : item.fileName();
        long n = 0;
        for (int i = 0; i < item.annotations().size(); i++) {
            Annotation a = item.annotations().get(i);
            String aw = where + " annotation " + (a.id() != null ? a.id() : "#" + i);
            if (writePresetRow(item, name, a, aw)) {
                n++;
            }
        }
        if (n == 0) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "the " + preset.id + " preset lists only images with annotations");
            return -1;
        }
        if (preset != Preset.OPENIMAGES && item.fileName() == null) {
            ctx.loss(LossCode.SYNTHESISED, where, "no file name: the item id is written as the file name");
        } else if (preset != Preset.OPENIMAGES && !item.id().equals(Id.of(name))) {
            ctx.loss(LossCode.REINDEXED, where, "the item id is not kept: it reads back as the file name " + name);
        }
        return n;
    }

    private boolean writePresetRow(Item item, String name, Annotation a, String where) {
        Geometry g = a.geometry();
        Box box = null;
        switch (g.kind()) {
            case BOX:
                box = (Box) g;
                break;
            case ROTATED_BOX:
            case POLYGON:
            case POLYLINE:
            case POINTS:
            case KEYPOINTS:
            case MASK:
                box = a.box(); // the box the source stated, else the shape's bounds
                if (box == null) {
                    ctx.loss(LossCode.DROPPED_GEOMETRY, where, "an empty " + g.kind().label() + " has no box");
                    return false;
                }
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, g.kind().label() + " written as its bounding box");
                break;
            case TAG:
                if (preset != Preset.OPENIMAGES) {
                    ctx.loss(LossCode.DROPPED_GEOMETRY, where, "the " + preset.id + " preset holds boxes only, not tags");
                    return false;
                }
                break;
            default:
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, "the " + preset.id + " preset holds no " + g.kind().label());
                return false;
        }
        if (a.category() == null) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, "the " + preset.id + " preset needs a label; this annotation has no category");
            return false;
        }
        reportPresetLosses(a, where);
        clear();
        box = box == null ? null : space(item, box, where);
        JsonObject derived = a.extension(CsvFormat.ID).object(ForeignFields.DERIVED);
        switch (preset) {
            case TENSORFLOW:
                put("filename", name, where);
                putNumber("width", item.width(), where);
                putNumber("height", item.height(), where);
                put("class", a.category().name(), where);
                corners(box, "xmin", "ymin", "xmax", "ymax", derived, where);
                break;
            case VOTT:
                put("image", name, where);
                corners(box, "xmin", "ymin", "xmax", "ymax", derived, where);
                put("label", a.category().name(), where);
                break;
            default:
                openImagesRow(a, name, box, derived, where);
        }
        otherColumns(a.extension(CsvFormat.ID).object(Columns.EXT_COLUMNS), where);
        print();
        return true;
    }

    private void openImagesRow(Annotation a, String name, Box box, JsonObject derived, String where) {
        put("ImageID", name, where);
        put("LabelName", a.category().name(), where);
        JsonObject attrs = a.attributes();
        if (attrs.get("Source") instanceof JsonString s) {
            put("Source", s.value(), where);
        }
        if (a.score() != null) {
            putNumber("Confidence", a.score(), where);
        }
        String p = columnIndex.containsKey("XMin") || !columnIndex.containsKey("BoxXMin") ? "" : "Box";
        if (box != null) {
            corners(box, p + "XMin", p + "YMin", p + "XMax", p + "YMax", derived, where);
        }
        for (String flag : Preset.OPENIMAGES_FLAGS) {
            JsonValue v = attrs.get(flag);
            if (v instanceof JsonNumber num) {
                row(flag, new Num(num.doubleValue()), where);
            } else if (v instanceof JsonBoolean b) {
                row(flag, new Num(b.value() ? 1 : 0), where);
            } else if (columnIndex.containsKey(flag)) {
                row(flag, new Num(-1), where);
            }
        }
        List<String> dropped = new ArrayList<>();
        for (String k : attrs.keys()) {
            if (!k.equals("Source") && !Preset.OPENIMAGES_FLAGS.contains(k)
                    || k.equals("Source") && !(attrs.get(k) instanceof JsonString)
                    || Preset.OPENIMAGES_FLAGS.contains(k) && !(attrs.get(k) instanceof JsonNumber || attrs.get(k) instanceof JsonBoolean)) {
                dropped.add(k);
            }
        }
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_ATTRIBUTE, where, "attributes " + dropped + " have no Open Images column");
        }
    }

    private void reportPresetLosses(Annotation a, String where) {
        Set<AnnotationField> held = preset == Preset.OPENIMAGES ? OPENIMAGES_FIELDS : EnumSet.noneOf(AnnotationField.class);
        List<String> unheld = SetFields.unheld(a, held);
        if (unheld.remove("attributes")) {
            ctx.loss(LossCode.DROPPED_ATTRIBUTE, where, "attributes " + a.attributes().keys() + " not kept by the " + preset.id + " preset");
        }
        if (!unheld.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, String.join(", ", unheld) + " not kept by the " + preset.id + " preset");
        }
        Category c = a.category();
        if (categories.putIfAbsent(c.id(), c) != null) {
            return;
        }
        if (!c.id().equals(Id.of(c.name()))) {
            ctx.loss(LossCode.REINDEXED, "category " + c.id(), "category ids are not kept: \"" + c.name()
                    + "\" reads back with its name as id");
        }
        if (c.supercategory() != null || c.color() != null || !c.keypointNames().isEmpty() || !c.attributeSchema().isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, "category " + c.id(), "supercategory, colour, keypoint names and attribute schema are not kept");
        }
    }

    /** The box in the preset's units: pixels for TensorFlow and VoTT, fractions for Open Images. */
    private Box space(Item item, Box box, String where) {
        boolean wantNormalized = preset.normalized();
        if (item.normalized() == wantNormalized) {
            return box;
        }
        Integer w = item.width();
        Integer h = item.height();
        if (w == null || h == null || w == 0 || h == 0) {
            String name = item.fileName() != null ? "'" + item.fileName() + "' (id " + item.id() + ")" : "id " + item.id();
            throw new LabelportException(ErrorCode.MISSING_IMAGE_SIZE, Location.UNKNOWN, "item " + name
                    + " has no image size, and the " + preset.id + " preset needs one to write "
                    + (wantNormalized ? "normalised" : "pixel") + " coordinates: give a size table or an image folder"
                    + " (--image-sizes, --images; ConversionOptions.imageSizes)");
        }
        return (Box) (wantNormalized ? Geometries.scale(box, 1.0 / w, 1.0 / h) : Geometries.scale(box, w, h));
    }

    private void corners(Box b, String xmin, String ymin, String xmax, String ymax, JsonObject derived, String where) {
        putNumber(xmin, b.x(), where);
        putNumber(ymin, b.y(), where);
        row(xmax, corner(b.x(), b.width(), derived.string(xmax)), where);
        row(ymax, corner(b.y(), b.height(), derived.string(ymax)), where);
    }

    /** {@code start + size}, or the corner text as read when it still gives {@code size} exactly. */
    private static Object corner(double start, double size, String asRead) {
        if (asRead != null) {
            try {
                if (Double.parseDouble(asRead) - start == size) {
                    return new Num(Double.parseDouble(asRead));
                }
            } catch (NumberFormatException e) {
                // not the corner any more
            }
        }
        return new Num(start + size);
    }

    // ------------------------------------------------------------------ cells

    private void clear() {
        Arrays.fill(row, "");
    }

    private void put(String column, String value, String where) {
        if (value != null && !value.isEmpty()) {
            row(column, value, where);
        }
    }

    private void putNumber(String column, Number value, String where) {
        if (value != null) {
            row(column, new Num(value.doubleValue()), where);
        }
    }

    private void row(String column, Object value, String where) {
        Integer i = columnIndex.get(column);
        if (i != null) {
            row[i] = value;
        } else {
            ctx.loss(LossCode.DROPPED_FIELD, where, "no column " + column + " in this file's header");
        }
    }

    private static void putString(JsonObject.Builder b, String key, String value) {
        if (value != null) {
            b.put(key, value);
        }
    }

    private void print() {
        try {
            printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ctx.targetName(), e);
        }
    }

    // ------------------------------------------------------------------ end

    @Override
    public void finish() {
        List<String> unused = new ArrayList<>();
        for (Category c : declared) {
            if (!categories.containsKey(c.id())) {
                unused.add(c.name());
            }
        }
        if (!unused.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, "categories", unused.size() + " categories no annotation uses have no place in a CSV: "
                    + (unused.size() > 5 ? unused.subList(0, 5) + "..." : unused));
        }
        try {
            printer.flush();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ctx.targetName(), e);
        }
        finished = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished && writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                // the output is abandoned
            }
        }
    }
}
