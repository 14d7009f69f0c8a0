package dev.labelport.formats.avala;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.JsonFields;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.RecordOrigin;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.Cuboid;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.Tag;
import dev.labelport.model.Timestamp;
import dev.labelport.spi.ReadContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one annotation object of a result. Fields may come in any order; geometry fields are
 * interpreted once the {@code type} is known, and those the type does not use are kept as read.
 */
final class AnnotationReader {
    static final String BOX = "bounding_box";
    static final String POLYGON = "polygon";
    static final String POLYLINE = "polyline";
    static final String CUBOID = "cuboid";
    static final String KEYPOINTS = "keypoints";
    static final String CLASSIFICATION = "classification";
    static final List<String> TYPES = List.of(BOX, POLYGON, POLYLINE, CUBOID, KEYPOINTS, CLASSIFICATION);

    private final ReadContext ctx;
    private final JsonFields fields;
    private final String source;
    private final int maxVertices;
    private final int[] categoryCount;

    AnnotationReader(ReadContext ctx, int[] categoryCount) {
        this.ctx = ctx;
        this.source = ctx.sourceName();
        this.fields = new JsonFields(source);
        this.maxVertices = ctx.limits().maxPolygonVertices();
        this.categoryCount = categoryCount;
    }

    private record Raw(JsonValue value, Location where) {
    }

    private static final class Vertices {
        double[] xy = new double[16];
        int n;

        void add(double x, double y) {
            if (2 * n + 2 > xy.length) {
                xy = Arrays.copyOf(xy, xy.length * 2);
            }
            xy[2 * n] = x;
            xy[2 * n + 1] = y;
            n++;
        }

        PointList points() {
            return PointList.wrap(Arrays.copyOf(xy, 2 * n));
        }
    }

    private static final class Points {
        final Vertices xy = new Vertices();
        int[] visibility = new int[8];
        String[] names = new String[8];
        boolean named;

        void add(double x, double y, int v, String name) {
            int i = xy.n;
            xy.add(x, y);
            if (i == visibility.length) {
                visibility = Arrays.copyOf(visibility, i * 2);
                names = Arrays.copyOf(names, i * 2);
            }
            visibility[i] = v;
            names[i] = name;
            named |= name != null;
        }
    }

