package dev.labelport.formats.azure;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.formats.conll.LineReader;
import dev.labelport.internal.JsonFields;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Tag;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams Azure AutoML image JSON Lines, one line at a time: each non-blank line is parsed on its
 * own, so an error names the file's line, the column and the JSON path, and under the lenient
 * policy a bad line is skipped without losing the rest. Before the first item a bounded first
 * pass over up to {@value #SAMPLE_LINES} lines settles the task for the header.
 */
final class ImageJsonlReader implements AnnotationSource {
    static final int SAMPLE_LINES = 1000;

    private final ReadContext ctx;
    private final String source;
    private final JsonFactory factory;
    private final JsonFields fields;
    private final boolean forced;
    private final DatasetHeader header;
    private final LineReader lines;
    private final Map<String, Category> categories = new HashMap<>();
    private Task task;
    private long taskLine;
    private long index;
    private boolean closed;

    private ImageJsonlReader(Path input, ReadContext ctx, Task task, boolean forced) {
        this.ctx = ctx;
        this.source = ctx.sourceName();
        this.factory = JsonSupport.factory(ctx.limits());
        this.fields = new JsonFields(source);
        this.task = task;
        this.forced = forced;
        this.header = new DatasetHeader(null, AzureAutomlFormat.ID, null, List.of(), task == null ? JsonObject.EMPTY
                : JsonObject.builder().put(AzureAutomlFormat.ID, JsonObject.builder()
                        .put("derived", JsonObject.builder().put("task", task.id()).build()).build()).build());
        this.lines = LineReader.open(input, source, ctx.limits().maxLineLength());
    }

    static ImageJsonlReader open(Path input, ReadContext ctx, Task forced) {
        if (forced != null && forced.family() != Task.Family.IMAGE) {
            throw new IllegalArgumentException("not an image task: " + forced);
        }
        return new ImageJsonlReader(input, ctx, forced != null ? forced : sample(input, ctx), forced != null);
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
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            long lineNo = lines.lineNumber();
            try {
                Item item = parse(line, lineNo);
                index++;
                return item;
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ one line

    private Item parse(String line, long lineNo) {
        JsonParser p = null;
        try {
            p = factory.createParser(ObjectReadContext.empty(), line);
            try {
                return record(p, lineNo);
            } finally {
                p.close();
            }
        } catch (JacksonException e) {
            throw relocate(JsonSupport.translate(e, p, source), lineNo);
        } catch (LabelportException e) {
            throw relocate(e, lineNo);
        }
    }

    /** The error of a one-line parse, placed on the file's line. */
    private static RuntimeException relocate(LabelportException e, long lineNo) {
        Location in = e.location();
        Location at = new Location(in.source(), lineNo, in.column(), -1, in.path());
        if (e instanceof LimitExceededException) {
            return new LimitExceededException(at, e.detail(), e);
        }
        if (e instanceof InvalidInputException) {
            return new InvalidInputException(at, e.detail(), e);
        }
        return e;
    }

    private Item record(JsonParser p, long lineNo) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fields.expected(p, "a JSON object (one image per line)");
        }
        String url = null;
        Integer width = null;
        Integer height = null;
        JsonValue format = null;
        List<Annotation> annotations = List.of();
        JsonObject.Builder ext = JsonObject.builder();
        JsonObject.Builder derived = JsonObject.builder();
        JsonObject.Builder extra = JsonObject.builder();
        boolean labelSeen = false;
        boolean detailsSeen = false;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "image_url" -> {
                    url = fields.string(p);
                    if (url == null || url.isBlank()) {
                        throw JsonSupport.invalid(p, source, "image_url must be a non-empty string");
                    }
                }
                case "image_details" -> {
                    detailsSeen = true;
                    if (t == JsonToken.VALUE_NULL) {
                        derived.put("image_details", JsonNull.INSTANCE);
                        continue;
                    }
                    fields.expect(p, JsonToken.START_OBJECT, "an object with format, width and height");
                    Details d = details(p, lineNo, ext, derived);
                    width = d.width();
                    height = d.height();
                    format = d.format();
                }
                case "label" -> {
                    labelSeen = true;
                    annotations = label(p, lineNo, derived);
                }
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (url == null) {
            throw JsonSupport.invalid(p, source, "missing image_url");
        }
        if (p.nextToken() != null) {
            throw JsonSupport.invalid(p, source, "unexpected content after the JSON object (one image per line)");
        }
        if (!labelSeen) {
            derived.put("label", "absent");
        }
        if (!detailsSeen) {
            derived.put("image_details", "absent");
        }
        if (format != null) {
            // the image's own extension is derivable; anything else is information
            (format.equals(ImageDetails.formatOf(url)) ? derived : ext).put("format", format);
        }
        if (!extra.isEmpty()) {
            ext.put("extra", extra.build());
        }
        if (!derived.isEmpty()) {
            ext.put("derived", derived.build());
        }
        ImageUrl ref = ImageUrl.parse(url);
        return Item.image(Id.of(index + 1)).uri(ref.uri()).fileName(ref.fileName()).size(width, height).normalized(true)
                .annotations(annotations)
                .extensions(ext.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(AzureAutomlFormat.ID, ext.build()).build())
                .build();
    }

    /** Where the parser is, on line {@code lineNo} of the file (the parser reads one line). */
    private Location at(JsonParser p, long lineNo, String path) {
        return new Location(source, lineNo, JsonSupport.location(p, source).column(), -1, path);
    }

    private record Details(Integer width, Integer height, JsonValue format) {
    }

    /**
     * Reads {@code image_details}: the size, the format as read; other keys go to the extension.
     * The coordinates are normalised and do not depend on the size, so an unusable size (not a
     * positive number of pixels, or a width without a height) is no error: the item has no size,
     * the values are kept as written and reported as {@code INCONSISTENT_METADATA}.
     */
    private Details details(JsonParser p, long lineNo, JsonObject.Builder ext, JsonObject.Builder derived) {
        int[] size = {-1, -1};
        JsonValue[] raws = new JsonValue[2];
        JsonValue format = null;
        JsonObject.Builder extra = JsonObject.builder();
        Location at = at(p, lineNo, "image_details");
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "format" -> format = JsonSupport.readValue(p);
                case "width", "height" -> {
                    int i = name.equals("width") ? 0 : 1;
                    raws[i] = JsonSupport.readValue(p);
                    size[i] = dimension(p, lineNo, name, raws[i]);
                    if (size[i] < 0) {
                        extra.put(name, raws[i]);
                    }
                }
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (size[0] < 0 != size[1] < 0) {
            int given = size[0] < 0 ? 1 : 0;
            if (raws[1 - given] == null) { // an unusable one was reported already
                ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, at, "image_details gives a " + (given == 0 ? "width" : "height")
                        + " without a " + (given == 0 ? "height" : "width") + ": the image has no size, image_details is kept as written");
            }
            extra.put(given == 0 ? "width" : "height", raws[given]);
            size[given] = -1;
        }
        for (int i = 0; i < 2; i++) {
            if (size[i] >= 0 && !raws[i].equals(ImageDetails.spelling(size[i]))) {
                derived.put(i == 0 ? "width" : "height", raws[i]);
            }
        }
        if (!extra.isEmpty()) {
            ext.put("image_details", extra.build());
        }
        return new Details(size[0] < 0 ? null : size[0], size[1] < 0 ? null : size[1], format);
    }

    /** {@code 499} or {@code "499px"} (also {@code "499"}, {@code "499 px"}), from 1 to maxImageDimension; -1 (reported) when unusable. */
    private int dimension(JsonParser p, long lineNo, String name, JsonValue raw) {
        long v = ImageDetails.parse(raw);
        if (v < 1) {
            ctx.reporter().loss(LossCode.INCONSISTENT_METADATA, at(p, lineNo, "image_details." + name),
                    "image_details." + name + " is not a positive number of pixels such as 499 or \"499px\": "
                            + ImageDetails.show(raw) + " (kept as written)");
            return -1;
        }
        if (v > ctx.limits().maxImageDimension()) {
            throw new LimitExceededException(JsonSupport.location(p, source), "image_details." + name + " " + v
                    + " exceeds the limit of " + ctx.limits().maxImageDimension() + " (Limits.maxImageDimension)");
        }
        return (int) v;
    }

    // ------------------------------------------------------------------ labels

    private List<Annotation> label(JsonParser p, long lineNo, JsonObject.Builder derived) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            reveal(p, Task.IMAGE_CLASSIFICATION, lineNo);
            return List.of(tag(p, p.getString()));
        }
        if (t == JsonToken.VALUE_NULL) {
            derived.put("label", "null");
            return List.of();
        }
        fields.expect(p, JsonToken.START_ARRAY, "a class name, a list of class names or a list of objects");
        List<Annotation> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                reveal(p, Task.IMAGE_MULTILABEL, lineNo);
                out.add(tag(p, p.getString()));
            } else if (t == JsonToken.START_OBJECT) {
                out.add(object(p, lineNo));
            } else {
                throw fields.expected(p, "a class name or a labelled object");
            }
        }
        if (out.isEmpty()) {
            derived.put("label", "[]");
        }
        return out;
    }

    private Annotation tag(JsonParser p, String name) {
        return Annotation.builder(Tag.INSTANCE).category(category(p, name)).build();
    }

    /** One object of a detection or segmentation label. */
    private Annotation object(JsonParser p, long lineNo) {
        String label = null;
        double[] box = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        JsonValue[] boxRaw = new JsonValue[4];
        Polygon polygon = null;
        boolean crowd = false;
        JsonValue crowdRaw = null;
        JsonObject.Builder extra = JsonObject.builder();
        JsonObject.Builder derived = JsonObject.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            int corner = BoxKeys.index(name);
            if (corner >= 0) {
                box[corner] = fields.number(p);
                boxRaw[corner] = JsonSupport.readValue(p);
            } else if (name.equals("label")) {
                label = fields.string(p);
            } else if (name.equals("isCrowd")) {
                crowd = fields.flag(p);
                crowdRaw = JsonSupport.readValue(p);
            } else if (name.equals("polygon")) {
                polygon = polygon(p);
            } else {
                extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (label == null) {
            throw JsonSupport.invalid(p, source, "an object needs a label (a class name)");
        }
        Annotation.Builder a;
        if (polygon != null) {
            reveal(p, Task.INSTANCE_SEGMENTATION, lineNo);
            for (int i = 0; i < 4; i++) {
                if (boxRaw[i] != null) {
                    extra.put(BoxKeys.NAMES.get(i), boxRaw[i]);
                }
            }
            a = Annotation.builder(polygon);
        } else {
            reveal(p, Task.OBJECT_DETECTION, lineNo);
            a = Annotation.builder(box(p, box));
            double w = box[2] - box[0];
            double h = box[3] - box[1];
            if (box[0] + w != box[2]) {
                derived.put("bottomX", JsonNumber.of(box[2]));
            }
            if (box[1] + h != box[3]) {
                derived.put("bottomY", JsonNumber.of(box[3]));
            }
        }
        if (crowdRaw == null) {
            derived.put("isCrowd", JsonNull.INSTANCE);
        } else if (!(crowdRaw instanceof JsonNumber n && n.lexical().equals(crowd ? "1" : "0"))) {
            derived.put("isCrowd", crowdRaw);
        }
        JsonObject.Builder ext = JsonObject.builder();
        if (!extra.isEmpty()) {
            ext.put("extra", extra.build());
        }
        if (!derived.isEmpty()) {
            ext.put("derived", derived.build());
        }
        return a.category(category(p, label)).crowd(crowd)
                .extensions(ext.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(AzureAutomlFormat.ID, ext.build()).build())
                .build();
    }

    private Box box(JsonParser p, double[] b) {
        for (int i = 0; i < 4; i++) {
            if (Double.isNaN(b[i])) {
                throw JsonSupport.invalid(p, source, "a box needs topX, topY, bottomX and bottomY (missing "
                        + BoxKeys.NAMES.get(i) + "), or the object needs a polygon");
            }
        }
        if (b[2] < b[0] || b[3] < b[1]) {
            throw JsonSupport.invalid(p, source, "the box's bottom-right corner (" + b[2] + ", " + b[3]
                    + ") is above or left of its top-left corner (" + b[0] + ", " + b[1] + ")");
        }
        return new Box(b[0], b[1], b[2] - b[0], b[3] - b[1]);
    }

    /** {@code [[x1, y1, x2, y2, ...], ...]}: one part per list. */
    private Polygon polygon(JsonParser p) {
        fields.expect(p, JsonToken.START_ARRAY, "a list of coordinate lists [[x1, y1, x2, y2, ...], ...]");
        List<PointList> parts = new ArrayList<>();
        int vertices = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                throw fields.expected(p, "a coordinate list [x1, y1, x2, y2, ...]");
            }
            double[] xy = new double[16];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if ((n >> 1) + vertices >= ctx.limits().maxPolygonVertices()) {
                    throw new LimitExceededException(JsonSupport.location(p, source), "more than "
                            + ctx.limits().maxPolygonVertices() + " polygon vertices (Limits.maxPolygonVertices)");
                }
                if (n == xy.length) {
                    xy = Arrays.copyOf(xy, n * 2);
                }
                xy[n++] = fields.number(p);
            }
            if (n == 0 || (n & 1) != 0) {
                throw JsonSupport.invalid(p, source, n == 0 ? "an empty coordinate list"
                        : "an odd number of coordinates (" + n + "): expected x, y pairs");
            }
            vertices += n >> 1;
            parts.add(PointList.wrap(Arrays.copyOf(xy, n)));
        }
        if (parts.isEmpty()) {
            throw JsonSupport.invalid(p, source, "an empty polygon: expected [[x1, y1, x2, y2, ...], ...]");
        }
        return Polygon.of(parts.toArray(PointList[]::new));
    }

    private Category category(JsonParser p, String name) {
        Category c = categories.get(name);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(JsonSupport.location(p, source),
                        "more than " + ctx.limits().maxCategories() + " classes (Limits.maxCategories)");
            }
            c = Category.of(Id.of(name), name);
            categories.put(name, c);
        }
        return c;
    }

    /** A label shape tells the task; one file holds one task. */
    private void reveal(JsonParser p, Task shown, long lineNo) {
        if (task == null) {
            task = shown;
            taskLine = lineNo;
        } else if (task != shown) {
            throw JsonSupport.invalid(p, source, "a label of " + shown.id() + " in a file of " + task.id() + " labels ("
                    + (forced ? "option task=" + task.id() : taskLine > 0 ? "as line " + taskLine + " shows"
                            : "as the first lines show") + "): one file holds one task");
        }
    }

    // ------------------------------------------------------------------ first pass

    /** The task shown by the first lines whose label tells it, or {@code null}. */
    private static Task sample(Path input, ReadContext ctx) {
        JsonFactory f = JsonSupport.factory(ctx.limits());
        try (LineReader r = LineReader.open(input, ctx.sourceName(), ctx.limits().maxLineLength())) {
            int seen = 0;
            for (String line = r.readLine(); line != null && seen < SAMPLE_LINES; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                seen++;
                Task t = labelShape(f, line);
                if (t != null) {
                    return t;
                }
            }
        } catch (LabelportException e) {
            return null; // the real pass reports it where it is
        }
        return null;
    }

    private static Task labelShape(JsonFactory f, String line) {
        try (JsonParser p = f.createParser(ObjectReadContext.empty(), line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken t = p.nextToken();
                if (!name.equals("label")) {
                    p.skipChildren();
                    continue;
                }
                if (t == JsonToken.VALUE_STRING) {
                    return Task.IMAGE_CLASSIFICATION;
                }
                if (t != JsonToken.START_ARRAY) {
                    return null;
                }
                t = p.nextToken();
                if (t == JsonToken.VALUE_STRING) {
                    return Task.IMAGE_MULTILABEL;
                }
                if (t != JsonToken.START_OBJECT) {
                    return null;
                }
                boolean box = false;
                while ((name = p.nextName()) != null) {
                    p.nextToken();
                    if (name.equals("polygon")) {
                        return Task.INSTANCE_SEGMENTATION;
                    }
                    box |= BoxKeys.index(name) >= 0;
                    p.skipChildren();
                }
                return box ? Task.OBJECT_DETECTION : null;
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lines.close();
        }
    }

    /** The four box keys in the order of a box's corners. */
    static final class BoxKeys {
        static final List<String> NAMES = List.of("topX", "topY", "bottomX", "bottomY");

        private BoxKeys() {
        }

        static int index(String name) {
            return NAMES.indexOf(name);
        }
    }
}
