package dev.labelport.formats.coco;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.JsonFields;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.Geometries;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Tag;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * Parses one COCO record (image, annotation, category) from a parser positioned on its
 * {@code START_OBJECT}. Locations are relative to the parser's input; the reader rebases them
 * when the parser reads a slice of the file.
 */
final class CocoRecords {
    static final String FORMAT = "coco";
    static final String DERIVED = "derived";
    static final String ZERO_BASED_SKELETON = "zero_based_skeleton";

    private final String source;
    private final JsonFields fields;
    private final Limits limits;
    private final Reporter reporter;
    private double[] coords = new double[64];
    private int[] ints = new int[64];

    CocoRecords(String source, Limits limits, Reporter reporter) {
        this.source = source;
        this.fields = new JsonFields(source);
        this.limits = limits;
        this.reporter = reporter;
    }

    JsonFields fields() {
        return fields;
    }

    // ---------------------------------------------------------------- ids

    /** An id (integer or string); a JSON integer too long for an id is a located error. */
    Id id(JsonParser p) {
        try {
            return fields.id(p);
        } catch (IllegalArgumentException e) {
            throw JsonSupport.invalid(p, source, "id out of range: " + p.getString());
        }
    }

    static JsonValue idValue(Id id) {
        return id.numeric() ? JsonNumber.parse(id.text()) : new JsonString(id.text());
    }

    // ---------------------------------------------------------------- images

