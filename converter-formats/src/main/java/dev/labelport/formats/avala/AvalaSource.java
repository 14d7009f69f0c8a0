package dev.labelport.formats.avala;

import dev.labelport.ErrorPolicy;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.ChildBuckets;
import dev.labelport.internal.FileSlices;
import dev.labelport.internal.GroupingIndex;
import dev.labelport.internal.IntList;
import dev.labelport.internal.JsonFields;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.RecordOrigin;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads an Avala export in two passes and bounded memory. The first pass streams the whole file
 * once: it keeps the small parts (export info, projects and their labels, the dataset table) and
 * records only the byte range of each item and each result, grouping results under their item's
 * uid. The second pass, one {@link #next()} at a time, walks the items in file order and parses
 * each item and its results again from their byte ranges.
 */
final class AvalaSource implements AnnotationSource {
    private record DatasetInfo(String uid, String name, JsonObject extra) {
    }

    private final Path file;
    private final ReadContext ctx;
    private final String source;
    private final JsonFactory factory;
    private final JsonFields fields;
    private final AnnotationReader annotations;
    private final int[] categoryCount = new int[1];

    private final GroupingIndex index = new GroupingIndex();
    private final IntList itemDataset = new IntList(1024);   // per item record: index into datasets
    private final IntList itemPosition = new IntList(1024);  // per item record: index in its items array
    private final IntList resultPosition = new IntList(1024); // per result record: index in results[]
    private final IntList resultProject = new IntList(1024);  // per result record: index into projectRefs
    private final List<String> projectRefs = new ArrayList<>();
    private final Map<String, Integer> projectRefIndex = new HashMap<>();
    private final IntList projectFirstUse = new IntList(16); // per project ref: first result record using it

    private final List<DatasetInfo> datasets = new ArrayList<>();
    private final Map<String, ProjectInfo> projects = new LinkedHashMap<>();
    private String schemeVersion;
    private JsonValue exportInfo;
    private final JsonObject.Builder topExtra = JsonObject.builder();

    private DatasetHeader header;
    private FileSlices slices;
    private ChildBuckets children;
    /** Shuffled results are regrouped into buckets of about this size (one is in memory at a time). */
    private static final long BUCKET_BYTES = 4L << 20;
    private int cursor;
    private boolean closed;

    private AvalaSource(Path file, ReadContext ctx) {
        this.file = file;
        this.ctx = ctx;
        this.source = ctx.sourceName();
        this.factory = JsonSupport.factory(ctx.limits());
        this.fields = new JsonFields(source);
        this.annotations = new AnnotationReader(ctx, categoryCount);
    }

    static AvalaSource open(Path file, ReadContext ctx) {
        AvalaSource s = new AvalaSource(file, ctx);
        try {
            s.scan();
            s.index.seal();
            s.slices = new FileSlices(file);
            s.checkReferences();
            s.children = ChildBuckets.prepare(file, s.index, ctx.tempDirectory(), BUCKET_BYTES);
            s.header = s.buildHeader();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        if (closed) {
            throw new IllegalStateException("source is closed");
        }
        while (cursor < index.parentCount()) {
            int item = cursor++;
            try {
                return readItem(item);
            } catch (InvalidInputException e) {
                ctx.invalid(e); // throws under FAIL; under SKIP the item is left out
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (slices != null) {
            slices.close();
        }
        if (children != null) {
            children.close();
        }
    }

    // ------------------------------------------------------------------ first pass

    private void scan() {
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = factory.createParser(ObjectReadContext.empty(), in)) {
            try {
                scanRoot(p);
            } catch (JacksonIOException e) {
                throw new UncheckedIOException(e.getCause() != null ? e.getCause() : new IOException(e));
            } catch (JacksonException e) {
                throw JsonSupport.translate(e, p, source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void scanRoot(JsonParser p) {
        p.nextToken();
        fields.expect(p, JsonToken.START_OBJECT, "an Avala export object");
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "scheme_version" -> schemeVersion = fields.scalarText(p);
                case "export_info" -> {
                    if (t != JsonToken.VALUE_NULL) {
                        fields.expect(p, JsonToken.START_OBJECT, "an object");
                    }
                    exportInfo = JsonSupport.readValue(p);
                }
                case "datasets" -> scanArray(p, "an array of datasets", this::scanDataset);
                case "projects" -> scanArray(p, "an array of projects", this::readProject);
                case "results" -> scanArray(p, "an array of results", this::scanResult);
                default -> topExtra.put(name, JsonSupport.readValue(p));
            }
        }
        if (p.nextToken() != null) {
            throw JsonSupport.invalid(p, source, "unexpected content after the export object");
        }
    }

    private interface Element {
        void read(JsonParser p, int position);
    }

    private void scanArray(JsonParser p, String what, Element element) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        fields.expect(p, JsonToken.START_ARRAY, what);
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            element.read(p, i++);
        }
    }

    private void scanDataset(JsonParser p, int position) {
        fields.expect(p, JsonToken.START_OBJECT, "a dataset object");
        Location start = JsonSupport.location(p, source);
        String uid = null;
        String dsName = null;
        JsonObject.Builder extra = JsonObject.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "uid" -> uid = fields.scalarText(p);
                case "name" -> dsName = fields.string(p);
                case "items" -> scanArray(p, "an array of items", (q, k) -> scanItem(q, position, k));
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (uid == null) {
            throw new InvalidInputException(start, "dataset without a uid");
        }
        datasets.add(new DatasetInfo(uid, dsName, extra.build()));
    }

    private void scanItem(JsonParser p, int dataset, int position) {
        fields.expect(p, JsonToken.START_OBJECT, "an item object");
        // locations are built only on error: this runs once per item of a possibly huge file
        TokenStreamLocation start = p.currentTokenLocation();
        String uid = null;
        TokenStreamLocation uidAt = null;
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            if (name.equals("uid")) {
                uidAt = p.currentTokenLocation();
                uid = fields.scalarText(p);
            } else {
                p.skipChildren();
            }
        }
        int length = length(p, start);
        String path = "datasets[" + dataset + "].items[" + position + "]";
        if (uid == null) {
            ctx.invalid(new InvalidInputException(at(start, path), "item without a uid"));
            return;
        }
        int ordinal = index.ordinal(uid);
        if (!index.addParent(ordinal, start.getByteOffset(), length, line(start), start.getColumnNr())) {
            ctx.invalid(new InvalidInputException(at(uidAt, path + ".uid"), "duplicate item uid \"" + uid + "\""));
            return;
        }
        itemDataset.add(dataset);
        itemPosition.add(position);
    }

    private void scanResult(JsonParser p, int position) {
        fields.expect(p, JsonToken.START_OBJECT, "a result object");
        TokenStreamLocation start = p.currentTokenLocation();
        String itemUid = null;
        String projectUid = null;
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "dataset_item_uid" -> itemUid = fields.scalarText(p);
                case "project_uid" -> projectUid = fields.scalarText(p);
                default -> p.skipChildren();
            }
        }
        int length = length(p, start);
        if (itemUid == null || projectUid == null) {
            ctx.invalid(new InvalidInputException(at(start, "results[" + position + "]."
                    + (itemUid == null ? "dataset_item_uid" : "project_uid")),
                    "result without " + (itemUid == null ? "dataset_item_uid" : "project_uid")));
            return;
        }
        Integer ref = projectRefIndex.get(projectUid);
        if (ref == null) {
            ref = projectRefs.size();
            projectRefIndex.put(projectUid, ref);
            projectRefs.add(projectUid);
            projectFirstUse.add(index.childCount());
        }
        resultProject.add(ref);
        resultPosition.add(position);
        index.addChild(index.ordinal(itemUid), start.getByteOffset(), length, line(start), start.getColumnNr());
    }

    private void readProject(JsonParser p, int position) {
        fields.expect(p, JsonToken.START_OBJECT, "a project object");
        Location start = JsonSupport.location(p, source);
        String uid = null;
        String projectName = null;
        List<Object[]> labels = new ArrayList<>();
        JsonObject.Builder extra = JsonObject.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "uid" -> uid = fields.scalarText(p);
                case "name" -> projectName = fields.string(p);
                case "labels" -> scanArray(p, "an array of labels", (q, k) -> labels.add(readLabel(q)));
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (uid == null) {
            throw new InvalidInputException(start, "project without a uid");
        }
        if (projects.containsKey(uid)) {
            throw new InvalidInputException(start, "duplicate project uid \"" + uid + "\"");
        }
        ProjectInfo project = new ProjectInfo(uid, projectName, extra.build());
        for (Object[] label : labels) {
            String labelName = (String) label[0];
            if (project.labels.containsKey(labelName)) {
                // annotations name their label, so both declarations are the same category: the first stands
                ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, (Location) label[3], "duplicate label \"" + labelName
                        + "\" in project \"" + uid + "\": the first declaration is used");
                continue;
            }
            project.declare(labelName, (String) label[1], (JsonObject) label[2]);
        }
        projects.put(uid, project);
    }

    /** {name, color, extra, location}. */
    private Object[] readLabel(JsonParser p) {
        fields.expect(p, JsonToken.START_OBJECT, "a label object");
        Location start = JsonSupport.location(p, source);
        if (++categoryCount[0] > ctx.limits().maxCategories()) {
            throw new LimitExceededException(start, "more than " + ctx.limits().maxCategories() + " categories");
        }
        String labelName = null;
        String color = null;
        JsonObject.Builder extra = JsonObject.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "name" -> labelName = fields.string(p);
                case "color" -> color = fields.scalarText(p);
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (labelName == null) {
            throw new InvalidInputException(start, "label without a name");
        }
        return new Object[] {labelName, color, extra.build(), start};
    }

    private int length(JsonParser p, TokenStreamLocation start) {
        long end = p.currentTokenLocation().getByteOffset();
        long length = end - start.getByteOffset() + 1;
        if (start.getByteOffset() < 0 || end < 0) {
            throw new IllegalStateException("the parser reports no byte offsets");
        }
        if (length > Integer.MAX_VALUE) {
            throw new LimitExceededException(JsonSupport.location(p, source), "a record larger than 2 GiB");
        }
        return (int) length;
    }

    private Location at(TokenStreamLocation loc, String path) {
        return new Location(source, loc.getLineNr(), loc.getColumnNr(), loc.getByteOffset(), path);
    }

    private static int line(TokenStreamLocation loc) {
        return loc.getLineNr();
    }

    // ------------------------------------------------------------------ references

    private void checkReferences() {
        int danglingItem = index.firstDanglingChild();
        int danglingProject = -1;
        for (int r = 0; r < projectRefs.size(); r++) {
            if (!projects.containsKey(projectRefs.get(r))) {
                int c = projectFirstUse.get(r);
                danglingProject = danglingProject < 0 ? c : Math.min(danglingProject, c);
            }
        }
        if (ctx.errorPolicy() == ErrorPolicy.FAIL) {
            if (danglingItem >= 0 && (danglingProject < 0 || danglingItem < danglingProject)) {
                throw danglingItem(danglingItem);
            }
            if (danglingProject >= 0) {
                throw danglingProject(danglingProject);
            }
            return;
        }
        if (danglingItem >= 0) {
            for (int c = danglingItem; c < index.childCount(); c++) {
                if (!index.hasParent(c)) {
                    ctx.invalid(danglingItem(c));
                }
            }
        }
        // results of unknown projects are reported one by one as the second pass meets them
    }

    private InvalidInputException danglingItem(int child) {
        String[] uid = new String[1];
        Location at = locateField(child, "dataset_item_uid", uid);
        return new InvalidInputException(at, "result refers to item \"" + uid[0] + "\", which no dataset lists");
    }

    private InvalidInputException danglingProject(int child) {
        String[] uid = new String[1];
        Location at = locateField(child, "project_uid", uid);
        return new InvalidInputException(at, "result refers to project \"" + uid[0] + "\", which is not among the projects");
    }

    /** The absolute location of a top-level field of a result, and its value. */
    private Location locateField(int child, String field, String[] value) {
        RecordOrigin slice = resultSlice(child);
        return inSlice(slice, index.childOffset(child), index.childLength(child), p -> {
            String name;
            while ((name = p.nextName()) != null) {
                p.nextToken();
                if (name.equals(field)) {
                    value[0] = p.getString();
                    return slice.absolute(JsonSupport.location(p, source));
                }
                p.skipChildren();
            }
            return slice.absolute(JsonSupport.location(p, source));
        });
    }

    private RecordOrigin resultSlice(int child) {
        return new RecordOrigin(source, index.childOffset(child), index.childLine(child), index.childColumn(child),
                "results[" + resultPosition.get(child) + "]");
    }

    // ------------------------------------------------------------------ header

    private DatasetHeader buildHeader() {
        List<Category> categories = new ArrayList<>();
        List<JsonValue> projectEntries = new ArrayList<>();
        for (ProjectInfo p : projects.values()) {
            categories.addAll(p.labels.values());
            projectEntries.add(entry(p.uid, p.name, p.extra));
        }
        List<JsonValue> datasetEntries = new ArrayList<>();
        for (DatasetInfo d : datasets) {
            datasetEntries.add(entry(d.uid(), d.name(), d.extra()));
        }
        JsonObject.Builder ext = JsonObject.builder();
        if (exportInfo != null) {
            ext.put(Ext.EXPORT_INFO, exportInfo);
        }
        ext.put(Ext.DATASETS, new JsonArray(datasetEntries));
        ext.put(Ext.PROJECTS, new JsonArray(projectEntries));
        JsonObject extra = topExtra.build();
        if (!extra.isEmpty()) {
            ext.put(Ext.EXTRA, extra);
        }
        String name = exportInfo instanceof JsonObject ei ? ei.string("name") : null;
        return new DatasetHeader(name, AvalaFormat.ID, schemeVersion, categories,
                JsonObject.builder().put(AvalaFormat.ID, ext.build()).build());
    }

    private static JsonObject entry(String uid, String name, JsonObject extra) {
        JsonObject.Builder b = JsonObject.builder().put(Ext.UID, uid);
        if (name != null) {
            b.put(Ext.NAME, name);
        }
        if (!extra.isEmpty()) {
            b.put(Ext.EXTRA, extra);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ second pass

    private interface SliceBody<T> {
        T read(JsonParser p);
    }

    /** Parses a byte range of the input; errors come out located in the whole file. */
    private <T> T inSlice(RecordOrigin slice, long offset, int length, SliceBody<T> body) {
        slices.read(offset, length);
        return parse(slice, slices.buffer(), slices.offset(), length, body);
    }

    /** Parses a result, from its bucket when shuffled results were regrouped. */
    private <T> T inChild(RecordOrigin slice, int child, SliceBody<T> body) {
        children.read(child);
        return parse(slice, children.buffer(), children.offset(), index.childLength(child), body);
    }

    private <T> T parse(RecordOrigin slice, byte[] bytes, int from, int length, SliceBody<T> body) {
        JsonParser p = factory.createParser(ObjectReadContext.empty(), bytes, from, length);
        try {
            p.nextToken();
            return body.read(p);
        } catch (JacksonException e) {
            throw slice.absolute(JsonSupport.translate(e, p, source));
        } catch (IllegalArgumentException e) { // a model constructor refused a value the reader let through
            throw slice.absolute(JsonSupport.invalid(p, source, e.getMessage()));
        } catch (LabelportException e) {
            throw slice.absolute(e);
        } finally {
            p.close();
        }
    }

    private Item readItem(int record) {
        int dataset = itemDataset.get(record);
        DatasetInfo ds = datasets.get(dataset);
        RecordOrigin slice = new RecordOrigin(source, index.parentOffset(record), index.parentLine(record), index.parentColumn(record),
                "datasets[" + dataset + "].items[" + itemPosition.get(record) + "]");
        ParsedItem parsed = inSlice(slice, index.parentOffset(record), index.parentLength(record), this::parseItem);
        JsonObject.Builder ext = JsonObject.builder().put(Ext.DATASET_UID, ds.uid());
        List<JsonValue> results = new ArrayList<>();
        List<Annotation> anns = new ArrayList<>();
        int ordinal = index.parentOrdinal(record);
        for (int pos = index.childStart(ordinal); pos < index.childEnd(ordinal); pos++) {
            int child = index.sortedChild(pos);
            try {
                List<Annotation> got = new ArrayList<>();
                JsonObject ref = readResult(child, results.size(), got);
                results.add(ref);
                anns.addAll(got);
            } catch (InvalidInputException e) {
                ctx.invalid(e); // under SKIP, the result is left out and the item kept
            }
        }
        if (!results.isEmpty()) {
            ext.put(Ext.RESULTS, new JsonArray(results));
        }
        if (!parsed.extra().isEmpty()) {
            ext.put(Ext.EXTRA, parsed.extra());
        }
        return parsed.item().dataset(ds.name()).annotations(anns)
                .extensions(JsonObject.builder().put(AvalaFormat.ID, ext.build()).build()).build();
    }

    private record ParsedItem(Item.Builder item, JsonObject extra) {
    }

    private ParsedItem parseItem(JsonParser p) {
        fields.expect(p, JsonToken.START_OBJECT, "an item object");
        String uid = null;
        String refId = null;
        JsonObject metadata = JsonObject.EMPTY;
        JsonObject.Builder extra = JsonObject.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "uid" -> uid = fields.scalarText(p);
                case "ref_id" -> refId = fields.scalarText(p);
                case "metadata" -> {
                    if (p.currentToken() != JsonToken.VALUE_NULL) {
                        fields.expect(p, JsonToken.START_OBJECT, "an object");
                        metadata = (JsonObject) JsonSupport.readValue(p);
                    }
                }
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        return new ParsedItem(Item.image(Id.of(uid)).fileName(refId).metadata(metadata), extra.build());
    }

    /** Parses one result into {@code out}; returns its entry for the item extension. */
    private JsonObject readResult(int child, int resultIndex, List<Annotation> out) {
        ProjectInfo project = projects.get(projectRefs.get(resultProject.get(child)));
        if (project == null) {
            throw danglingProject(child);
        }
        RecordOrigin slice = resultSlice(child);
        return inChild(slice, child, p -> {
            fields.expect(p, JsonToken.START_OBJECT, "a result object");
            String uid = null;
            JsonObject.Builder extra = JsonObject.builder();
            String name;
            while ((name = p.nextName()) != null) {
                p.nextToken();
                switch (name) {
                    case "uid" -> uid = fields.scalarText(p);
                    case "dataset_item_uid", "project_uid" -> fields.scalarText(p);
                    case "annotations" -> readAnnotations(p, slice, project, resultIndex, out);
                    default -> extra.put(name, JsonSupport.readValue(p));
                }
            }
            JsonObject.Builder ref = JsonObject.builder();
            if (uid != null) {
                ref.put(Ext.UID, uid);
            }
            ref.put(Ext.PROJECT_UID, project.uid);
            JsonObject e = extra.build();
            if (!e.isEmpty()) {
                ref.put(Ext.EXTRA, e);
            }
            return ref.build();
        });
    }

    private void readAnnotations(JsonParser p, RecordOrigin slice, ProjectInfo project, int resultIndex, List<Annotation> out) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        fields.expect(p, JsonToken.START_ARRAY, "an array of annotations");
        var array = p.streamReadContext();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                out.add(annotations.read(p, slice, project, resultIndex));
            } catch (InvalidInputException e) {
                if (ctx.errorPolicy() == ErrorPolicy.FAIL) {
                    throw e; // located by inSlice
                }
                ctx.invalid(slice.absolute(e));
                skipRestOf(p, array);
            }
        }
    }

    /** After a failed annotation: moves the parser to the end of that annotation, back in {@code array}. */
    private static void skipRestOf(JsonParser p, tools.jackson.core.TokenStreamContext array) {
        if (p.currentToken() != null && p.currentToken().isStructStart()) {
            p.skipChildren();
        }
        while (p.streamReadContext() != array) {
            JsonToken t = p.nextToken();
            if (t != null && t.isStructStart()) {
                p.skipChildren();
            }
        }
    }
}