    /**
     * Reads the annotation whose {@code START_OBJECT} is the current token, leaving the parser on
     * its {@code END_OBJECT}. Locations in errors are relative to the slice being parsed.
     */
    Annotation read(JsonParser p, RecordOrigin slice, ProjectInfo project, int resultIndex) {
        fields.expect(p, JsonToken.START_OBJECT, "an annotation object");
        Location start = JsonSupport.location(p, source);
        Id id = null;
        String type = null;
        Location typeAt = null;
        String label = null;
        Location labelAt = null;
        JsonObject attributes = JsonObject.EMPTY;
        Annotator createdBy = null;
        Timestamp createdAt = null;
        Map<String, Object> geometry = new LinkedHashMap<>();
        JsonObject nestedRest = null;
        JsonObject.Builder extra = JsonObject.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "uid" -> {
                    String s = fields.scalarText(p);
                    id = s == null ? null : Id.of(s);
                }
                case "type" -> {
                    typeAt = JsonSupport.location(p, source);
                    type = fields.string(p);
                }
                case "label" -> {
                    labelAt = JsonSupport.location(p, source);
                    label = fields.string(p);
                }
                case "attributes" -> attributes = object(p);
                case "created_by" -> createdBy = Annotator.ofId(fields.scalarText(p));
                case "created_at" -> createdAt = Timestamp.parse(fields.string(p));
                case "coordinates" -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        nestedRest = readNested(p, type, geometry);
                    } else {
                        geometry.put(name, raw(p));
                    }
                }
                default -> {
                    if (!geometryMember(p, name, type, geometry)) {
                        extra.put(name, JsonSupport.readValue(p));
                    }
                }
            }
        }
        if (type == null) {
            throw new InvalidInputException(start, "annotation without a type");
        }
        if (!TYPES.contains(type)) {
            throw new InvalidInputException(typeAt, "unknown annotation type \"" + type + "\" (known: "
                    + String.join(", ", TYPES) + ")");
        }
        if (label == null) {
            throw new InvalidInputException(labelAt != null ? labelAt : start, "annotation without a label");
        }
        JsonObject.Builder ext = JsonObject.builder().put(Ext.RESULT, JsonNumber.of(resultIndex));
        Geometry g = geometry(type, geometry, start, ext);
        if (nestedRest != null && !nestedRest.isEmpty()) {
            if (type.equals(BOX)) {
                ext.put("coordinates" + Ext.EXTRA_SUFFIX, nestedRest);
            } else {
                extra.put("coordinates", nestedRest);
            }
        }
        for (Map.Entry<String, Object> left : geometry.entrySet()) {
            extra.put(left.getKey(), asJson(left.getValue()));
        }
        if (!extra.isEmpty()) {
            ext.put(Ext.EXTRA, extra.build());
        }
        Category category = project.category(label, slice.absolute(labelAt), ctx.reporter(), ctx.limits().maxCategories(),
                categoryCount);
        return Annotation.builder(g).id(id).category(category).attributes(attributes).annotator(createdBy)
                .created(createdAt).extensions(JsonObject.builder().put(AvalaFormat.ID, ext.build()).build()).build();
    }

    /**
     * Reads one geometry member ({@code vertices}, {@code points}, {@code center}, {@code x}...)
     * into {@code geometry}, streaming the point lists so that their limits hold; false when the
     * name is not a geometry member. The same members are read flat on the annotation and nested
     * under {@code coordinates}, so a name given in both places is an error.
     */
    private boolean geometryMember(JsonParser p, String name, String type, Map<String, Object> geometry) {
        Object value;
        Location where = here(p, source);
        switch (name) {
            case "vertices" -> value = type == null || type.equals(POLYGON) || type.equals(POLYLINE) ? readVertices(p) : raw(p);
            case "points", "keypoints" -> value = type == null || type.equals(KEYPOINTS) ? readPoints(p) : raw(p);
            case "center", "dimensions", "rotation", "x", "y", "width", "height" -> value = raw(p);
            default -> {
                return false;
            }
        }
        if (geometry.put(name, value) != null) {
            throw new InvalidInputException(where, "\"" + name + "\" given twice (flat and under \"coordinates\")");
        }
        return true;
    }

    /**
     * Reads a {@code coordinates} object: its geometry members go where the flat ones go, the
     * rest is returned to be kept.
     */
    private JsonObject readNested(JsonParser p, String type, Map<String, Object> geometry) {
        JsonObject.Builder rest = JsonObject.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            if (!geometryMember(p, name, type, geometry)) {
                rest.put(name, JsonSupport.readValue(p));
            }
        }
        return rest.build();
    }

    private Geometry geometry(String type, Map<String, Object> geo, Location start, JsonObject.Builder ext) {
        switch (type) {
            case BOX:
                return box(geo, start, ext);
            case POLYGON:
                return Polygon.of(vertices(geo, type, start));
            case POLYLINE:
                return new Polyline(vertices(geo, type, start));
            case CUBOID:
                return cuboid(geo, start, ext);
            case KEYPOINTS:
                return keypoints(geo, start, ext);
            default:
                return Tag.INSTANCE;
        }
    }

    private Box box(Map<String, Object> geo, Location start, JsonObject.Builder ext) {
        double x, y, w, h;
        Location wAt, hAt;
        if (geo.containsKey("coordinates")) {
            Raw c = (Raw) geo.remove("coordinates");
            JsonObject o = objectValue(c);
            x = member(o, "x", c.where());
            y = member(o, "y", c.where());
            w = member(o, "width", c.where());
            h = member(o, "height", c.where());
            wAt = sub(c.where(), "width");
            hAt = sub(c.where(), "height");
            keepRest(ext, "coordinates", o, "x", "y", "width", "height");
        } else if (geo.containsKey("x") || geo.containsKey("width")) {
            x = flat(geo, "x", start);
            y = flat(geo, "y", start);
            Raw rw = (Raw) geo.get("width");
            Raw rh = (Raw) geo.get("height");
            w = flat(geo, "width", start);
            h = flat(geo, "height", start);
            wAt = rw.where();
            hAt = rh.where();
        } else {
            throw new InvalidInputException(start, "bounding_box without coordinates (nested or flat x, y, width, height)");
        }
        if (w < 0) {
            throw new InvalidInputException(wAt, "negative width " + w);
        }
        if (h < 0) {
            throw new InvalidInputException(hAt, "negative height " + h);
        }
        return new Box(x, y, w, h);
    }

    private PointList vertices(Map<String, Object> geo, String type, Location start) {
        Object v = geo.remove("vertices");
        if (v == null) {
            throw new InvalidInputException(start, type + " without vertices");
        }
        return ((Vertices) v).points();
    }

    private Cuboid cuboid(Map<String, Object> geo, Location start, JsonObject.Builder ext) {
        Raw c = (Raw) geo.remove("center");
        Raw d = (Raw) geo.remove("dimensions");
        if (c == null || d == null) {
            throw new InvalidInputException(start, "cuboid without " + (c == null ? "center" : "dimensions"));
        }
        JsonObject center = objectValue(c);
        JsonObject dims = objectValue(d);
        double[] size = {member(dims, "length", d.where()), member(dims, "width", d.where()), member(dims, "height", d.where())};
        String[] sizeNames = {"length", "width", "height"};
        for (int i = 0; i < 3; i++) {
            if (size[i] < 0) {
                throw new InvalidInputException(sub(d.where(), sizeNames[i]), "negative " + sizeNames[i] + " " + size[i]);
            }
        }
        double yaw = 0, pitch = 0, roll = 0;
        if (geo.containsKey("rotation")) {
            Raw r = (Raw) geo.remove("rotation");
            JsonObject rot = objectValue(r);
            yaw = optionalMember(rot, "yaw", r.where());
            pitch = optionalMember(rot, "pitch", r.where());
            roll = optionalMember(rot, "roll", r.where());
            keepRest(ext, "rotation", rot, "yaw", "pitch", "roll");
        }
        keepRest(ext, "center", center, "x", "y", "z");
        keepRest(ext, "dimensions", dims, "length", "width", "height");
        return new Cuboid(member(center, "x", c.where()), member(center, "y", c.where()), member(center, "z", c.where()),
                size[0], size[1], size[2], yaw, pitch, roll);
    }

    private Keypoints keypoints(Map<String, Object> geo, Location start, JsonObject.Builder ext) {
        Object v = geo.containsKey("points") ? geo.remove("points") : geo.remove("keypoints");
        if (v == null) {
            throw new InvalidInputException(start, "keypoints without points");
        }
        Points pts = (Points) v;
        if (pts.named) {
            List<JsonValue> names = new ArrayList<>(pts.xy.n);
            for (int i = 0; i < pts.xy.n; i++) {
                names.add(JsonValue.of(pts.names[i]));
            }
            ext.put(Ext.POINT_NAMES, new JsonArray(names));
        }
        return Keypoints.of(pts.xy.points(), Arrays.copyOf(pts.visibility, pts.xy.n));
    }

    // --- streaming parts (limits checked before growing) ---

    private Vertices readVertices(JsonParser p) {
        fields.expect(p, JsonToken.START_ARRAY, "an array of [x, y] vertices");
        Vertices v = new Vertices();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (v.n >= maxVertices) {
                throw new LimitExceededException(here(p, source), "more than " + maxVertices + " vertices");
            }
            if (p.currentToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                double x = fields.number(p);
                p.nextToken();
                double y = fields.number(p);
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw fields.expected(p, "the end of an [x, y] pair");
                }
                v.add(x, y);
            } else if (p.currentToken() == JsonToken.START_OBJECT) {
                Double x = null, y = null;
                String n;
                while ((n = p.nextName()) != null) {
                    p.nextToken();
                    switch (n) {
                        case "x" -> x = fields.number(p);
                        case "y" -> y = fields.number(p);
                        default -> throw JsonSupport.invalid(p, source, "unexpected field \"" + n + "\" in a vertex");
                    }
                }
                if (x == null || y == null) {
                    throw JsonSupport.invalid(p, source, "vertex without " + (x == null ? "x" : "y"));
                }
                v.add(x, y);
            } else {
                throw fields.expected(p, "an [x, y] vertex");
            }
        }
        return v;
    }

    private Points readPoints(JsonParser p) {
        fields.expect(p, JsonToken.START_ARRAY, "an array of keypoints");
        Points pts = new Points();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (pts.xy.n >= maxVertices) {
                throw new LimitExceededException(here(p, source), "more than " + maxVertices + " keypoints");
            }
            if (p.currentToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                double x = fields.number(p);
                p.nextToken();
                double y = fields.number(p);
                int vis = 2;
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    vis = (int) fields.integer(p, 0, 2);
                    if (p.nextToken() != JsonToken.END_ARRAY) {
                        throw fields.expected(p, "the end of an [x, y, visibility] keypoint");
                    }
                }
                pts.add(x, y, vis, null);
            } else if (p.currentToken() == JsonToken.START_OBJECT) {
                Double x = null, y = null;
                int vis = 2;
                String pointName = null;
                String n;
                while ((n = p.nextName()) != null) {
                    p.nextToken();
                    switch (n) {
                        case "x" -> x = fields.number(p);
                        case "y" -> y = fields.number(p);
                        case "visibility", "v" -> vis = (int) fields.integer(p, 0, 2);
                        case "visible" -> vis = fields.flag(p) ? 2 : 1;
                        case "name" -> pointName = fields.string(p);
                        default -> throw JsonSupport.invalid(p, source, "unexpected field \"" + n + "\" in a keypoint");
                    }
                }
                if (x == null || y == null) {
                    throw JsonSupport.invalid(p, source, "keypoint without " + (x == null ? "x" : "y"));
                }
                pts.add(x, y, vis, pointName);
            } else {
                throw fields.expected(p, "a keypoint object");
            }
        }
        return pts;
    }

    /**
     * The location of the current token; at the start of an array, with the path of the array
     * itself rather than of its (not yet read) first element.
     */
    static Location here(JsonParser p, String source) {
        Location l = JsonSupport.location(p, source);
        if (p.currentToken() == JsonToken.START_ARRAY && p.streamReadContext().getParent() != null) {
            return l.withPath(JsonSupport.path(p.streamReadContext().getParent()));
        }
        return l;
    }

    private Raw raw(JsonParser p) {
        Location where = here(p, source);
        return new Raw(JsonSupport.readValue(p), where);
    }

    private JsonObject object(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return JsonObject.EMPTY;
        }
        fields.expect(p, JsonToken.START_OBJECT, "an object");
        return (JsonObject) JsonSupport.readValue(p);
    }

    // --- values read whole ---

    private static JsonObject objectValue(Raw r) {
        if (r.value() instanceof JsonObject o) {
            return o;
        }
        throw new InvalidInputException(r.where(), "expected an object, found " + describe(r.value()));
    }

    private static double member(JsonObject o, String key, Location where) {
        JsonValue v = o.get(key);
        if (v == null) {
            throw new InvalidInputException(where, "missing \"" + key + "\"");
        }
        return number(v, sub(where, key));
    }

    private static double optionalMember(JsonObject o, String key, Location where) {
        return o.has(key) ? number(o.get(key), sub(where, key)) : 0;
    }

    private static double flat(Map<String, Object> geo, String key, Location start) {
        Raw r = (Raw) geo.remove(key);
        if (r == null) {
            throw new InvalidInputException(start, "bounding_box without \"" + key + "\"");
        }
        return number(r.value(), r.where());
    }

    private static double number(JsonValue v, Location where) {
        double d = Double.NaN;
        if (v instanceof JsonNumber n) {
            d = n.doubleValue();
        } else if (v instanceof JsonString s) {
            try {
                d = Double.parseDouble(s.value().trim());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
        }
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(where, "expected a number, found " + describe(v));
        }
        return d;
    }

    private static void keepRest(JsonObject.Builder ext, String key, JsonObject o, String... known) {
        JsonObject.Builder rest = o.toBuilder();
        for (String k : known) {
            rest.remove(k);
        }
        if (!rest.isEmpty()) {
            ext.put(key + Ext.EXTRA_SUFFIX, rest.build());
        }
    }

    private static Location sub(Location where, String key) {
        return where.withPath(RecordOrigin.join(where.path(), key));
    }

    private static String describe(JsonValue v) {
        if (v instanceof JsonObject) {
            return "an object";
        }
        if (v instanceof JsonArray) {
            return "an array";
        }
        if (v instanceof JsonString) {
            return "a string";
        }
        if (v instanceof JsonNumber) {
            return "a number";
        }
        return v == JsonNull.INSTANCE ? "null" : "a boolean";
    }

    /** A geometry field the type did not use, back as JSON. */
    private static JsonValue asJson(Object o) {
        if (o instanceof Raw r) {
            return r.value();
        }
        if (o instanceof Vertices v) {
            List<JsonValue> out = new ArrayList<>(v.n);
            for (int i = 0; i < v.n; i++) {
                out.add(new JsonArray(List.of(JsonNumber.of(v.xy[2 * i]), JsonNumber.of(v.xy[2 * i + 1]))));
            }
            return new JsonArray(out);
        }
        Points p = (Points) o;
        List<JsonValue> out = new ArrayList<>(p.xy.n);
        for (int i = 0; i < p.xy.n; i++) {
            JsonObject.Builder b = JsonObject.builder().put("x", JsonNumber.of(p.xy.xy[2 * i]))
                    .put("y", JsonNumber.of(p.xy.xy[2 * i + 1])).put("visibility", JsonNumber.of(p.visibility[i]));
            if (p.names[i] != null) {
                b.put("name", p.names[i]);
            }
            out.add(b.build());
        }
        return new JsonArray(out);
    }
}
