package dev.labelport.formats.azure;

import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.MaskOutlines;
import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Geometry;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Mask;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.RotatedBox;
import dev.labelport.report.LossCode;
import dev.labelport.spi.WriteContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one JSON object per line. The task is the one given (option or header) or, when none
 * is, the one the first item with annotations shows; items written before it (without
 * annotations) are written the same way whatever the task turns out to be.
 */
final class ImageJsonlWriter {
    private static final Set<SetFields.ItemField> ITEM_HELD = Set.of(SetFields.ItemField.FILE_NAME,
            SetFields.ItemField.URI, SetFields.ItemField.SIZE);

    private final Writer out;
    private final WriteContext ctx;
    private final JsonFactory factory;
    private final FieldLosses losses;
    private Task task;
    private long index;

    ImageJsonlWriter(Writer out, WriteContext ctx, JsonFactory factory, Task task) {
        this.out = out;
        this.ctx = ctx;
        this.factory = factory;
        this.task = task;
        this.losses = new FieldLosses(ctx);
    }

    void write(Item item) {
        String where = "item " + item.id();
        String url = ImageUrl.choose(item.uri(), item.fileName());
        if (url == null) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "an image without a URI or file name has no image_url");
            return;
        }
        if (task == null) {
            task = taskOf(item);
        }
        index++;
        reportItem(item, where);
        JsonObject ext = item.extension(AzureAutomlFormat.ID);
        JsonObject derived = ext.object("derived");
        List<Annotation> kept = new ArrayList<>(item.annotations().size());
        List<Geometry> shapes = new ArrayList<>(item.annotations().size());
        for (int k = 0; k < item.annotations().size(); k++) {
            Annotation a = item.annotations().get(k);
            String at = where + " annotation " + (a.id() == null ? "#" + (k + 1) : a.id().toString());
            Geometry g = shape(item, a, at);
            if (g != null) {
                kept.add(a);
                shapes.add(g);
                reportAnnotation(a, at);
            }
        }
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), line)) {
            g.writeStartObject();
            g.writeStringProperty("image_url", url);
            details(g, item, url, ext, derived);
            label(g, item, kept, shapes, derived);
            JsonSupport.writeMembers(g, ext.object("extra"));
            g.writeEndObject();
        }
        try {
            out.write(line.toString());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.written(1, kept.size());
    }

    /** The task an item's annotations show, or {@code null} when it has none that fit an image task. */
    static Task taskOf(Item item) {
        int tags = 0;
        boolean polygon = false;
        boolean spatial = false;
        for (Annotation a : item.annotations()) {
            switch (a.geometry().kind()) {
                case TAG -> tags++;
                case POLYGON, MASK -> polygon = true;
                case BOX, ROTATED_BOX, POLYLINE, POINTS, KEYPOINTS -> spatial = true;
                default -> {
                    // not an image annotation
                }
            }
        }
        if (polygon) {
            return Task.INSTANCE_SEGMENTATION;
        }
        if (spatial) {
            return Task.OBJECT_DETECTION;
        }
        return tags == 0 ? null : tags == 1 ? Task.IMAGE_CLASSIFICATION : Task.IMAGE_MULTILABEL;
    }

    // ------------------------------------------------------------------ image_details

    private void details(JsonGenerator g, Item item, String url, JsonObject ext, JsonObject derived) {
        JsonValue marker = derived.get("image_details");
        boolean sized = item.width() != null && item.height() != null;
        if (!sized && marker != null) {
            if (marker instanceof JsonNull) {
                g.writeName("image_details");
                g.writeNull();
            }
            return; // "absent", or null as read
        }
        JsonValue format = ext.has("format") ? ext.get("format") : derived.has("format") ? derived.get("format")
                : ImageDetails.formatOf(url);
        JsonObject extra = ext.object("image_details");
        if (!sized && (format == null || format instanceof JsonNull) && extra.isEmpty()) {
            return;
        }
        g.writeName("image_details");
        g.writeStartObject();
        if (format != null && !(format instanceof JsonNull)) {
            g.writeName("format");
            JsonSupport.writeValue(g, format);
        }
        if (sized) {
            size(g, "width", item.width(), derived.get("width"));
            size(g, "height", item.height(), derived.get("height"));
        }
        JsonSupport.writeMembers(g, extra);
        g.writeEndObject();
    }

    private static void size(JsonGenerator g, String name, int pixels, JsonValue asRead) {
        g.writeName(name);
        JsonSupport.writeValue(g, asRead != null && ImageDetails.parse(asRead) == pixels ? asRead : ImageDetails.spelling(pixels));
    }

    // ------------------------------------------------------------------ label

    private void label(JsonGenerator g, Item item, List<Annotation> kept, List<Geometry> shapes, JsonObject derived) {
        if (kept.isEmpty()) {
            String marker = derived.string("label");
            if ("absent".equals(marker) || marker == null && task == Task.IMAGE_CLASSIFICATION) {
                return;
            }
            g.writeName("label");
            if ("null".equals(marker)) {
                g.writeNull();
            } else {
                g.writeStartArray();
                g.writeEndArray();
            }
            return;
        }
        g.writeName("label");
        if (task == Task.IMAGE_CLASSIFICATION) {
            g.writeString(kept.get(0).category().name());
            return;
        }
        double sx = item.normalized() ? 1 : item.width();
        double sy = item.normalized() ? 1 : item.height();
        g.writeStartArray();
        for (int i = 0; i < kept.size(); i++) {
            Annotation a = kept.get(i);
            if (task == Task.IMAGE_MULTILABEL) {
                g.writeString(a.category().name());
            } else {
                object(g, a, shapes.get(i), sx, sy);
            }
        }
        g.writeEndArray();
    }

    private void object(JsonGenerator g, Annotation a, Geometry shape, double sx, double sy) {
        JsonObject ext = a.extension(AzureAutomlFormat.ID);
        JsonObject derived = ext.object("derived");
        g.writeStartObject();
        g.writeStringProperty("label", a.category().name());
        if (shape instanceof Box b) {
            g.writeName("topX");
            JsonSupport.writeCoordinate(g, b.x() / sx);
            g.writeName("topY");
            JsonSupport.writeCoordinate(g, b.y() / sy);
            g.writeName("bottomX");
            JsonSupport.writeCoordinate(g, corner(b.x(), b.width(), sx, derived.get("bottomX")));
            g.writeName("bottomY");
            JsonSupport.writeCoordinate(g, corner(b.y(), b.height(), sy, derived.get("bottomY")));
            crowd(g, a, derived);
        } else {
            crowd(g, a, derived);
            g.writeName("polygon");
            g.writeStartArray();
            for (Polygon.Part part : ((Polygon) shape).parts()) {
                PointList ring = part.shell();
                g.writeStartArray();
                for (int i = 0; i < ring.size(); i++) {
                    JsonSupport.writeCoordinate(g, ring.x(i) / sx);
                    JsonSupport.writeCoordinate(g, ring.y(i) / sy);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        JsonSupport.writeMembers(g, ext.object("extra"));
        g.writeEndObject();
    }

    /** The far corner: as read when the box is the one read (x + w did not give it back exactly). */
    private static double corner(double start, double size, double scale, JsonValue asRead) {
        if (scale == 1 && asRead instanceof JsonNumber n && n.doubleValue() - start == size) {
            return n.doubleValue();
        }
        return scale == 1 ? start + size : (start + size) / scale;
    }

    private static void crowd(JsonGenerator g, Annotation a, JsonObject derived) {
        JsonValue asRead = derived.get("isCrowd");
        if (asRead instanceof JsonNull && !a.crowd()) {
            return;
        }
        g.writeName("isCrowd");
        // the value as read is kept only when it still says the same (a damaged one, "2", reads as neither)
        if (asRead != null && !(asRead instanceof JsonNull) && Boolean.valueOf(a.crowd()).equals(flag(asRead))) {
            JsonSupport.writeValue(g, asRead);
        } else {
            g.writeNumber(a.crowd() ? 1 : 0);
        }
    }

    /** The value of an {@code isCrowd} as read (0/1, true/false, their strings); {@code null} for anything else. */
    private static Boolean flag(JsonValue v) {
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        String s = v instanceof JsonNumber n ? n.lexical() : v instanceof JsonString str ? str.value().strip() : "";
        return s.equals("1") || s.equalsIgnoreCase("true") ? Boolean.TRUE
                : s.equals("0") || s.equalsIgnoreCase("false") || s.isEmpty() ? Boolean.FALSE : null;
    }

    // ------------------------------------------------------------------ geometry rules

    /** The shape the task writes for {@code a} (in the item's own units), or {@code null} after reporting why not. */
    private Geometry shape(Item item, Annotation a, String at) {
        Geometry g = a.geometry();
        GeometryKind kind = g.kind();
        if (a.removed()) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, at, "the annotation is marked removed");
            return null;
        }
        if (a.category() == null) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, at, "a " + kind.label() + " without a class has no label");
            return null;
        }
        if (task == null) { // nothing in the item is an image label (captions, spans...)
            ctx.loss(LossCode.DROPPED_GEOMETRY, at, "a " + kind.label() + " has no place in an Azure image file");
            return null;
        }
        boolean spatialTask = task == Task.OBJECT_DETECTION || task == Task.INSTANCE_SEGMENTATION;
        if (!spatialTask) {
            if (kind != GeometryKind.TAG) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "a " + kind.label() + " in " + task.id()
                        + " (image labels only; task=object-detection or instance-segmentation keeps shapes)");
                return null;
            }
            if (task == Task.IMAGE_CLASSIFICATION && firstTagWritten(item, a)) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "image-classification holds one class per image; '"
                        + a.category().name() + "' is left out (task=image-multilabel keeps them all)");
                return null;
            }
            return g;
        }
        if (kind == GeometryKind.TAG || !item.normalized() && (item.width() == null || item.height() == null
                || item.width() == 0 || item.height() == 0)) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, at, kind == GeometryKind.TAG
                    ? "an image-level class in " + task.id() + " (objects only; task=image-multilabel keeps classes)"
                    : "no image size to turn pixels into fractions");
            return null;
        }
        Geometry s = task == Task.OBJECT_DETECTION ? box(a, at) : polygon(item, g, at);
        if (s instanceof Box b && (b.width() <= 0 || b.height() <= 0)) {
            ctx.loss(LossCode.DEGENERATE, at, "a box of zero width or height is left out");
            return null;
        }
        return s;
    }

    /** True when an earlier tag of the item is the one written (multi-class keeps the first). */
    private static boolean firstTagWritten(Item item, Annotation a) {
        for (Annotation o : item.annotations()) {
            if (o == a) {
                return false;
            }
            if (o.geometry().kind() == GeometryKind.TAG && o.category() != null && !o.removed()) {
                return true;
            }
        }
        return false;
    }

    /** {@link Annotation#box()}: the box the source stated beside the shape, else the shape's bounds. */
    private Geometry box(Annotation a, String at) {
        Geometry g = a.geometry();
        if (g instanceof Box) {
            return g;
        }
        PointList pts = points(g);
        if (pts == null || pts.isEmpty()) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, at, "a " + g.kind().label() + " cannot be written as an object-detection box");
            return null;
        }
        ctx.loss(LossCode.APPROXIMATED_GEOMETRY, at, "a " + g.kind().label() + " written as its bounding box");
        return a.box();
    }

    private Geometry polygon(Item item, Geometry g, String at) {
        if (g instanceof Mask m) {
            Polygon outline = MaskOutlines.polygon(m, item, ctx, at);
            return outline == null ? null : polygon(item, outline, at);
        }
        if (g instanceof Polygon p) {
            List<PointList> rings = new ArrayList<>(p.parts().size());
            for (Polygon.Part part : p.parts()) {
                if (part.shell().size() >= 3) {
                    rings.add(part.shell());
                }
            }
            if (rings.size() < p.parts().size()) {
                ctx.loss(LossCode.DEGENERATE, at, (p.parts().size() - rings.size()) + " polygon part(s) of fewer than 3 points left out");
            }
            if (rings.isEmpty()) {
                return null;
            }
            if (p.hasHoles()) {
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, at, "polygon holes dropped (Azure polygons have none)");
            }
            return p.hasHoles() || rings.size() < p.parts().size() ? Polygon.of(rings.toArray(PointList[]::new)) : p;
        }
        if (g instanceof Box b) {
            if (b.width() <= 0 || b.height() <= 0) {
                ctx.loss(LossCode.DEGENERATE, at, "a box of zero width or height is left out");
                return null;
            }
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, at, "a box written as a 4-point polygon");
            double x2 = b.x() + b.width();
            double y2 = b.y() + b.height();
            return Polygon.of(PointList.of(b.x(), b.y(), x2, b.y(), x2, y2, b.x(), y2));
        }
        if (g instanceof RotatedBox r) {
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, at, "a rotated box written as its 4 corners");
            return Polygon.of(r.corners());
        }
        ctx.loss(LossCode.DROPPED_GEOMETRY, at, "a " + g.kind().label() + " cannot be written as an instance-segmentation polygon");
        return null;
    }

    /** The points of a shape that has a bounding box, or {@code null}. */
    private static PointList points(Geometry g) {
        if (g instanceof Polygon p) {
            return p.parts().isEmpty() ? null : p.parts().get(0).shell();
        }
        if (g instanceof RotatedBox r) {
            return r.corners();
        }
        if (g instanceof Polyline l) {
            return l.points();
        }
        if (g instanceof Points p) {
            return p.points();
        }
        if (g instanceof Keypoints k) {
            return k.points();
        }
        return null;
    }

    // ------------------------------------------------------------------ fields

    private void reportItem(Item item, String where) {
        String url = ImageUrl.dropped(item.uri(), item.fileName());
        losses.item(item, where, ITEM_HELD, url == null ? List.of() : List.of(url + " (image_url holds one reference)"), index);
    }

    private void reportAnnotation(Annotation a, String at) {
        boolean objects = task == Task.OBJECT_DETECTION || task == Task.INSTANCE_SEGMENTATION;
        losses.annotation(a, at, objects ? Set.of(SetFields.AnnotationField.CROWD) : Set.of());
    }
}