    /** An image record as an item builder (annotations are added by the caller). */
    Item.Builder image(JsonParser p) {
        Id id = null;
        String fileName = null;
        String uri = null;
        Integer width = null;
        Integer height = null;
        JsonObject.Builder ext = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL && !name.equals("id")) {
                ext = put(ext, name, JsonNull.INSTANCE);
                continue;
            }
            switch (name) {
                case "id" -> id = id(p);
                case "file_name" -> fileName = fields.string(p);
                case "coco_url" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        uri = p.getString();
                    } else {
                        ext = put(ext, name, JsonSupport.readValue(p));
                    }
                }
                case "width" -> width = dimension(p, "width");
                case "height" -> height = dimension(p, "height");
                default -> ext = put(ext, name, JsonSupport.readValue(p));
            }
        }
        if (id == null) {
            throw JsonSupport.invalid(p, source, "image without an id");
        }
        return Item.image(id).fileName(fileName).uri(uri).size(width, height).extensions(wrap(ext));
    }

    private int dimension(JsonParser p, String what) {
        long v = fields.integer(p, Long.MIN_VALUE, Long.MAX_VALUE);
        if (v < 0) {
            throw JsonSupport.invalid(p, source, "negative image " + what + " " + v);
        }
        if (v > limits.maxImageDimension()) {
            throw new LimitExceededException(JsonSupport.location(p, source),
                    "image " + what + " " + v + " exceeds the limit of " + limits.maxImageDimension() + " pixels");
        }
        return (int) v;
    }

    // ---------------------------------------------------------------- categories

    Category category(JsonParser p) {
        Id id = null;
        String name = null;
        String supercategory = null;
        String color = null;
        List<String> keypointNames = List.of();
        int[] skeleton = null;
        Location skeletonAt = null;
        JsonObject.Builder ext = null;
        String key;
        while ((key = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL && !key.equals("id") && !key.equals("name")) {
                ext = put(ext, key, JsonNull.INSTANCE);
                continue;
            }
            switch (key) {
                case "id" -> id = id(p);
                case "name" -> name = fields.scalarText(p);
                case "supercategory" -> supercategory = fields.string(p);
                case "color" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        color = p.getString();
                    } else {
                        ext = put(ext, key, JsonSupport.readValue(p));
                    }
                }
                case "keypoints" -> keypointNames = keypointNames(p);
                case "skeleton" -> {
                    skeletonAt = JsonSupport.location(p, source).withPath(JsonSupport.path(p.streamReadContext().getParent()));
                    skeleton = skeleton(p);
                }
                default -> ext = put(ext, key, JsonSupport.readValue(p));
            }
        }
        if (id == null) {
            throw JsonSupport.invalid(p, source, "category without an id");
        }
        if (name == null) {
            throw JsonSupport.invalid(p, source, "category " + id + " without a name");
        }
        List<Category.Edge> edges = List.of();
        int skeletonLength = skeleton == null ? 0 : skeleton.length;
        if (skeletonLength > 0) {
            boolean zeroBased = false;
            for (int i = 0; i < skeletonLength; i++) {
                zeroBased |= skeleton[i] == 0;
            }
            int shift = zeroBased ? 0 : 1;
            List<Category.Edge> list = new ArrayList<>(skeletonLength / 2);
            for (int i = 0; i < skeletonLength; i += 2) {
                int a = skeleton[i] - shift;
                int b = skeleton[i + 1] - shift;
                if (!keypointNames.isEmpty() && (a >= keypointNames.size() || b >= keypointNames.size())) {
                    // no geometry reads the skeleton (pycocotools loads such files): kept as written
                    reporter.loss(LossCode.INCONSISTENT_METADATA, skeletonAt,
                            "category " + id + " skeleton edge [" + skeleton[i] + ", " + skeleton[i + 1]
                                    + "] names a keypoint beyond the " + keypointNames.size() + " declared");
                }
                list.add(new Category.Edge(a, b));
            }
            edges = list;
            if (zeroBased) {
                // COCO skeletons are 1-based; some exporters write them 0-based (coco-annotator#304).
                ext = put(ext, ZERO_BASED_SKELETON, JsonValue.of(true));
            }
        } else if (skeleton != null) {
            ext = put(ext, "skeleton", JsonArray.EMPTY);
        }
        JsonObject extensions = wrap(ext);
        return new Category(id, name, supercategory, color, keypointNames, edges, JsonObject.EMPTY, extensions);
    }

    private List<String> keypointNames(JsonParser p) {
        fields.expect(p, JsonToken.START_ARRAY, "an array of keypoint names");
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String s = fields.string(p);
            if (s == null) {
                throw fields.expected(p, "a keypoint name");
            }
            names.add(s);
        }
        return names;
    }

    private int[] skeleton(JsonParser p) {
        fields.expect(p, JsonToken.START_ARRAY, "an array of [from, to] keypoint pairs");
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            fields.expect(p, JsonToken.START_ARRAY, "a [from, to] keypoint pair");
            int k = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (k == 2) {
                    throw JsonSupport.invalid(p, source, "a skeleton edge has two keypoint indices");
                }
                int v = (int) fields.integer(p, 0, Integer.MAX_VALUE);
                ints = ensure(ints, n + 1);
                ints[n++] = v;
                k++;
            }
            if (k != 2) {
                throw JsonSupport.invalid(p, source, "a skeleton edge has two keypoint indices, found " + k);
            }
        }
        return Arrays.copyOf(ints, n);
    }

    // ---------------------------------------------------------------- annotations

    /**
     * An annotation record. {@code categories} resolves {@code category_id} by its text;
     * an unknown id is an error except on a caption (Datumaro writes {@code category_id: 0}
     * on captions without categories), where it is kept in the extension.
     */
    Annotation annotation(JsonParser p, Map<String, Category> categories) {
        Id id = null;
        Id categoryId = null;
        InvalidInputException unknownCategory = null;
        Category category = null;
        double[] bbox = null;
        Geometry segmentation = null;
        Keypoints keypoints = null;
        JsonValue numKeypoints = null;
        String caption = null;
        Double score = null;
        boolean crowd = false;
        JsonObject attributes = null;
        String areaText = null;
        double area = 0;
        JsonObject.Builder ext = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                if (!name.equals("image_id")) {
                    ext = put(ext, name, JsonNull.INSTANCE);
                }
                continue;
            }
            switch (name) {
                case "id" -> id = id(p);
                case "image_id" -> p.skipChildren();
                case "category_id" -> {
                    categoryId = id(p);
                    category = categories.get(categoryId.text());
                    if (category == null) {
                        unknownCategory = JsonSupport.invalid(p, source, "category_id " + categoryId + " names no category");
                    }
                }
                case "bbox" -> {
                    bbox = box(p);
                    if (bbox == null) {
                        ext = put(ext, name, JsonArray.EMPTY);
                    }
                }
                case "segmentation" -> {
                    segmentation = segmentation(p);
                    if (segmentation == null) {
                        ext = put(ext, name, JsonArray.EMPTY);
                    }
                }
                case "keypoints" -> {
                    keypoints = keypoints(p);
                    if (keypoints == null) {
                        ext = put(ext, name, JsonArray.EMPTY);
                    }
                }
                case "num_keypoints" -> numKeypoints = JsonSupport.readValue(p);
                case "area" -> {
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        areaText = p.getString();
                        area = p.getDoubleValue();
                    } else {
                        ext = put(ext, name, JsonSupport.readValue(p));
                    }
                }
                case "iscrowd" -> crowd = fields.flag(p);
                case "score" -> score = fields.number(p);
                case "caption" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw fields.expected(p, "a caption string");
                    }
                    caption = p.getString();
                }
                case "attributes" -> {
                    if (t == JsonToken.START_OBJECT) {
                        attributes = (JsonObject) JsonSupport.readValue(p);
                    } else {
                        ext = put(ext, name, JsonSupport.readValue(p));
                    }
                }
                case "segments_info" -> throw panoptic(p);
                default -> ext = put(ext, name, JsonSupport.readValue(p));
            }
        }

        Geometry geometry;
        if (keypoints != null) {
            geometry = keypoints;
        } else if (segmentation != null) {
            geometry = segmentation;
        } else if (bbox != null) {
            geometry = new Box(bbox[0], bbox[1], bbox[2], bbox[3]);
        } else if (caption != null) {
            geometry = new Caption(caption);
        } else if (categoryId != null && unknownCategory == null) {
            geometry = Tag.INSTANCE; // Datumaro "labels" task: an image-level label
        } else if (unknownCategory != null) {
            throw unknownCategory;
        } else {
            throw JsonSupport.invalid(p, source, "annotation has no bbox, segmentation, keypoints, caption or category_id");
        }

        if (unknownCategory != null) {
            if (!(geometry instanceof Caption)) {
                throw unknownCategory;
            }
            ext = put(ext, "category_id", idValue(categoryId));
        }
        if (caption != null && !(geometry instanceof Caption)) {
            ext = put(ext, "caption", new JsonString(caption));
        }
        if (segmentation != null && geometry != segmentation) {
            ext = put(ext, "segmentation", segmentationJson(segmentation));
        }
        if (numKeypoints != null && !(keypoints != null && numKeypoints instanceof JsonNumber n
                && n.isIntegral() && n.longValue() == keypoints.labelledCount())) {
            ext = put(ext, "num_keypoints", numKeypoints);
        }

        // the bbox beside a segmentation or keypoints is the object's box, kept unless it is the one derived
        Box objectBox = null;
        if (bbox != null && !(geometry instanceof Box) && !sameBox(Geometries.bounds(geometry), bbox)) {
            objectBox = new Box(bbox[0], bbox[1], bbox[2], bbox[3]);
        }
        // Derived fields: kept only when they differ from what the writer would compute.
        JsonObject.Builder derived = null;
        if (areaText != null) {
            double computed = area(geometry, objectBox);
            if (Double.isNaN(computed) || computed != area) {
                derived = put(derived, "area", JsonNumber.parse(areaText));
            }
        }
        if (derived != null) {
            ext = put(ext, DERIVED, derived.build());
        }

        return Annotation.builder(geometry).objectBox(objectBox).id(id).category(category).attributes(attributes).score(score)
                .crowd(crowd).extensions(wrap(ext)).build();
    }

    InvalidInputException panoptic(JsonParser p) {
        // at the key, not inside the array that the parser has just entered
        TokenStreamContext c = p.currentToken().isStructStart() ? p.streamReadContext().getParent() : p.streamReadContext();
        return new InvalidInputException(JsonSupport.location(p, source).withPath(JsonSupport.path(c)), "COCO panoptic annotations (segments_info with PNG segment maps) are not"
                + " supported by the coco format; read the segment PNGs with a mask format");
    }

    /** {@code [x, y, width, height]}; {@code null} for an empty array. */
    private double[] box(JsonParser p) {
        fields.expect(p, JsonToken.START_ARRAY, "an array [x, y, width, height]");
        double[] b = new double[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == 4) {
                throw JsonSupport.invalid(p, source, "bbox has more than 4 numbers");
            }
            double v = fields.number(p);
            if (n >= 2 && v < 0) {
                throw JsonSupport.invalid(p, source, "negative box " + (n == 2 ? "width " : "height ") + v);
            }
            b[n++] = v;
        }
        if (n == 0) {
            return null;
        }
        if (n != 4) {
            throw JsonSupport.invalid(p, source, "bbox has " + n + " numbers, expected 4 [x, y, width, height]");
        }
        return b;
    }

    /** A polygon list or an RLE object; {@code null} for an empty list. */
    private Geometry segmentation(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return rle(p);
        }
        if (t != JsonToken.START_ARRAY) {
            throw fields.expected(p, "a list of polygons or an RLE object");
        }
        t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return null;
        }
        List<Polygon.Part> parts = new ArrayList<>(1);
        do {
            if (t != JsonToken.START_ARRAY) {
                throw fields.expected(p, "a polygon (an array of x, y numbers)");
            }
            parts.add(new Polygon.Part(PointList.wrap(polygonCoordinates(p)), List.of()));
        } while ((t = p.nextToken()) != JsonToken.END_ARRAY);
        return new Polygon(parts);
    }

    private double[] polygonCoordinates(JsonParser p) {
        int n = 0;
        int maxCoordinates = limits.maxPolygonVertices() * 2;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n >= maxCoordinates) {
                throw new LimitExceededException(JsonSupport.location(p, source),
                        "polygon has more than " + limits.maxPolygonVertices() + " vertices (maxPolygonVertices)");
            }
            double v = fields.number(p);
            coords = ensure(coords, n + 1);
            coords[n++] = v;
        }
        if (n == 4) {
            throw JsonSupport.invalid(p, source, "a polygon of 4 numbers (2 points) is not valid COCO; pycocotools would"
                    + " take it for a box (cocoapi#369)");
        }
        if ((n & 1) != 0) {
            throw JsonSupport.invalid(p, source, "polygon has an odd number of coordinates (" + n + ")");
        }
        if (n < 6) {
            throw JsonSupport.invalid(p, source, "polygon has " + n / 2 + " points, at least 3 are needed");
        }
        return Arrays.copyOf(coords, n);
    }

    private Mask rle(JsonParser p) {
        long height = -1;
        long width = -1;
        int[] counts = null;
        String compressed = null;
        String key;
        while ((key = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (key) {
                case "size" -> {
                    fields.expect(p, JsonToken.START_ARRAY, "an array [height, width]");
                    int k = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (k == 2) {
                            throw JsonSupport.invalid(p, source, "RLE size has more than 2 numbers [height, width]");
                        }
                        long v = fields.integer(p, 0, Long.MAX_VALUE);
                        if (v > limits.maxImageDimension()) {
                            throw new LimitExceededException(JsonSupport.location(p, source), "RLE " + (k == 0 ? "height " : "width ")
                                    + v + " exceeds the limit of " + limits.maxImageDimension() + " pixels");
                        }
                        if (k++ == 0) {
                            height = v;
                        } else {
                            width = v;
                        }
                    }
                    if (k != 2) {
                        throw JsonSupport.invalid(p, source, "RLE size needs 2 numbers [height, width], found " + k);
                    }
                }
                case "counts" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        compressed = p.getString();
                        int runs = 0;
                        for (int i = 0; i < compressed.length(); i++) {
                            runs += ((compressed.charAt(i) - 48) & 0x20) == 0 ? 1 : 0;
                        }
                        if (runs > limits.maxRleCounts()) {
                            throw rleLimit(p);
                        }
                    } else if (t == JsonToken.START_ARRAY) {
                        int n = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (n >= limits.maxRleCounts()) {
                                throw rleLimit(p);
                            }
                            int v = (int) fields.integer(p, 0, Integer.MAX_VALUE);
                            ints = ensure(ints, n + 1);
                            ints[n++] = v;
                        }
                        counts = Arrays.copyOf(ints, n);
                    } else {
                        throw fields.expected(p, "RLE counts (an array of run lengths or a compressed string)");
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (height < 0) {
            throw JsonSupport.invalid(p, source, "RLE without a size [height, width]");
        }
        if (counts == null && compressed == null) {
            throw JsonSupport.invalid(p, source, "RLE without counts");
        }
        int[] runs;
        try {
            runs = counts != null ? counts : Mask.decode(compressed);
        } catch (IllegalArgumentException e) {
            throw JsonSupport.invalid(p, source, "invalid compressed RLE counts: " + e.getMessage());
        }
        long total = 0;
        for (int r : runs) {
            total += r;
        }
        if (total != height * width) {
            throw JsonSupport.invalid(p, source, "RLE runs add up to " + total + " pixels, but size " + height + "x" + width
                    + " has " + height * width);
        }
        return counts != null ? Mask.ofCounts((int) height, (int) width, counts)
                : Mask.ofCompressed((int) height, (int) width, compressed);
    }

    private LimitExceededException rleLimit(JsonParser p) {
        return new LimitExceededException(JsonSupport.location(p, source),
                "RLE has more than " + limits.maxRleCounts() + " runs (maxRleCounts)");
    }

    /** COCO keypoints {@code [x1, y1, v1, ...]}; {@code null} for an empty array. */
    private Keypoints keypoints(JsonParser p) {
        fields.expect(p, JsonToken.START_ARRAY, "an array [x1, y1, v1, x2, y2, v2, ...]");
        int n = 0;
        int points = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (n % 3 == 0 && points >= limits.maxPolygonVertices()) {
                throw new LimitExceededException(JsonSupport.location(p, source),
                        "more than " + limits.maxPolygonVertices() + " keypoints (maxPolygonVertices)");
            }
            if (n % 3 == 2) {
                double v = fields.number(p);
                if (v != 0 && v != 1 && v != 2) {
                    throw JsonSupport.invalid(p, source, "keypoint visibility must be 0, 1 or 2, found " + p.getString());
                }
                ints = ensure(ints, points + 1);
                ints[points++] = (int) v;
            } else {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_STRING) {
                    throw fields.expected(p, "a keypoint coordinate");
                }
                double v = fields.number(p);
                int c = n / 3 * 2 + n % 3;
                coords = ensure(coords, c + 1);
                coords[c] = v;
            }
            n++;
        }
        if (n == 0) {
            return null;
        }
        if (n % 3 != 0) {
            throw JsonSupport.invalid(p, source, "keypoints has " + n + " numbers, not a multiple of 3 (x, y, visibility)");
        }
        return Keypoints.of(PointList.wrap(Arrays.copyOf(coords, points * 2)), Arrays.copyOf(ints, points));
    }

    // ---------------------------------------------------------------- derived values

    private static boolean sameBox(Box b, double[] bbox) {
        return b != null && b.x() == bbox[0] && b.y() == bbox[1] && b.width() == bbox[2] && b.height() == bbox[3];
    }

    /** The COCO {@code area} the writer computes for a geometry and its stated box; NaN when it has none. */
    static double area(Geometry g, Box objectBox) {
        if (g instanceof Box b) {
            return b.area();
        }
        if (g instanceof Polygon pg) {
            return pg.area();
        }
        if (g instanceof Mask m) {
            return m.area();
        }
        if (g instanceof Keypoints k) {
            // keypoints have no area of their own: the object's box, else the labelled points' extent
            Box b = objectBox != null ? objectBox : Geometries.bounds(k);
            return b == null ? Double.NaN : b.area();
        }
        return Double.NaN;
    }

    /** A polygon or mask as COCO JSON (for the segmentation kept beside keypoints). */
    static JsonValue segmentationJson(Geometry g) {
        if (g instanceof Mask m) {
            JsonValue counts;
            if (m.isCompressed()) {
                counts = new JsonString(m.compressedCounts());
            } else {
                List<JsonValue> list = new ArrayList<>();
                for (int c : m.counts()) {
                    list.add(JsonNumber.of(c));
                }
                counts = new JsonArray(list);
            }
            return JsonObject.builder().put("size", new JsonArray(List.of(JsonNumber.of(m.height()), JsonNumber.of(m.width()))))
                    .put("counts", counts).build();
        }
        Polygon pg = (Polygon) g;
        List<JsonValue> parts = new ArrayList<>(pg.parts().size());
        for (Polygon.Part part : pg.parts()) {
            PointList s = part.shell();
            List<JsonValue> xy = new ArrayList<>(s.coordinateCount());
            for (int i = 0; i < s.coordinateCount(); i++) {
                xy.add(coordinate(s.coordinate(i)));
            }
            parts.add(new JsonArray(xy));
        }
        return new JsonArray(parts);
    }

    private static JsonNumber coordinate(double v) {
        return v == (long) v && Math.abs(v) < 1e15 ? JsonNumber.of((long) v) : JsonNumber.of(v);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObject.Builder put(JsonObject.Builder b, String key, JsonValue value) {
        JsonObject.Builder out = b == null ? JsonObject.builder() : b;
        out.put(key, value);
        return out;
    }

    /** {@code {"coco": ext}}, or empty. */
    static JsonObject wrap(JsonObject.Builder ext) {
        return ext == null || ext.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(FORMAT, ext.build()).build();
    }

    private static double[] ensure(double[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    private static int[] ensure(int[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }
}
