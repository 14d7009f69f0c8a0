package dev.labelport.formats.coco;

import dev.labelport.ErrorPolicy;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.ChildBuckets;
import dev.labelport.internal.FileSlices;
import dev.labelport.internal.GroupingIndex;
import dev.labelport.internal.IntList;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.LongIntMap;
import dev.labelport.internal.RecordOrigin;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a COCO dataset object or a COCO results array in two steps. {@link #open} scans the
 * whole file once with a streaming parser and keeps, per image and per annotation, only its
 * byte range (a {@link GroupingIndex}), plus the small sections (categories, info, licenses).
 * {@link #next} then re-parses each image and its annotations from their byte ranges, so
 * memory stays bounded by the index whatever the order of sections and annotations.
 */
final class CocoReader implements AnnotationSource {
    /** Key of the index group that collects skipped annotations (no image can have it: NUL chars). */
    private static final String SKIPPED = "\u0000skipped\u0000";
    /** Shuffled annotations are regrouped into buckets of about this size (one is in memory at a time). */
    private static final long BUCKET_BYTES = 4L << 20;

    private final Path input;
    private final ReadContext ctx;
    private final String source;
    private final JsonFactory factory;
    private final CocoRecords records;
    private final GroupingIndex index = new GroupingIndex();
    private final IntList imageFileIndex = new IntList(1024);
    private final Map<String, Category> categories = new LinkedHashMap<>();
    /** Category ids used by annotations: first annotation (file index) using each, for locating dangling ones. */
    private final Map<String, CategoryUse> categoryUses = new LinkedHashMap<>();
    /** Integer category ids already in {@link #categoryUses}, to skip the string path for them. */
    private final LongIntMap numericCategoryUses = new LongIntMap();
    private final BitSet skipped = new BitSet();
    private boolean results;
    private List<Id> resultImageIds;
    private DatasetHeader header;
    private FileChannel channel;
    private FileSlices parents;
    private ChildBuckets children;
    private int nextParent;
    private boolean closed;

    private record CategoryUse(Id id, int annotation) {
    }

    private record FieldAt(Id value, Location at) {
    }

    private CocoReader(Path input, ReadContext ctx) {
        this.input = input;
        this.ctx = ctx;
        this.source = ctx.sourceName();
        this.factory = JsonSupport.factory(ctx.limits());
        this.records = new CocoRecords(source, ctx.limits(), ctx.reporter());
    }

    static CocoReader open(Path input, ReadContext ctx) {
        CocoReader r = new CocoReader(input, ctx);
        r.scan();
        r.validateReferences();
        r.index.seal();
        try {
            r.channel = FileChannel.open(input, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        r.parents = new FileSlices(r.channel, false);
        r.children = ChildBuckets.prepare(r.channel, r.index, ctx.tempDirectory(), BUCKET_BYTES);
        return r;
    }

    // ================================================================ scan

    private void scan() {
        JsonParser p = null;
        try (InputStream in = Files.newInputStream(input)) {
            p = factory.createParser(ObjectReadContext.empty(), in);
            try {
                JsonToken t = p.nextToken();
                if (t == null) {
                    throw new InvalidInputException(new Location(source, 1, 1, 0, null),
                            "empty input: expected a COCO dataset object or a COCO results array");
                }
                if (t == JsonToken.START_OBJECT) {
                    scanDataset(p);
                } else if (t == JsonToken.START_ARRAY) {
                    scanResults(p);
                } else {
                    throw records.fields().expected(p, "a COCO dataset object or a COCO results array");
                }
                if (p.nextToken() != null) {
                    throw JsonSupport.invalid(p, source, "unexpected content after the top-level JSON value");
                }
            } finally {
                p.close();
            }
        } catch (JacksonException e) {
            throw JsonSupport.translate(e, p, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void scanDataset(JsonParser p) {
        JsonValue info = null;
        JsonValue licenses = null;
        JsonObject.Builder extra = JsonObject.builder();
        boolean images = false;
        boolean annotations = false;
        boolean cats = false;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "images" -> {
                    images = once(p, images);
                    if (t != JsonToken.VALUE_NULL) {
                        records.fields().expect(p, JsonToken.START_ARRAY, "an array of images");
                        scanImages(p);
                    }
                }
                case "annotations" -> {
                    annotations = once(p, annotations);
                    if (t != JsonToken.VALUE_NULL) {
                        records.fields().expect(p, JsonToken.START_ARRAY, "an array of annotations");
                        scanAnnotations(p, "annotations");
                    }
                }
                case "categories" -> {
                    cats = once(p, cats);
                    if (t != JsonToken.VALUE_NULL) {
                        records.fields().expect(p, JsonToken.START_ARRAY, "an array of categories");
                        readCategories(p);
                    }
                }
                case "info" -> info = JsonSupport.readValue(p);
                case "licenses" -> licenses = JsonSupport.readValue(p);
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (!images && !annotations && !cats) {
            throw JsonSupport.invalid(p, source, "not a COCO dataset: no \"images\", \"annotations\" or \"categories\"");
        }
        JsonObject.Builder ext = JsonObject.builder();
        if (info != null) {
            ext.put("info", info);
        }
        if (licenses != null) {
            ext.put("licenses", licenses);
        }
        if (!extra.isEmpty()) {
            ext.put("extra", extra.build());
        }
        String datasetName = null;
        String version = null;
        if (info instanceof JsonObject o) {
            datasetName = nonEmpty(o.string("description"));
            JsonValue v = o.get("version");
            version = v instanceof JsonString s ? nonEmpty(s.value()) : v instanceof JsonNumber n ? n.lexical() : null;
        }
        header = new DatasetHeader(datasetName, CocoRecords.FORMAT, version, List.copyOf(categories.values()),
                CocoRecords.wrap(ext));
    }

    private boolean once(JsonParser p, boolean seen) {
        if (seen) {
            throw JsonSupport.invalid(p, source, "duplicate key \"" + p.currentName() + "\"");
        }
        return true;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void scanImages(JsonParser p) {
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int fileIndex = i++;
            if (t != JsonToken.START_OBJECT) {
                skipInvalid(p, records.fields().expected(p, "an image object"));
                continue;
            }
            TokenStreamLocation start = p.currentTokenLocation();
            Id id = null;
            InvalidInputException error = null;
            TokenStreamLocation idAt = null;
            String name;
            while ((name = p.nextName()) != null) {
                p.nextToken();
                if (name.equals("id")) {
                    try {
                        id = records.id(p);
                        idAt = p.currentTokenLocation();
                    } catch (InvalidInputException e) {
                        p.skipChildren();
                        error = e;
                    }
                } else {
                    p.skipChildren();
                }
            }
            long end = p.currentLocation().getByteOffset();
            if (error == null && id == null) {
                error = new InvalidInputException(at(start, "images[" + fileIndex + "]"), "image without an id");
            }
            if (error != null) {
                ctx.invalid(error);
                continue;
            }
            int ordinal = index.ordinal(id.text());
            if (!index.addParent(ordinal, start.getByteOffset(), length(start, end), start.getLineNr(), start.getColumnNr())) {
                ctx.invalid(new InvalidInputException(at(idAt, "images[" + fileIndex + "].id"), "duplicate image id " + id));
                continue;
            }
            imageFileIndex.add(fileIndex);
        }
    }

    private void scanResults(JsonParser p) {
        results = true;
        resultImageIds = new ArrayList<>();
        scanAnnotations(p, "");
        List<Category> synthesised = new ArrayList<>(categoryUses.size());
        for (CategoryUse use : categoryUses.values()) {
            Category c = Category.of(use.id(), use.id().text());
            categories.put(use.id().text(), c);
            synthesised.add(c);
        }
        header = new DatasetHeader(null, CocoRecords.FORMAT, null, synthesised,
                JsonObject.builder().put(CocoRecords.FORMAT, JsonObject.builder().put("flavour", "results").build()).build());
        if (index.parentCount() > 0) {
            ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(source), "COCO results: " + index.parentCount()
                    + " items made from image_id values, " + synthesised.size() + " categories named after their ids");
        }
    }

    /** Scans the annotations array (or the top-level results array, {@code section} empty). */
    private void scanAnnotations(JsonParser p, String section) {
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int fileIndex = i++;
            if (t != JsonToken.START_OBJECT) {
                TokenStreamLocation start = p.currentTokenLocation();
                InvalidInputException e = records.fields().expected(p, "an annotation object");
                p.skipChildren();
                ctx.invalid(e);
                addSkipped(fileIndex, start, p.currentLocation().getByteOffset());
                continue;
            }
            TokenStreamLocation start = p.currentTokenLocation();
            Id imageId = null;
            Id categoryId = null;
            // integer ids (nearly all files) take a path with no string or Id per annotation
            long numericImageId = 0;
            boolean imageIdIsNumber = false;
            long numericCategoryId = 0;
            boolean categoryIdIsNumber = false;
            boolean caption = false;
            InvalidInputException error = null;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken v = p.nextToken();
                try {
                    switch (name) {
                        case "image_id" -> {
                            imageIdIsNumber = v == JsonToken.VALUE_NUMBER_INT && !results && fitsLong(p);
                            if (imageIdIsNumber) {
                                numericImageId = p.getLongValue();
                            } else {
                                imageId = records.id(p);
                            }
                        }
                        case "category_id" -> {
                            categoryIdIsNumber = v == JsonToken.VALUE_NUMBER_INT && fitsLong(p);
                            if (categoryIdIsNumber) {
                                numericCategoryId = p.getLongValue();
                            } else {
                                categoryId = records.id(p);
                            }
                        }
                        case "caption" -> {
                            caption = v == JsonToken.VALUE_STRING;
                            p.skipChildren();
                        }
                        case "segments_info" -> throw records.panoptic(p);
                        default -> p.skipChildren();
                    }
                } catch (InvalidInputException e) {
                    p.skipChildren();
                    if (error == null) {
                        error = e;
                    }
                }
            }
            long end = p.currentLocation().getByteOffset();
            String where = section.isEmpty() ? "[" + fileIndex + "]" : section + "[" + fileIndex + "]";
            if (error == null && imageId == null && !imageIdIsNumber) {
                error = new InvalidInputException(at(start, where), "annotation without an image_id");
            }
            if (error != null) {
                ctx.invalid(error);
                addSkipped(fileIndex, start, end);
                continue;
            }
            int ordinal = imageIdIsNumber ? index.ordinal(numericImageId) : index.ordinal(imageId.text());
            if (results && ordinal == resultImageIds.size()) {
                resultImageIds.add(imageId);
                index.addParent(ordinal, -1, 0, 0);
            }
            index.addChild(ordinal, start.getByteOffset(), length(start, end), start.getLineNr(), start.getColumnNr());
            if (categoryIdIsNumber && !(caption && !results)) {
                if (numericCategoryUses.get(numericCategoryId) == LongIntMap.MISSING) {
                    numericCategoryUses.put(numericCategoryId, 1);
                    categoryId = Id.of(numericCategoryId);
                } else {
                    categoryId = null; // seen before: nothing to record
                }
            }
            if (categoryId != null && !(caption && !results)) {
                if (!categoryUses.containsKey(categoryId.text())) {
                    if (categoryUses.size() >= ctx.limits().maxCategories()) {
                        throw new LimitExceededException(at(start, where), "annotations use more than "
                                + ctx.limits().maxCategories() + " distinct category ids (maxCategories)");
                    }
                    categoryUses.put(categoryId.text(), new CategoryUse(categoryId, fileIndex));
                }
            }
        }
    }

    /** True when the current integer token fits a long (else the general path reports it). */
    private static boolean fitsLong(JsonParser p) {
        return p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG;
    }

    private void addSkipped(int fileIndex, TokenStreamLocation start, long end) {
        skipped.set(fileIndex);
        index.addChild(index.ordinal(SKIPPED), start.getByteOffset(), length(start, end), start.getLineNr(),
                start.getColumnNr());
    }

    private void readCategories(JsonParser p) {
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int fileIndex = i++;
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(JsonSupport.location(p, source),
                        "more than " + ctx.limits().maxCategories() + " categories (maxCategories)");
            }
            if (t != JsonToken.START_OBJECT) {
                skipInvalid(p, records.fields().expected(p, "a category object"));
                continue;
            }
            int depth = p.streamReadContext().getNestingDepth();
            Category c;
            try {
                c = records.category(p);
            } catch (InvalidInputException e) {
                ctx.invalid(e);
                skipTo(p, depth);
                continue;
            }
            if (categories.putIfAbsent(c.id().text(), c) != null) {
                ctx.invalid(new InvalidInputException(JsonSupport.location(p, source).withPath("categories[" + fileIndex + "]"),
                        "duplicate category id " + c.id()));
            }
        }
    }

    private void skipInvalid(JsonParser p, InvalidInputException e) {
        p.skipChildren();
        ctx.invalid(e);
    }

    /** After an error inside an object opened at {@code depth}, moves the parser to that object's end. */
    private static void skipTo(JsonParser p, int depth) {
        while (!(p.currentToken() == JsonToken.END_OBJECT && p.streamReadContext().getNestingDepth() == depth - 1)) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }

    private Location at(TokenStreamLocation loc, String path) {
        return new Location(source, loc.getLineNr(), loc.getColumnNr(), loc.getByteOffset(), path);
    }

    private int length(TokenStreamLocation start, long end) {
        long len = end - start.getByteOffset();
        if (len > Integer.MAX_VALUE - 16) {
            throw new LimitExceededException(at(start, null), "a single COCO record larger than 2 GB");
        }
        return (int) len;
    }

    // ================================================================ references

    private void validateReferences() {
        boolean fail = ctx.errorPolicy() == ErrorPolicy.FAIL;
        if (fail) {
            int dangling = index.firstDanglingChild();
            if (dangling >= 0) {
                FieldAt f = fieldOf(dangling, "image_id");
                throw new InvalidInputException(f.at(), "image_id " + f.value() + " names no image");
            }
            if (!results) {
                CategoryUse first = null;
                for (CategoryUse use : categoryUses.values()) {
                    if (!categories.containsKey(use.id().text()) && (first == null || use.annotation() < first.annotation())) {
                        first = use;
                    }
                }
                if (first != null) {
                    throw new InvalidInputException(fieldOf(first.annotation(), "category_id").at(),
                            "category_id " + first.id() + " names no category");
                }
            }
        } else {
            for (int child = 0; child < index.childCount(); child++) {
                if (!skipped.get(child) && !index.hasParent(child)) {
                    FieldAt f = fieldOf(child, "image_id");
                    ctx.invalid(new InvalidInputException(f.at(), "image_id " + f.value() + " names no image"));
                }
            }
        }
    }

    /** Re-reads one annotation to find a top-level field: its value as an {@link Id} and its location. */
    private FieldAt fieldOf(int child, String field) {
        try (FileChannel ch = FileChannel.open(input, StandardOpenOption.READ); FileSlices s = new FileSlices(ch, false)) {
            int len = index.childLength(child);
            long offset = index.childOffset(child);
            int line = index.childLine(child);
            int column = index.childColumn(child);
            RecordOrigin origin = new RecordOrigin(source, offset, line, column, annotationPath(child));
            s.read(offset, len);
            return inSlice(s.buffer(), s.offset(), len, offset, line, column, -1, child, p -> {
                p.nextToken();
                String name;
                while ((name = p.nextName()) != null) {
                    p.nextToken();
                    if (name.equals(field)) {
                        return new FieldAt(records.id(p), origin.absolute(JsonSupport.location(p, source)));
                    }
                    p.skipChildren();
                }
                throw new IllegalStateException(field + " vanished from annotation " + child);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String annotationPath(int child) {
        return results ? "[" + child + "]" : "annotations[" + child + "]";
    }

    // ================================================================ iteration

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        if (closed) {
            throw new IllegalStateException("source is closed");
        }
        while (nextParent < index.parentCount()) {
            int parent = nextParent++;
            Item item = results ? resultItem(parent) : datasetItem(parent);
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    private Item datasetItem(int parent) {
        long offset = index.parentOffset(parent);
        int len = index.parentLength(parent);
        parents.read(offset, len);
        Item.Builder item;
        try {
            item = inSlice(parents.buffer(), parents.offset(), len, offset, index.parentLine(parent),
                    index.parentColumn(parent), imageFileIndex.get(parent), -1, p -> {
                p.nextToken();
                return records.image(p);
            });
        } catch (InvalidInputException e) {
            ctx.invalid(e);
            return null;
        }
        return item.annotations(annotations(index.parentOrdinal(parent))).build();
    }

    private Item resultItem(int parent) {
        int ordinal = index.parentOrdinal(parent);
        return Item.image(resultImageIds.get(ordinal)).annotations(annotations(ordinal)).build();
    }

    private List<Annotation> annotations(int ordinal) {
        int from = index.childStart(ordinal);
        int to = index.childEnd(ordinal);
        List<Annotation> list = new ArrayList<>(to - from);
        for (int pos = from; pos < to; pos++) {
            int child = index.sortedChild(pos);
            long offset = index.childOffset(child);
            int len = index.childLength(child);
            children.read(child);
            try {
                list.add(inSlice(children.buffer(), children.offset(), len, offset, index.childLine(child),
                        index.childColumn(child), -1, child, p -> {
                    p.nextToken();
                    return records.annotation(p, categories);
                }));
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return list;
    }

    /**
     * Parses a byte range of the file, reporting errors at their absolute line, column, offset and
     * path ({@code images[image]} or {@code annotations[annotation]}, built only on error).
     */
    private <T> T inSlice(byte[] bytes, int from, int len, long offset, int line, int column, int image, int annotation,
                          SliceParse<T> parse) {
        JsonParser p = null;
        try {
            p = factory.createParser(ObjectReadContext.empty(), bytes, from, len);
            try {
                return parse.apply(p);
            } catch (IllegalArgumentException e) { // a model constructor refused a value (e.g. an infinite coordinate)
                throw JsonSupport.invalid(p, source, e.getMessage());
            } finally {
                p.close();
            }
        } catch (JacksonException e) {
            throw new RecordOrigin(source, offset, line, column, recordPath(image, annotation))
                    .absolute(JsonSupport.translate(e, p, source));
        } catch (LabelportException e) {
            throw new RecordOrigin(source, offset, line, column, recordPath(image, annotation)).absolute(e);
        }
    }

    private String recordPath(int image, int annotation) {
        return image >= 0 ? "images[" + image + "]" : annotationPath(annotation);
    }

    @FunctionalInterface
    private interface SliceParse<T> {
        T apply(JsonParser p);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (children != null) {
                children.close();
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

}
