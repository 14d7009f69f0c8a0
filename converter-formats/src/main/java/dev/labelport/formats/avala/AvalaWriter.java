package dev.labelport.formats.avala;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.Cuboid;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.RotatedBox;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.WriteContext;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes an Avala export. Items arrive one at a time but the file lists all items (grouped by
 * dataset) before all results, so items and results are spilled to temporary
 * files as JSON text (two per dataset: its items and their results, so that results come out
 * in the order of the items) and copied into place by {@link #finish()}; only projects, labels
 * and the dataset table are held in memory.
 */
final class AvalaWriter implements ExportWriter {
    private static final String DEFAULT_SCHEME_VERSION = "1.0";

    private final Path output;
    private final WriteContext ctx;
    private final JsonFactory factory = JsonSupport.factory(Limits.DEFAULTS);
    private final boolean pretty;
    private final String synthesisedProject;
    private final String synthesisedDataset;

    private DatasetHeader header;
    private final Map<String, DatasetOut> datasets = new LinkedHashMap<>();
    private final Map<String, ProjectOut> projects = new LinkedHashMap<>();
    private final Map<Id, String> categoryProject = new HashMap<>();
    private boolean reportedProject, reportedDataset, reportedResult;
    private boolean closed;

    AvalaWriter(Path output, WriteContext ctx) {
        this.output = output;
        this.ctx = ctx;
        this.pretty = ctx.options().getBoolean(AvalaFormat.OPT_PRETTY, false);
        this.synthesisedProject = ctx.options().get(AvalaFormat.OPT_PROJECT_NAME, AvalaFormat.DEFAULT_SYNTHESISED);
        this.synthesisedDataset = ctx.options().get(AvalaFormat.OPT_DATASET_NAME, AvalaFormat.DEFAULT_SYNTHESISED);
    }

    /** Items or results written as a sequence of JSON values into a temporary file. */
    /**
     * Spilled records are written as root values separated by commas, so that a spill is an
     * array body that {@link #copy} can append as bytes.
     */
    private static final ObjectWriteContext COMMA_SEPARATED = new ObjectWriteContext.Base() {
        @Override
        public SerializableString getRootValueSeparator(SerializableString defaultSeparator) {
            return new SerializedString(",");
        }
    };

    private final class Spill {
        final Path file;
        final OutputStream out;
        final JsonGenerator g;

        Spill(String prefix) {
            try {
                file = ctx.tempDirectory() == null ? Files.createTempFile(prefix, ".json")
                        : Files.createTempFile(ctx.tempDirectory(), prefix, ".json");
                out = new BufferedOutputStream(Files.newOutputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a spill file", e);
            }
            g = factory.createGenerator(COMMA_SEPARATED, out);
        }

        void finishWriting() {
            g.close();
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void delete() {
            try {
                g.close();
            } catch (RuntimeException e) {
                // the spill is being thrown away
            }
            try {
                out.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spill file " + file, e);
            }
        }
    }

    private static final class DatasetOut {
        final String uid;
        final String name;
        final JsonObject extra;
        Spill items;
        Spill results;

        DatasetOut(String uid, String name, JsonObject extra) {
            this.uid = uid;
            this.name = name;
            this.extra = extra;
        }
    }

    private static final class ProjectOut {
        final String uid;
        final String name;
        final JsonObject extra;
        final Map<String, Category> labels = new LinkedHashMap<>();

        ProjectOut(String uid, String name, JsonObject extra) {
            this.uid = uid;
            this.name = name;
            this.extra = extra;
        }
    }

    private record ResultOut(String uid, String projectUid, JsonObject extra, List<Annotation> annotations) {
    }

    // ------------------------------------------------------------------ begin

    @Override
    public void begin(DatasetHeader h) {
        this.header = h;
        JsonObject ext = h.extension(AvalaFormat.ID);
        for (JsonObject d : entries(ext.get(Ext.DATASETS))) {
            String uid = d.string(Ext.UID);
            if (uid != null) {
                datasets.putIfAbsent(uid, new DatasetOut(uid, d.string(Ext.NAME), d.object(Ext.EXTRA)));
            }
        }
        for (JsonObject p : entries(ext.get(Ext.PROJECTS))) {
            String uid = p.string(Ext.UID);
            if (uid != null) {
                projects.putIfAbsent(uid, new ProjectOut(uid, p.string(Ext.NAME), p.object(Ext.EXTRA)));
            }
        }
        for (Category c : h.categories()) {
            register(c);
        }
    }

    private static List<JsonObject> entries(JsonValue v) {
        List<JsonObject> out = new ArrayList<>();
        if (v instanceof JsonArray a) {
            for (JsonValue e : a.values()) {
                if (e instanceof JsonObject o) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** The project a category's label goes to; adds the label there on first sight. */
    private String register(Category c) {
        String known = categoryProject.get(c.id());
        if (known != null) {
            return known;
        }
        JsonObject ext = c.extension(AvalaFormat.ID);
        String projectUid = ext.string(Ext.PROJECT_UID);
        String projectName = ext.string(Ext.PROJECT_NAME);
        String where = "category " + c.id();
        if (projectUid == null) {
            projectUid = synthesisedProject;
            projectName = synthesisedProject;
            if (!reportedProject) {
                reportedProject = true;
                ctx.loss(LossCode.SYNTHESISED, where, "categories without an Avala project were put in project \""
                        + synthesisedProject + "\"");
            }
        }
        String pn = projectName;
        ProjectOut project = projects.computeIfAbsent(projectUid, u -> new ProjectOut(u, pn, JsonObject.EMPTY));
        Id avalaId = ProjectInfo.categoryId(projectUid, c.name());
        if (!c.id().equals(avalaId)) {
            ctx.loss(LossCode.REINDEXED, where, "Avala has no category ids; \"" + c.name() + "\" is read back as " + avalaId);
        }
        if (c.supercategory() != null || !c.keypointNames().isEmpty() || !c.skeleton().isEmpty()
                || !c.attributeSchema().isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "supercategory, keypoint names, skeleton and attribute schema are not kept");
        }
        Category same = project.labels.get(c.name());
        if (same != null && !same.id().equals(c.id())) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "label \"" + c.name() + "\" of project \"" + projectUid
                    + "\" already stands for category " + same.id() + "; both are written as one label");
        } else if (same == null && !(ext.get(Ext.UNDECLARED) instanceof JsonBoolean b && b.value())) {
            project.labels.put(c.name(), c);
        }
        categoryProject.put(c.id(), projectUid);
        return projectUid;
    }

    // ------------------------------------------------------------------ write

    @Override
    public void write(Item item) {
        String uid = item.id().text();
        String where = "item " + item.id();
        reportItemLosses(item, where);
        DatasetOut ds = datasetOf(item, where);
        if (ds.items == null) {
            ds.items = new Spill("avala-items-");
            ds.results = new Spill("avala-results-");
        }
        JsonGenerator g = ds.items.g;
        JsonObject ext = item.extension(AvalaFormat.ID);
        g.writeStartObject();
        g.writeStringProperty("uid", uid);
        if (item.fileName() != null) {
            g.writeStringProperty("ref_id", item.fileName());
        }
        g.writeName("metadata");
        JsonSupport.writeValue(g, item.metadata());
        JsonSupport.writeMembers(g, ext.object(Ext.EXTRA));
        g.writeEndObject();

        long written = 0;
        for (ResultOut r : group(item, uid, ext, where)) {
            written += writeResult(ds.results.g, uid, r, where);
        }
        ctx.written(1, written);
    }

    private void reportItemLosses(Item item, String where) {
        if (item.width() != null || item.height() != null) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "image size " + item.width() + "x" + item.height());
        }
        dropped(item.uri() != null, where, "media URI");
        dropped(item.split() != null, where, "split");
        dropped(item.status() != null, where, "status");
        dropped(item.created() != null || item.updated() != null, where, "item timestamps");
        dropped(item.annotator() != null, where, "item annotator");
        dropped(item.text() != null, where, "item text");
    }

    private void dropped(boolean present, String where, String what) {
        if (present) {
            ctx.loss(LossCode.DROPPED_FIELD, where, what + " not kept");
        }
    }

    private DatasetOut datasetOf(Item item, String where) {
        String uid = item.extension(AvalaFormat.ID).string(Ext.DATASET_UID);
        if (uid != null) {
            return datasets.computeIfAbsent(uid, u -> new DatasetOut(u, item.dataset(), JsonObject.EMPTY));
        }
        String name = item.dataset() != null ? item.dataset() : synthesisedDataset;
        if (!reportedDataset) {
            reportedDataset = true;
            ctx.loss(LossCode.SYNTHESISED, where, item.dataset() != null
                    ? "dataset uids were made from dataset names"
                    : "items without a dataset were put in dataset \"" + synthesisedDataset + "\"");
        }
        return datasets.computeIfAbsent(name, u -> new DatasetOut(u, name, JsonObject.EMPTY));
    }

    /** The item's results: those it was read with, in order, then any needed for annotations from elsewhere. */
    private List<ResultOut> group(Item item, String itemUid, JsonObject ext, String where) {
        List<ResultOut> out = new ArrayList<>();
        for (JsonObject r : entries(ext.get(Ext.RESULTS))) {
            out.add(new ResultOut(r.string(Ext.UID), r.string(Ext.PROJECT_UID), r.object(Ext.EXTRA), new ArrayList<>()));
        }
        int n = 0;
        for (Annotation a : item.annotations()) {
            String aw = where + " annotation " + (a.id() != null ? a.id() : "#" + n);
            n++;
            if (!writable(a, aw)) {
                continue;
            }
            String projectUid = register(a.category());
            ResultOut target = null;
            if (a.extension(AvalaFormat.ID).get(Ext.RESULT) instanceof JsonNumber idx && idx.isIntegral()) {
                long i = idx.longValue();
                if (i >= 0 && i < out.size() && projectUid.equals(out.get((int) i).projectUid())) {
                    target = out.get((int) i);
                }
            }
            if (target == null) {
                for (ResultOut r : out) {
                    if (projectUid.equals(r.projectUid())) {
                        target = r;
                        break;
                    }
                }
            }
            if (target == null) {
                target = new ResultOut(itemUid + ":" + projectUid, projectUid, JsonObject.EMPTY, new ArrayList<>());
                out.add(target);
                if (!reportedResult) {
                    reportedResult = true;
                    ctx.loss(LossCode.SYNTHESISED, aw, "result uids were made from item and project uids");
                }
            }
            target.annotations().add(a);
        }
        out.removeIf(r -> r.projectUid() == null);
        return out;
    }

    private boolean writable(Annotation a, String where) {
        Geometry g = a.geometry();
        switch (g.kind()) {
            case MASK, CAPTION, TEXT_SPAN, TOKEN_TAGS -> {
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, "Avala exports hold no " + g.kind().label());
                return false;
            }
            default -> {
                if (a.category() == null) {
                    ctx.loss(LossCode.DROPPED_GEOMETRY, where, "an Avala annotation needs a label; this one has no category");
                    return false;
                }
                return true;
            }
        }
    }

    private long writeResult(JsonGenerator g, String itemUid, ResultOut r, String where) {
        g.writeStartObject();
        if (r.uid() != null) {
            g.writeStringProperty("uid", r.uid());
        }
        g.writeStringProperty("dataset_item_uid", itemUid);
        g.writeStringProperty("project_uid", r.projectUid());
        g.writeArrayPropertyStart("annotations");
        for (Annotation a : r.annotations()) {
            writeAnnotation(g, a, where + " annotation " + (a.id() != null ? a.id() : "(no id)"));
        }
        g.writeEndArray();
        JsonSupport.writeMembers(g, r.extra());
        g.writeEndObject();
        return r.annotations().size();
    }

    // ------------------------------------------------------------------ annotations

    private void writeAnnotation(JsonGenerator g, Annotation a, String where) {
        reportAnnotationLosses(a, where);
        JsonObject ext = a.extension(AvalaFormat.ID);
        Geometry geo = a.geometry();
        if (geo instanceof Polygon poly) {
            if (poly.hasHoles()) {
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "polygon holes dropped (Avala polygons are one ring)");
            }
            if (poly.parts().size() > 1) {
                ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "polygon of " + poly.parts().size()
                        + " parts written as as many polygon annotations");
            }
            for (int i = 0; i < poly.parts().size(); i++) {
                PointList ring = poly.parts().get(i).shell();
                annotation(g, a, i == 0, AnnotationReader.POLYGON, ext, () -> vertices(g, ring));
            }
            return;
        }
        if (geo instanceof Box b) {
            annotation(g, a, true, AnnotationReader.BOX, ext, () -> {
                g.writeObjectPropertyStart("coordinates");
                number(g, "x", b.x());
                number(g, "y", b.y());
                number(g, "width", b.width());
                number(g, "height", b.height());
                JsonSupport.writeMembers(g, ext.object("coordinates" + Ext.EXTRA_SUFFIX));
                g.writeEndObject();
            });
        } else if (geo instanceof Polyline line) {
            annotation(g, a, true, AnnotationReader.POLYLINE, ext, () -> vertices(g, line.points()));
        } else if (geo instanceof Cuboid c) {
            annotation(g, a, true, AnnotationReader.CUBOID, ext, () -> cuboid(g, c, ext));
        } else if (geo instanceof Keypoints k) {
            annotation(g, a, true, AnnotationReader.KEYPOINTS, ext, () -> keypoints(g, k, ext));
        } else if (geo instanceof Points pts) {
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "points written as keypoints, all visible");
            int[] visible = new int[pts.points().size()];
            java.util.Arrays.fill(visible, 2);
            Keypoints k = Keypoints.of(pts.points(), visible);
            annotation(g, a, true, AnnotationReader.KEYPOINTS, ext, () -> keypoints(g, k, JsonObject.EMPTY));
        } else if (geo instanceof RotatedBox rb) {
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "rotated box written as the polygon of its corners");
            annotation(g, a, true, AnnotationReader.POLYGON, ext, () -> vertices(g, rb.corners()));
        } else {
            annotation(g, a, true, AnnotationReader.CLASSIFICATION, ext, () -> { });
        }
    }

    private void reportAnnotationLosses(Annotation a, String where) {
        if (a.score() != null) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "score " + a.score() + " not kept");
        }
        dropped(a.crowd(), where, "crowd flag");
        dropped(a.groupId() != null, where, "group id");
        dropped(a.trackId() != null, where, "track id");
        dropped(a.status() != null, where, "status");
        dropped(a.updated() != null, where, "update time");
        dropped(a.removed(), where, "removed flag");
        dropped(a.annotator() != null && a.annotator().name() != null, where, "annotator name");
        // beside a shape the box is the shape's own (derived, like COCO's bbox of a polygon); beside
        // keypoints it is the object's extent, which the points do not give
        dropped(a.objectBox() != null && a.geometry() instanceof Keypoints, where, "object box beside the keypoints");
    }

    private void annotation(JsonGenerator g, Annotation a, boolean first, String type, JsonObject ext, Runnable geometry) {
        g.writeStartObject();
        if (first && a.id() != null) {
            g.writeStringProperty("uid", a.id().text());
        }
        g.writeStringProperty("type", type);
        g.writeStringProperty("label", a.category().name());
        geometry.run();
        g.writeName("attributes");
        JsonSupport.writeValue(g, a.attributes());
        if (a.annotator() != null && a.annotator().id() != null) {
            g.writeStringProperty("created_by", a.annotator().id());
        }
        if (a.created() != null) {
            g.writeStringProperty("created_at", a.created().raw());
        }
        JsonSupport.writeMembers(g, ext.object(Ext.EXTRA));
        g.writeEndObject();
    }

    private static void vertices(JsonGenerator g, PointList pts) {
        g.writeArrayPropertyStart("vertices");
        for (int i = 0; i < pts.size(); i++) {
            g.writeStartArray();
            JsonSupport.writeCoordinate(g, pts.x(i));
            JsonSupport.writeCoordinate(g, pts.y(i));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void cuboid(JsonGenerator g, Cuboid c, JsonObject ext) {
        g.writeObjectPropertyStart("center");
        number(g, "x", c.cx());
        number(g, "y", c.cy());
        number(g, "z", c.cz());
        JsonSupport.writeMembers(g, ext.object("center" + Ext.EXTRA_SUFFIX));
        g.writeEndObject();
        g.writeObjectPropertyStart("dimensions");
        number(g, "length", c.length());
        number(g, "width", c.width());
        number(g, "height", c.height());
        JsonSupport.writeMembers(g, ext.object("dimensions" + Ext.EXTRA_SUFFIX));
        g.writeEndObject();
        g.writeObjectPropertyStart("rotation");
        number(g, "yaw", c.yaw());
        number(g, "pitch", c.pitch());
        number(g, "roll", c.roll());
        JsonSupport.writeMembers(g, ext.object("rotation" + Ext.EXTRA_SUFFIX));
        g.writeEndObject();
    }

    private static void keypoints(JsonGenerator g, Keypoints k, JsonObject ext) {
        List<JsonValue> names = ext.get(Ext.POINT_NAMES) instanceof JsonArray a && a.size() == k.size() ? a.values() : null;
        g.writeArrayPropertyStart("points");
        PointList pts = k.points();
        for (int i = 0; i < k.size(); i++) {
            g.writeStartObject();
            number(g, "x", pts.x(i));
            number(g, "y", pts.y(i));
            g.writeNumberProperty("visibility", k.visibility(i));
            if (names != null && names.get(i) instanceof dev.labelport.json.JsonString s) {
                g.writeStringProperty("name", s.value());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, double v) {
        g.writeName(name);
        JsonSupport.writeCoordinate(g, v);
    }

    // ------------------------------------------------------------------ finish

    @Override
    public void finish() {
        if (header == null) {
            throw new IllegalStateException("begin was not called");
        }
        for (DatasetOut d : datasets.values()) {
            if (d.items != null) {
                d.items.finishWriting();
                d.results.finishWriting();
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
            JsonGenerator g = factory.createGenerator(pretty ? JsonSupport.pretty() : ObjectWriteContext.empty(), out);
            JsonObject ext = header.extension(AvalaFormat.ID);
            g.writeStartObject();
            String version = schemeVersion();
            if (version != null) {
                g.writeStringProperty("scheme_version", version);
            }
            writeExportInfo(g, ext);
            g.writeArrayPropertyStart("datasets");
            for (DatasetOut d : datasets.values()) {
                g.writeStartObject();
                g.writeStringProperty("uid", d.uid);
                if (d.name != null) {
                    g.writeStringProperty("name", d.name);
                }
                g.writeArrayPropertyStart("items");
                if (d.items != null) {
                    copy(d.items.file, g, out, false);
                }
                g.writeEndArray();
                JsonSupport.writeMembers(g, d.extra);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("projects");
            for (ProjectOut p : projects.values()) {
                writeProject(g, p);
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("results");
            boolean more = false;
            for (DatasetOut d : datasets.values()) {
                if (d.results != null) {
                    more |= copy(d.results.file, g, out, more);
                }
            }
            g.writeEndArray();
            JsonSupport.writeMembers(g, ext.object(Ext.EXTRA));
            g.writeEndObject();
            g.close();
            if (pretty) {
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
    }

    private String schemeVersion() {
        String from = header.sourceFormat();
        if (AvalaFormat.ID.equals(from) || from == null && header.sourceVersion() != null) {
            return header.sourceVersion();
        }
        ctx.loss(LossCode.SYNTHESISED, "scheme_version", "scheme_version set to " + DEFAULT_SCHEME_VERSION);
        return DEFAULT_SCHEME_VERSION;
    }

    private void writeExportInfo(JsonGenerator g, JsonObject ext) {
        JsonObject info = ext.object(Ext.EXPORT_INFO);
        g.writeObjectPropertyStart("export_info");
        g.writeName("name");
        JsonSupport.writeValue(g, header.name() != null ? JsonValue.of(header.name())
                : info.has("name") ? info.get("name") : JsonValue.of((String) null));
        g.writeName("created_at");
        if (info.has("created_at")) {
            JsonSupport.writeValue(g, info.get("created_at"));
        } else {
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            ctx.loss(LossCode.SYNTHESISED, "export_info.created_at", "export time set to the time of writing, " + now);
            g.writeString(now);
        }
        g.writeName("format");
        JsonSupport.writeValue(g, info.has("format") ? info.get("format") : JsonValue.of(AvalaFormat.EXPORT_FORMAT));
        g.writeName("filter_query_string");
        JsonSupport.writeValue(g, info.has("filter_query_string") ? info.get("filter_query_string")
                : JsonValue.of((String) null));
        for (Map.Entry<String, JsonValue> e : info.members().entrySet()) {
            switch (e.getKey()) {
                case "name", "created_at", "format", "filter_query_string" -> { }
                default -> {
                    g.writeName(e.getKey());
                    JsonSupport.writeValue(g, e.getValue());
                }
            }
        }
        g.writeEndObject();
    }

    private static void writeProject(JsonGenerator g, ProjectOut p) {
        g.writeStartObject();
        g.writeStringProperty("uid", p.uid);
        if (p.name != null) {
            g.writeStringProperty("name", p.name);
        }
        g.writeArrayPropertyStart("labels");
        for (Category c : p.labels.values()) {
            g.writeStartObject();
            g.writeStringProperty("name", c.name());
            if (c.color() != null) {
                g.writeStringProperty("color", c.color());
            }
            JsonSupport.writeMembers(g, c.extension(AvalaFormat.ID).object(Ext.LABEL_EXTRA));
            g.writeEndObject();
        }
        g.writeEndArray();
        JsonSupport.writeMembers(g, p.extra);
        g.writeEndObject();
    }

    /** Copies every JSON value of a spill file into {@code g}, numbers in their written form. */
    /**
     * Appends a spill's records to the array {@code g} has open; returns whether it held any. In
     * compact output the bytes are copied as they are (a spill is a comma-separated array body);
     * pretty output re-reads the tokens so that they are indented like the rest.
     */
    private boolean copy(Path spill, JsonGenerator g, OutputStream out, boolean afterOthers) throws IOException {
        if (Files.size(spill) == 0) {
            return false;
        }
        if (!pretty) {
            g.flush(); // the array's '[' (and what came before) must reach the stream first
            if (afterOthers) {
                out.write(',');
            }
            Files.copy(spill, out);
            return true;
        }
        // the spill is an array body: read it as [body] and copy what is inside the brackets
        try (InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(new byte[] {'['}), Files.newInputStream(spill),
                new ByteArrayInputStream(new byte[] {']'}))));
             JsonParser p = factory.createParser(ObjectReadContext.empty(), in)) {
            p.nextToken(); // [
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null && !(depth == 0 && t == JsonToken.END_ARRAY)) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
                switch (t) {
                    case START_OBJECT -> g.writeStartObject();
                    case END_OBJECT -> g.writeEndObject();
                    case START_ARRAY -> g.writeStartArray();
                    case END_ARRAY -> g.writeEndArray();
                    case PROPERTY_NAME -> g.writeName(p.currentName());
                    case VALUE_STRING -> g.writeString(p.getString());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getString());
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> throw new IllegalStateException("unexpected token in spill file: " + t);
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        UncheckedIOException failure = null;
        List<Spill> spills = new ArrayList<>();
        for (DatasetOut d : datasets.values()) {
            if (d.items != null) {
                spills.add(d.items);
            }
            if (d.results != null) {
                spills.add(d.results);
            }
        }
        for (Spill s : spills) {
            try {
                s.delete();
            } catch (UncheckedIOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
