package dev.labelport.formats.coco;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometries;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.MediaKind;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Tag;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.WriteContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a COCO dataset ({@code {"info", "licenses", "images", "annotations", "categories"}}) or
 * a COCO results array. Images go straight to the output as items arrive; annotations are
 * spilled to a temporary file and appended at {@link #finish()}, then the categories (small)
 * are written. Memory holds only the categories and their id mapping.
 */
final class CocoWriter implements ExportWriter {
    /** Annotation keys the writer produces itself; the same keys in the "coco" extension override them. */
    private static final Set<String> ANNOTATION_KEYS = Set.of("id", "image_id", "category_id", "segmentation", "area",
            "bbox", "iscrowd", "keypoints", "num_keypoints", "caption", "score", "attributes", CocoRecords.DERIVED);
    private static final Set<String> IMAGE_KEYS = Set.of("id", "file_name", "width", "height", "coco_url");
    private static final Set<String> CATEGORY_KEYS = Set.of("id", "name", "supercategory", "keypoints", "skeleton",
            "color", CocoRecords.ZERO_BASED_SKELETON);

    private static final Set<SetFields.ItemField> ITEM_FIELDS = EnumSet.of(SetFields.ItemField.FILE_NAME,
            SetFields.ItemField.URI, SetFields.ItemField.SIZE);
    private static final Set<SetFields.AnnotationField> ANNOTATION_FIELDS = EnumSet.of(SetFields.AnnotationField.ID,
            SetFields.AnnotationField.ATTRIBUTES, SetFields.AnnotationField.SCORE, SetFields.AnnotationField.CROWD);

    /** Which COCO file the writer produces. */
    enum Flavour { DATASET, RESULTS }

    private final Path output;
    private final WriteContext ctx;
    private final boolean pretty;
    private final Flavour requested;
    private final boolean annotationsFirst;
    /** Where images and annotations go: one is the output, the other the spill. */
    private JsonGenerator images;
    private JsonGenerator annotationsOut;
    private final JsonFactory factory = JsonSupport.factory(Limits.DEFAULTS);

    private boolean results;
    private FileChannel outChannel;
    private OutputStream out;
    private JsonGenerator g;
    private Path spillFile;
    private OutputStream spillOut;
    private JsonGenerator spill;

    // categories in first-met order, with the id written for each
    private final List<Category> categories = new ArrayList<>();
    private final List<Id> categoryIds = new ArrayList<>();
    private final Map<Category, Id> byIdentity = new IdentityHashMap<>();
    private final Map<Category, Id> byValue = new HashMap<>();
    private final Set<String> usedCategoryIds = new HashSet<>();
    private boolean keepCategoryIds;
    private long nextCategoryId = 1;

    private long items;
    private long annotations;
    private long nextAnnotationId = 1;
    private boolean synthesisedIds;
    private boolean finished;
    private boolean closed;

    CocoWriter(Path output, WriteContext ctx, boolean pretty, Flavour requested, boolean annotationsFirst) {
        this.output = output;
        this.ctx = ctx;
        this.pretty = pretty;
        this.requested = requested;
        this.annotationsFirst = annotationsFirst;
    }

    private ObjectWriteContext writeContext() {
        return pretty ? JsonSupport.pretty() : ObjectWriteContext.empty();
    }

    @Override
    public void begin(DatasetHeader header) {
        JsonObject ext = header.extension(CocoRecords.FORMAT);
        results = requested != null ? requested == Flavour.RESULTS : "results".equals(ext.string("flavour"));
        // Ids read from COCO stay as read; ids from other formats must be integers for COCO tools.
        boolean fromCoco = CocoRecords.FORMAT.equals(header.sourceFormat());
        keepCategoryIds = fromCoco || header.categories().stream().allMatch(c -> c.id().isIntegerLike());
        try {
            outChannel = FileChannel.open(output, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(outChannel), 1 << 16);
            g = factory.createGenerator(writeContext(), out);
            for (Category c : header.categories()) {
                categoryId(c);
            }
            if (results) {
                if (ext.has("info") || ext.has("licenses") || ext.has("extra") || header.name() != null) {
                    ctx.loss(LossCode.DROPPED_FIELD, "dataset", "the results flavour has no info, licenses or other"
                            + " top-level fields");
                }
                g.writeStartArray();
                return;
            }
            g.writeStartObject();
            if (ext.has("info")) {
                g.writeName("info");
                JsonSupport.writeValue(g, ext.get("info"));
            } else if (header.name() != null || header.sourceVersion() != null) {
                g.writeName("info");
                g.writeStartObject();
                if (header.name() != null) {
                    g.writeStringProperty("description", header.name());
                }
                if (header.sourceVersion() != null) {
                    g.writeStringProperty("version", header.sourceVersion());
                }
                g.writeEndObject();
            }
            if (ext.has("licenses")) {
                g.writeName("licenses");
                JsonSupport.writeValue(g, ext.get("licenses"));
            }
            JsonSupport.writeMembers(g, ext.object("extra"));
            g.writeName(annotationsFirst ? "annotations" : "images");
            g.writeStartArray();
            spillFile = ctx.tempDirectory() == null ? Files.createTempFile("labelport-coco-", ".json")
                    : Files.createTempFile(ctx.tempDirectory(), "labelport-coco-", ".json");
            spillOut = new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16);
            spill = factory.createGenerator(writeContext(), spillOut);
            // {"a":[...]}: nested like the real annotations array, so pretty printing indents alike
            spill.writeStartObject();
            spill.writeName("a");
            spill.writeStartArray();
            images = annotationsFirst ? spill : g;
            annotationsOut = annotationsFirst ? g : spill;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonIOException e) {
            throw io(e);
        }
    }

    @Override
    public void write(Item item) {
        try {
            if (item.kind() != MediaKind.IMAGE) {
                ctx.loss(LossCode.DROPPED_ITEM, "item " + item.id(), "COCO holds images, not " + item.kind());
                return;
            }
            reportItemFields(item);
            if (results) {
                writeResultItem(item);
            } else {
                writeImage(images, item);
                for (int i = 0; i < item.annotations().size(); i++) {
                    writeAnnotation(annotationsOut, item, item.annotations().get(i), i);
                }
            }
            items++;
        } catch (JacksonIOException e) {
            throw io(e);
        }
    }

    private void writeResultItem(Item item) {
        if (item.annotations().isEmpty()) {
            ctx.loss(LossCode.DROPPED_ITEM, "item " + item.id(), "the results flavour has no place for an image without"
                    + " annotations");
            return;
        }
        if (item.fileName() != null || item.width() != null || item.height() != null || item.uri() != null
                || !item.extension(CocoRecords.FORMAT).isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, "item " + item.id(), "the results flavour keeps only image ids"
                    + " (file name, size and image fields dropped)");
        }
        for (int i = 0; i < item.annotations().size(); i++) {
            writeAnnotation(g, item, item.annotations().get(i), i);
        }
    }

    private void writeImage(JsonGenerator g, Item item) {
        JsonObject ext = item.extension(CocoRecords.FORMAT);
        g.writeStartObject();
        g.writeName("id");
        writeId(g, item.id());
        if (!override(g, ext, "file_name") && item.fileName() != null) {
            g.writeStringProperty("file_name", item.fileName());
        }
        if (!override(g, ext, "width") && item.width() != null) {
            g.writeNumberProperty("width", item.width().intValue());
        }
        if (!override(g, ext, "height") && item.height() != null) {
            g.writeNumberProperty("height", item.height().intValue());
        }
        if (!override(g, ext, "coco_url") && item.uri() != null) {
            g.writeStringProperty("coco_url", item.uri());
        }
        writeRest(g, ext, IMAGE_KEYS);
        g.writeEndObject();
    }

    private void writeAnnotation(JsonGenerator a, Item item, Annotation ann, int index) {
        Geometry geometry = cocoGeometry(item, ann, index);
        if (geometry == null) {
            return;
        }
        reportAnnotationFields(item, ann, index);
        JsonObject ext = ann.extension(CocoRecords.FORMAT);
        JsonObject derived = ext.object(CocoRecords.DERIVED);
        a.writeStartObject();
        if (!override(a, ext, "id")) {
            if (ann.id() != null) {
                a.writeName("id");
                writeId(a, ann.id());
            } else if (!results) {
                a.writeNumberProperty("id", nextAnnotationId++);
                if (!synthesisedIds) {
                    synthesisedIds = true;
                    ctx.loss(LossCode.SYNTHESISED, where(item, ann, index), "annotations without ids numbered from 1");
                }
            }
        }
        a.writeName("image_id");
        writeId(a, item.id());
        if (!override(a, ext, "category_id") && ann.category() != null) {
            a.writeName("category_id");
            writeId(a, categoryId(ann.category()));
        }
        if (!override(a, ext, "segmentation")) {
            if (geometry instanceof Polygon pg) {
                writePolygon(a, pg);
            } else if (geometry instanceof Mask m) {
                writeMask(a, m);
            }
        }
        if (!override(a, ext, "area") && !results) {
            if (derived.has("area")) {
                a.writeName("area");
                JsonSupport.writeValue(a, derived.get("area"));
            } else {
                double area = CocoRecords.area(geometry, ann.objectBox());
                if (!Double.isNaN(area)) {
                    a.writeName("area");
                    JsonSupport.writeCoordinate(a, area);
                }
            }
        }
        if (!override(a, ext, "bbox")) {
            if (geometry instanceof Box b) {
                writeBox(a, b);
            } else if (ann.objectBox() != null) {
                writeBox(a, ann.objectBox()); // the object's box as the source stated it (a YOLO pose box, a COCO bbox)
            } else if (!results) {
                Box b = Geometries.bounds(geometry); // keypoints: the labelled ones
                if (b != null) {
                    writeBox(a, b);
                }
            }
        }
        boolean spatial = !(geometry instanceof Caption || geometry instanceof Tag);
        if (!override(a, ext, "iscrowd") && (ann.crowd() || spatial && !results)) {
            a.writeNumberProperty("iscrowd", ann.crowd() ? 1 : 0);
        }
        if (!override(a, ext, "keypoints") && geometry instanceof Keypoints k) {
            writeKeypoints(a, k);
        }
        if (!override(a, ext, "num_keypoints") && geometry instanceof Keypoints k && !results) {
            a.writeNumberProperty("num_keypoints", k.labelledCount());
        }
        if (!override(a, ext, "caption") && geometry instanceof Caption c) {
            a.writeStringProperty("caption", c.text());
        }
        if (!override(a, ext, "score") && ann.score() != null) {
            a.writeNumberProperty("score", ann.score().doubleValue());
        }
        if (!override(a, ext, "attributes") && !ann.attributes().isEmpty()) {
            a.writeName("attributes");
            JsonSupport.writeValue(a, ann.attributes());
        }
        writeRest(a, ext, ANNOTATION_KEYS);
        a.writeEndObject();
        annotations++;
    }

    /** The geometry as COCO holds it, reporting approximations; {@code null} when it is dropped. */
    private Geometry cocoGeometry(Item item, Annotation ann, int index) {
        Geometry g0 = ann.geometry();
        switch (g0.kind()) {
            case BOX, MASK, KEYPOINTS, CAPTION, TAG:
                return g0;
            case POLYGON: {
                Polygon pg = (Polygon) g0;
                if (pg.hasHoles()) {
                    ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where(item, ann, index), "polygon holes dropped (COCO"
                            + " polygons have none)");
                    List<Polygon.Part> shells = new ArrayList<>(pg.parts().size());
                    for (Polygon.Part p : pg.parts()) {
                        shells.add(new Polygon.Part(p.shell(), List.of()));
                    }
                    return new Polygon(shells);
                }
                return pg;
            }
            case ROTATED_BOX: {
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where(item, ann, index), "rotated box written as a polygon of"
                        + " its 4 corners");
                return Polygon.of(((RotatedBox) g0).corners());
            }
            default:
                ctx.loss(LossCode.DROPPED_GEOMETRY, where(item, ann, index), g0.kind().label() + " cannot be held in COCO");
                return null;
        }
    }

    private static void writePolygon(JsonGenerator a, Polygon pg) {
        a.writeName("segmentation");
        a.writeStartArray();
        for (Polygon.Part part : pg.parts()) {
            PointList s = part.shell();
            a.writeStartArray();
            for (int i = 0; i < s.coordinateCount(); i++) {
                JsonSupport.writeCoordinate(a, s.coordinate(i));
            }
            a.writeEndArray();
        }
        a.writeEndArray();
    }

    private static void writeMask(JsonGenerator a, Mask m) {
        a.writeName("segmentation");
        a.writeStartObject();
        a.writeName("size");
        a.writeStartArray();
        a.writeNumber(m.height());
        a.writeNumber(m.width());
        a.writeEndArray();
        if (m.isCompressed()) {
            a.writeStringProperty("counts", m.compressedCounts());
        } else {
            a.writeName("counts");
            a.writeStartArray();
            for (int c : m.counts()) {
                a.writeNumber(c);
            }
            a.writeEndArray();
        }
        a.writeEndObject();
    }

    private static void writeBox(JsonGenerator a, Box b) {
        a.writeName("bbox");
        a.writeStartArray();
        JsonSupport.writeCoordinate(a, b.x());
        JsonSupport.writeCoordinate(a, b.y());
        JsonSupport.writeCoordinate(a, b.width());
        JsonSupport.writeCoordinate(a, b.height());
        a.writeEndArray();
    }

    private static void writeKeypoints(JsonGenerator a, Keypoints k) {
        a.writeName("keypoints");
        a.writeStartArray();
        PointList pts = k.points();
        for (int i = 0; i < k.size(); i++) {
            JsonSupport.writeCoordinate(a, pts.x(i));
            JsonSupport.writeCoordinate(a, pts.y(i));
            a.writeNumber(k.visibility(i));
        }
        a.writeEndArray();
    }

    private static void writeId(JsonGenerator a, Id id) {
        if (id.numeric()) {
            a.writeNumber(id.text());
        } else {
            a.writeString(id.text());
        }
    }

    /** Writes {@code ext[key]} as read when present (a value the source wrote its own way). */
    private static boolean override(JsonGenerator a, JsonObject ext, String key) {
        JsonValue v = ext.get(key);
        if (v == null) {
            return false;
        }
        a.writeName(key);
        JsonSupport.writeValue(a, v);
        return true;
    }

    private static void writeRest(JsonGenerator a, JsonObject ext, Set<String> known) {
        for (Map.Entry<String, JsonValue> e : ext.members().entrySet()) {
            if (!known.contains(e.getKey())) {
                a.writeName(e.getKey());
                JsonSupport.writeValue(a, e.getValue());
            }
        }
    }

    // ---------------------------------------------------------------- categories

    private Id categoryId(Category c) {
        Id id = byIdentity.get(c);
        if (id != null) {
            return id;
        }
        id = byValue.get(c);
        if (id == null) {
            id = register(c);
            byValue.put(c, id);
        }
        byIdentity.put(c, id);
        return id;
    }

    private Id register(Category c) {
        Id id = c.id();
        if (!(keepCategoryIds || id.isIntegerLike()) || usedCategoryIds.contains(id.text())) {
            Id old = id;
            do {
                id = Id.of(nextCategoryId++);
            } while (usedCategoryIds.contains(id.text()));
            ctx.loss(LossCode.REINDEXED, "category " + old + " (" + c.name() + ")", "COCO category ids are integers and"
                    + " unique: " + old + " written as " + id.text());
        } else if (id.isIntegerLike()) {
            nextCategoryId = Math.max(nextCategoryId, Long.parseLong(id.text()) + 1);
        }
        usedCategoryIds.add(id.text());
        categories.add(c);
        categoryIds.add(id);
        reportCategoryFields(c);
        return id;
    }

    private void writeCategories() {
        g.writeName("categories");
        g.writeStartArray();
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            JsonObject ext = c.extension(CocoRecords.FORMAT);
            g.writeStartObject();
            g.writeName("id");
            writeId(g, categoryIds.get(i));
            g.writeStringProperty("name", c.name());
            if (!override(g, ext, "supercategory") && c.supercategory() != null) {
                g.writeStringProperty("supercategory", c.supercategory());
            }
            if (!override(g, ext, "color") && c.color() != null) {
                g.writeStringProperty("color", c.color());
            }
            if (!c.keypointNames().isEmpty() || !c.skeleton().isEmpty()) {
                g.writeName("keypoints");
                g.writeStartArray();
                for (String n : c.keypointNames()) {
                    g.writeString(n);
                }
                g.writeEndArray();
            }
            if (!override(g, ext, "skeleton") && !c.skeleton().isEmpty()) {
                int base = ext.has(CocoRecords.ZERO_BASED_SKELETON) ? 0 : 1;
                g.writeName("skeleton");
                g.writeStartArray();
                for (Category.Edge e : c.skeleton()) {
                    g.writeStartArray();
                    g.writeNumber(e.from() + base);
                    g.writeNumber(e.to() + base);
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            writeRest(g, ext, CATEGORY_KEYS);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    // ---------------------------------------------------------------- losses

    private static String where(Item item, Annotation ann, int index) {
        return "item " + item.id() + " annotation " + (ann.id() != null ? ann.id().toString() : "#" + index);
    }

    private void reportItemFields(Item item) {
        List<String> dropped = SetFields.unheld(item, ITEM_FIELDS);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, "item " + item.id(), "COCO images have no " + String.join(", ", dropped));
        }
    }

    private void reportAnnotationFields(Item item, Annotation ann, int index) {
        List<String> dropped = SetFields.unheld(ann, ANNOTATION_FIELDS);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where(item, ann, index), "COCO annotations have no " + String.join(", ", dropped));
        }
    }

    private void reportCategoryFields(Category c) {
        if (!c.attributeSchema().isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, "category " + c.id() + " (" + c.name() + ")", "COCO categories have no"
                    + " attribute schema");
        }
        if (results && (!c.name().equals(c.id().text()) || c.supercategory() != null || !c.keypointNames().isEmpty())) {
            ctx.loss(LossCode.DROPPED_FIELD, "category " + c.id() + " (" + c.name() + ")", "the results flavour keeps"
                    + " only category ids (name, supercategory and keypoint names dropped)");
        }
    }

    // ---------------------------------------------------------------- finish

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        try {
            if (results) {
                g.writeEndArray();
            } else {
                g.writeEndArray(); // images, or annotations when they come first
                spill.writeEndArray();
                spill.writeEndObject();
                spill.close();
                spillOut.close();
                spill = null;
                g.writeName(annotationsFirst ? "images" : "annotations");
                g.writeStartArray();
                g.flush();
                appendSpill();
                g.writeEndArray();
                writeCategories();
                g.writeEndObject();
            }
            g.close();
            out.close();
            g = null;
            finished = true;
            ctx.written(items, annotations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonIOException e) {
            throw io(e);
        }
    }

    /** Copies the spilled array's contents, without brackets and outer white space, into the open annotations array. */
    private void appendSpill() throws IOException {
        long from;
        long to;
        try (FileChannel ch = FileChannel.open(spillFile, StandardOpenOption.READ)) {
            from = 0;
            while (byteAt(ch, from) != '[') {
                from++;
            }
            from++;
            to = ch.size() - 1;
            while (byteAt(ch, to) != ']') {
                to--;
            }
            while (to > from && isWhitespace(byteAt(ch, to - 1))) {
                to--;
            }
        }
        out.flush();
        // a kernel-side copy: the spill can be hundreds of megabytes
        try (FileChannel in = FileChannel.open(spillFile, StandardOpenOption.READ)) {
            long pos = from;
            while (pos < to) {
                long n = in.transferTo(pos, to - pos, outChannel);
                if (n <= 0) {
                    throw new IOException("spill file " + spillFile + " shrank");
                }
                pos += n;
            }
        }
    }

    private static byte byteAt(FileChannel ch, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (ch.read(one, position) != 1) {
            throw new IOException("unexpected end of the spill file at " + position);
        }
        return one.get(0);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static UncheckedIOException io(JacksonIOException e) {
        IOException cause = e.getCause();
        return new UncheckedIOException(cause != null ? cause : new IOException(e.getMessage(), e));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (spill != null) {
                try {
                    spill.close();
                } catch (RuntimeException ignored) {
                    // abandoning the output: the spill file is deleted below
                }
            }
            if (spillOut != null) {
                spillOut.close();
            }
            if (g != null) {
                try {
                    g.close();
                } catch (RuntimeException ignored) {
                    // abandoning an unfinished output
                }
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spillFile != null) {
                try {
                    Files.deleteIfExists(spillFile);
                } catch (IOException e) {
                    spillFile.toFile().deleteOnExit();
                }
            }
        }
    }
}
