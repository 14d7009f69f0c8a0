package dev.labelport.formats.csv;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Cuboid;
import dev.labelport.model.Geometry;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON cells of the labelport layout: the {@code points} cell of polygons, polylines,
 * points, keypoints, masks and cuboids, and the {@code attributes} and {@code extra} objects.
 * Decoding failures are {@link CellException}s, which the reader locates.
 */
final class GeometryCells {
    /** A cell that does not hold what its column promises; the reader adds row and column. */
    static final class CellException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean limit;

        CellException(String message, boolean limit) {
            super(message, null, false, false);
            this.limit = limit;
        }
    }

    private final JsonFactory factory;
    private final Limits limits;

    GeometryCells(Limits limits) {
        this.limits = limits;
        this.factory = JsonSupport.factory(limits);
    }

    // ------------------------------------------------------------------ reading

    /** The JSON value of a cell. */
    JsonValue parse(String cell) {
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), cell)) {
            if (p.nextToken() == null) {
                throw new CellException("empty JSON", false);
            }
            JsonValue v = JsonSupport.readValue(p);
            if (p.nextToken() != null) {
                throw new CellException("more than one JSON value", false);
            }
            return v;
        } catch (JacksonException e) {
            throw new CellException("not JSON: " + e.getOriginalMessage(), e.getClass().getSimpleName().contains("Constraints"));
        }
    }

    JsonObject object(String cell) {
        if (cell.isEmpty()) {
            return JsonObject.EMPTY;
        }
        if (parse(cell) instanceof JsonObject o) {
            return o;
        }
        throw new CellException("expected a JSON object", false);
    }

    Geometry polygon(String cell) {
        List<Polygon.Part> parts = new ArrayList<>();
        int vertices = 0;
        for (JsonValue part : array(parse(cell), "polygon parts")) {
            List<JsonValue> rings = array(part, "a polygon part (a list of rings)");
            if (rings.isEmpty()) {
                throw new CellException("a polygon part without rings", false);
            }
            PointList shell = null;
            List<PointList> holes = new ArrayList<>();
            for (JsonValue ring : rings) {
                PointList pl = pairs(ring, 2, null);
                vertices += pl.size();
                checkVertices(vertices);
                if (shell == null) {
                    shell = pl;
                } else {
                    holes.add(pl);
                }
            }
            parts.add(new Polygon.Part(shell, holes));
        }
        return build(() -> new Polygon(parts));
    }

    Geometry polyline(String cell) {
        PointList pl = pairs(parse(cell), 2, null);
        return build(() -> new Polyline(pl));
    }

    Geometry points(String cell) {
        PointList pl = pairs(parse(cell), 2, null);
        return build(() -> new Points(pl));
    }

    Geometry keypoints(String cell) {
        List<JsonValue> list = array(parse(cell), "keypoints");
        checkVertices(list.size());
        int[] v = new int[list.size()];
        PointList pl = pairs(new JsonArray(list), 3, v);
        return build(() -> Keypoints.of(pl, v));
    }

    Geometry mask(String cell) {
        if (!(parse(cell) instanceof JsonObject o)) {
            throw new CellException("a mask is {\"size\":[height,width],\"counts\":...}", false);
        }
        List<JsonValue> size = array(o.get("size"), "mask size [height, width]");
        if (size.size() != 2) {
            throw new CellException("mask size must be [height, width]", false);
        }
        int h = (int) integer(size.get(0), 0, limits.maxImageDimension(), "mask height");
        int w = (int) integer(size.get(1), 0, limits.maxImageDimension(), "mask width");
        JsonValue counts = o.get("counts");
        if (counts instanceof JsonString s) {
            if (s.value().length() > limits.maxRleCounts() * 2L) {
                throw new CellException("more RLE runs than the limit " + limits.maxRleCounts(), true);
            }
            return build(() -> Mask.ofCompressed(h, w, s.value()));
        }
        List<JsonValue> list = array(counts, "mask counts (a list or a compressed string)");
        if (list.size() > limits.maxRleCounts()) {
            throw new CellException(list.size() + " RLE runs exceed the limit " + limits.maxRleCounts(), true);
        }
        int[] c = new int[list.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) integer(list.get(i), 0, Integer.MAX_VALUE, "a run length");
        }
        return build(() -> Mask.ofCounts(h, w, c));
    }

    Geometry cuboid(String cell) {
        if (!(parse(cell) instanceof JsonObject o)) {
            throw new CellException("a cuboid is {\"center\":[x,y,z],\"size\":[l,w,h],\"rotation\":[yaw,pitch,roll]}", false);
        }
        double[] c = triple(o.get("center"), "center");
        double[] s = triple(o.get("size"), "size");
        double[] r = triple(o.get("rotation"), "rotation");
        return build(() -> new Cuboid(c[0], c[1], c[2], s[0], s[1], s[2], r[0], r[1], r[2]));
    }

    private double[] triple(JsonValue v, String what) {
        List<JsonValue> l = array(v, "cuboid " + what);
        if (l.size() != 3) {
            throw new CellException("cuboid " + what + " needs 3 numbers", false);
        }
        return new double[] {number(l.get(0)), number(l.get(1)), number(l.get(2))};
    }

    private PointList pairs(JsonValue v, int width, int[] visibility) {
        List<JsonValue> list = array(v, "a list of points");
        checkVertices(list.size());
        double[] xy = new double[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            List<JsonValue> p = array(list.get(i), "a point");
            if (p.size() != width) {
                throw new CellException("a point needs " + width + " numbers" + (width == 3 ? " (x, y, visibility)" : " (x, y)")
                        + ", point " + i + " has " + p.size(), false);
            }
            xy[2 * i] = number(p.get(0));
            xy[2 * i + 1] = number(p.get(1));
            if (visibility != null) {
                visibility[i] = (int) integer(p.get(2), 0, 2, "a visibility (0, 1 or 2)");
            }
        }
        return PointList.wrap(xy);
    }

    private void checkVertices(int n) {
        if (n > limits.maxPolygonVertices()) {
            throw new CellException(n + " points exceed the limit " + limits.maxPolygonVertices(), true);
        }
    }

    private static List<JsonValue> array(JsonValue v, String what) {
        if (v instanceof JsonArray a) {
            return a.values();
        }
        throw new CellException("expected " + what + " as a JSON array", false);
    }

    private static double number(JsonValue v) {
        if (v instanceof JsonNumber n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw new CellException("expected a finite number, got " + v, false);
    }

    private static long integer(JsonValue v, long min, long max, String what) {
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                long l = n.longValue();
                if (l >= min && l <= max) {
                    return l;
                }
            } catch (ArithmeticException e) {
                // out of range, reported below
            }
        }
        throw new CellException("expected " + what + " in [" + min + ", " + max + "], got " + v, false);
    }

    private static Geometry build(java.util.function.Supplier<Geometry> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new CellException(e.getMessage(), false);
        }
    }

    // ------------------------------------------------------------------ writing

    /** The points cell of a geometry, or {@code ""} for kinds that have none. */
    String write(Geometry g) {
        if (g instanceof Polygon p) {
            return json(j -> {
                j.writeStartArray();
                for (Polygon.Part part : p.parts()) {
                    j.writeStartArray();
                    writePairs(j, part.shell(), null);
                    for (PointList hole : part.holes()) {
                        writePairs(j, hole, null);
                    }
                    j.writeEndArray();
                }
                j.writeEndArray();
            });
        }
        if (g instanceof Polyline p) {
            return json(j -> writePairs(j, p.points(), null));
        }
        if (g instanceof Points p) {
            return json(j -> writePairs(j, p.points(), null));
        }
        if (g instanceof Keypoints k) {
            return json(j -> writePairs(j, k.points(), k));
        }
        if (g instanceof Mask m) {
            return json(j -> {
                j.writeStartObject();
                j.writeArrayPropertyStart("size");
                j.writeNumber(m.height());
                j.writeNumber(m.width());
                j.writeEndArray();
                j.writeName("counts");
                if (m.isCompressed()) {
                    j.writeString(m.compressedCounts());
                } else {
                    int[] c = m.counts();
                    j.writeArray(c, 0, c.length);
                }
                j.writeEndObject();
            });
        }
        if (g instanceof Cuboid c) {
            return json(j -> {
                j.writeStartObject();
                triple(j, "center", c.cx(), c.cy(), c.cz());
                triple(j, "size", c.length(), c.width(), c.height());
                triple(j, "rotation", c.yaw(), c.pitch(), c.roll());
                j.writeEndObject();
            });
        }
        return "";
    }

    /** A JSON object cell, {@code ""} when empty. */
    String write(JsonObject o) {
        return o.isEmpty() ? "" : json(j -> JsonSupport.writeValue(j, o));
    }

    private static void triple(JsonGenerator j, String name, double a, double b, double c) {
        j.writeArrayPropertyStart(name);
        JsonSupport.writeCoordinate(j, a);
        JsonSupport.writeCoordinate(j, b);
        JsonSupport.writeCoordinate(j, c);
        j.writeEndArray();
    }

    private static void writePairs(JsonGenerator j, PointList pl, Keypoints k) {
        j.writeStartArray();
        for (int i = 0; i < pl.size(); i++) {
            j.writeStartArray();
            JsonSupport.writeCoordinate(j, pl.x(i));
            JsonSupport.writeCoordinate(j, pl.y(i));
            if (k != null) {
                j.writeNumber(k.visibility(i));
            }
            j.writeEndArray();
        }
        j.writeEndArray();
    }

    private String json(java.util.function.Consumer<JsonGenerator> body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator j = factory.createGenerator(ObjectWriteContext.empty(), w)) {
            body.accept(j);
        }
        return w.toString();
    }
}
