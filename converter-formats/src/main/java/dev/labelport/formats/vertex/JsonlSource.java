package dev.labelport.formats.vertex;

import dev.labelport.internal.Excerpts;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.internal.ForeignFields;
import dev.labelport.internal.JsonFields;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.RecordOrigin;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.spi.ReadContext;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a Vertex JSON Lines file: one data item per line, each line parsed with its own
 * streaming parser so that errors name the file's line and the JSON path inside it, and a bad
 * line is skipped on its own under the lenient policy.
 */
final class JsonlSource extends VertexSource {
    private final ByteLines lines;
    private final JsonFactory factory;
    private final JsonFields fields;
    private final DatasetHeader header;
    private boolean closed;

    /** A text segment as read, resolved against the text once the whole line is read. */
    private record Segment(long start, long end, String name, String content, JsonObject labels, JsonObject extra,
                           Location at) {
    }

    JsonlSource(InputStream in, ReadContext ctx, VertexFormat.ReadSettings settings) {
        super(ctx, settings);
        this.lines = new ByteLines(in, source, ctx.limits().maxLineLength());
        this.factory = JsonSupport.factory(ctx.limits());
        this.fields = new JsonFields(source);
        this.header = header(JSONL, null);
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
        while (lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            RecordOrigin origin = new RecordOrigin(source, lines.offset(), lines.lineNumber(), 1, null);
            try {
                return parseLine(origin);
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        endNotes();
        return null;
    }

    private Item parseLine(RecordOrigin origin) {
        JsonParser p = null;
        try {
            p = factory.createParser(ObjectReadContext.empty(), lines.bytes(), 0, lines.length());
            return parseRecord(p, origin);
        } catch (JacksonException e) {
            throw asInvalid(origin.absolute(JsonSupport.translate(e, p, source)));
        } catch (LabelportException e) {
            throw asInvalid(origin.absolute(e));
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (JacksonException ignored) {
                    // nothing held
                }
            }
        }
    }

    /** Limit errors propagate as they are; the rest are invalid records. */
    private static InvalidInputException asInvalid(LabelportException e) {
        if (e instanceof InvalidInputException i) {
            return i;
        }
        throw e;
    }

    private Item parseRecord(JsonParser p, RecordOrigin origin) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fields.expected(p, "a JSON object (one data item per line)");
        }
        String image = null;
        String text = null;
        String textUri = null;
        String mlUse = null;
        boolean labelsAsArray = false;
        JsonObject.Builder itemLabels = JsonObject.builder();
        JsonObject.Builder extra = JsonObject.builder();
        List<Object> pending = new ArrayList<>(); // Annotation or Segment, in file order
        int tags = 0;
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "imageGcsUri" -> image = requiredString(p);
                case "textContent" -> text = requiredString(p);
                case "textGcsUri" -> textUri = requiredString(p);
                case "classificationAnnotation" -> {
                    if (p.currentToken() != JsonToken.VALUE_NULL) {
                        pending.add(classification(p));
                        tags++;
                    }
                }
                case "classificationAnnotations" -> {
                    int before = tags;
                    for (JsonToken t = startArray(p); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        pending.add(classification(p));
                        tags++;
                    }
                    labelsAsArray = tags - before <= 1;
                }
                case "boundingBoxAnnotations" -> {
                    for (JsonToken t = startArray(p); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        pending.add(box(p));
                    }
                }
                case "textSegmentAnnotations" -> {
                    for (JsonToken t = startArray(p); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        pending.add(segment(p));
                    }
                }
                case "dataItemResourceLabels" -> mlUse = resourceLabels(p, itemLabels, true);
                default -> extra.put(name, JsonSupport.readValue(p));
            }
        }
        if (p.nextToken() != null) {
            throw JsonSupport.invalid(p, source, "more than one JSON value on a line (JSON Lines holds one data item per line)");
        }
        Location at = Location.ofLine(source, 1); // made absolute by the caller
        int media = (image != null ? 1 : 0) + (text != null ? 1 : 0) + (textUri != null ? 1 : 0);
        if (media != 1) {
            throw new InvalidInputException(at, media == 0
                    ? "a data item needs imageGcsUri, textContent or textGcsUri"
                    : "a data item has only one of imageGcsUri, textContent and textGcsUri");
        }
        JsonObject.Builder ext = JsonObject.builder();
        JsonObject.Builder derived = JsonObject.builder();
        if (mlUse != null) {
            derived.put("mlUse", mlUse);
        }
        if (!itemLabels.isEmpty()) {
            ext.put("dataItemResourceLabels", itemLabels.build());
        }
        if (!extra.isEmpty()) {
            ext.put("extra", extra.build());
        }
        if (labelsAsArray) {
            derived.put("labelsAsArray", JsonValue.of(true));
        }
        if (!derived.isEmpty()) {
            ext.put(ForeignFields.DERIVED, derived.build());
        }
        noteIds("image item ids are their imageGcsUri; text item ids are line numbers");
        Item.Builder item;
        if (image != null) {
            for (Object o : pending) {
                if (o instanceof Segment s) {
                    throw new InvalidInputException(s.at(), "an image item cannot have textSegmentAnnotations");
                }
            }
            boolean uri = isUri(image);
            item = Item.image(Id.of(image)).uri(uri ? image : null).fileName(uri ? lastSegment(image) : image).normalized(true);
        } else {
            item = textItem(text, textUri, pending, ext, origin);
        }
        List<Annotation> annotations = new ArrayList<>(pending.size());
        for (Object o : pending) {
            if (o instanceof Annotation a) {
                annotations.add(a);
            } else if (text != null) {
                annotations.add(span((Segment) o, text, origin));
            }
        }
        return item.split(mlUse == null ? null : MlUse.toSplit(mlUse)).annotations(annotations)
                .extensions(ext.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(VertexFormat.ID, ext.build()).build())
                .build();
    }

    private Item.Builder textItem(String text, String textUri, List<Object> pending, JsonObject.Builder ext,
                                  RecordOrigin origin) {
        Id id = Id.of(origin.line());
        if (text != null) {
            return Item.text(id, TextContent.of(text));
        }
        // the text is in Cloud Storage: keep the segments as written, for a Vertex round trip
        List<JsonValue> raw = new ArrayList<>();
        for (Object o : pending) {
            if (o instanceof Segment s) {
                JsonObject.Builder b = JsonObject.builder().put("startOffset", JsonNumber.of(s.start()))
                        .put("endOffset", JsonNumber.of(s.end())).put("displayName", s.name());
                if (s.content() != null) {
                    b.put("content", s.content());
                }
                if (!s.labels().isEmpty()) {
                    b.put("annotationResourceLabels", s.labels());
                }
                s.extra().members().forEach(b::put);
                raw.add(b.build());
            }
        }
        if (!raw.isEmpty()) {
            ext.put("textSegmentAnnotations", new JsonArray(raw));
        }
        textsNotInline++;
        return Item.text(id, TextContent.of("")).uri(textUri).fileName(lastSegment(textUri));
    }

    private JsonToken startArray(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return JsonToken.END_ARRAY;
        }
        fields.expect(p, JsonToken.START_ARRAY, "an array");
        return p.nextToken();
    }

    private String requiredString(JsonParser p) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fields.expected(p, "a string");
        }
        return p.getString();
    }

    /**
     * Reads an object of string labels into {@code into}; for the data item's labels, returns
     * the ml_use value (which is not copied).
     */
    private String resourceLabels(JsonParser p, JsonObject.Builder into, boolean item) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        fields.expect(p, JsonToken.START_OBJECT, "an object of labels");
        String mlUse = null;
        String key;
        while ((key = p.nextName()) != null) {
            p.nextToken();
            if (item && key.equals(MlUse.LABEL)) {
                mlUse = requiredString(p);
            } else {
                into.put(key, JsonSupport.readValue(p));
            }
        }
        return mlUse;
    }

    /** The keys every annotation object has: displayName, annotationResourceLabels and unknown ones. */
    private final class Common {
        private final Location start;
        private final String what;
        private String display;
        private final JsonObject.Builder labels = JsonObject.builder();
        private final JsonObject.Builder extra = JsonObject.builder();

        Common(JsonParser p, String what) {
            this.start = JsonSupport.location(p, source);
            this.what = what;
            fields.expect(p, JsonToken.START_OBJECT, what + " object");
        }

        void read(String key, JsonParser p) {
            switch (key) {
                case "displayName" -> display = requiredString(p);
                case "annotationResourceLabels" -> resourceLabels(p, labels, false);
                default -> extra.put(key, JsonSupport.readValue(p));
            }
        }

        String display() {
            if (display == null) {
                throw new InvalidInputException(start, what + " needs a displayName");
            }
            return display;
        }

        JsonObject extension() {
            return annotationExtension(labels.build(), extra.build(), null);
        }
    }

    private Annotation classification(JsonParser p) {
        Common c = new Common(p, "a classification annotation");
        String key;
        while ((key = p.nextName()) != null) {
            p.nextToken();
            c.read(key, p);
        }
        return Annotation.builder(Tag.INSTANCE).category(category(c.display(), c.start)).extensions(c.extension()).build();
    }

    private Annotation box(JsonParser p) {
        Common c = new Common(p, "a bounding box");
        double[] v = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        String key;
        while ((key = p.nextName()) != null) {
            p.nextToken();
            switch (key) {
                case "xMin" -> v[0] = coordinate(p);
                case "yMin" -> v[1] = coordinate(p);
                case "xMax" -> v[2] = coordinate(p);
                case "yMax" -> v[3] = coordinate(p);
                default -> c.read(key, p);
            }
        }
        String[] names = {"xMin", "yMin", "xMax", "yMax"};
        for (int i = 0; i < 4; i++) {
            if (Double.isNaN(v[i])) {
                throw new InvalidInputException(c.start, "a bounding box needs xMin, yMin, xMax and yMax: " + names[i] + " is missing");
            }
        }
        String display = c.display();
        if (v[2] < v[0] || v[3] < v[1]) {
            throw new InvalidInputException(c.start, "xMax must not be below xMin, nor yMax below yMin: xMin=" + v[0]
                    + ", xMax=" + v[2] + ", yMin=" + v[1] + ", yMax=" + v[3]);
        }
        return Annotation.builder(new Box(v[0], v[1], v[2] - v[0], v[3] - v[1])).category(category(display, c.start))
                .extensions(c.extension()).build();
    }

    private double coordinate(JsonParser p) {
        double d = fields.number(p);
        if (Math.abs(d) > 1e6) {
            throw JsonSupport.invalid(p, source, "a normalised coordinate should be within [0, 1], found " + d);
        }
        return d;
    }

    private Segment segment(JsonParser p) {
        Common c = new Common(p, "a text segment");
        long from = Long.MIN_VALUE;
        long to = Long.MIN_VALUE;
        String content = null;
        String key;
        while ((key = p.nextName()) != null) {
            p.nextToken();
            switch (key) {
                case "startOffset" -> from = fields.integer(p, 0, Integer.MAX_VALUE);
                case "endOffset" -> to = fields.integer(p, -1, Integer.MAX_VALUE);
                case "content" -> content = fields.string(p);
                default -> c.read(key, p);
            }
        }
        if (from == Long.MIN_VALUE || to == Long.MIN_VALUE) {
            throw new InvalidInputException(c.start, "a text segment needs startOffset and endOffset");
        }
        return new Segment(from, to, c.display(), content, c.labels.build(), c.extra.build(), c.start);
    }

    /** The segment in code points of {@code text}, checked against it. */
    private Annotation span(Segment s, String text, RecordOrigin origin) {
        OffsetUnit unit = settings.unit();
        int start = unit.toCodePoints(text, s.start());
        int end;
        if (settings.inclusiveEnd()) {
            end = s.end() + 1 == s.start() ? start : unit.toCodePoints(text, s.end());
            if (end >= 0 && s.end() + 1 != s.start()) {
                end = end < text.codePointCount(0, text.length()) ? end + 1 : -1;
            }
        } else {
            end = unit.toCodePoints(text, s.end());
        }
        if (start < 0 || end < 0 || end < start) {
            throw new InvalidInputException(s.at(), "text segment [" + s.start() + ", " + s.end() + (settings.inclusiveEnd()
                    ? "] (inclusive end)" : ")") + " does not fit the text of " + length(text, unit) + " " + unit.id()
                    + (start >= 0 && end >= 0 ? ": it ends before it starts" : " or cuts a character")
                    + " (offset-unit=" + unit.id() + ", end-offset=" + (settings.inclusiveEnd() ? "inclusive" : "exclusive") + ")");
        }
        TextContent content = TextContent.of(text);
        String covered = content.slice(start, end);
        if (s.content() != null && !s.content().equals(covered)) {
            String detail = "text segment [" + s.start() + ", " + s.end() + ") covers '" + excerpt(covered)
                    + "' but its content is '" + excerpt(s.content()) + "'";
            if (settings.mismatch() == VertexFormat.Mismatch.FAIL) {
                throw new InvalidInputException(s.at(), detail + " (span-mismatch=report keeps the offsets)");
            }
            ctx.reporter().loss(VertexFormat.SPAN_TEXT_MISMATCH, origin.absolute(s.at()), detail);
        }
        return Annotation.builder(new TextSpan(start, end, covered)).category(category(s.name(), s.at()))
                .extensions(annotationExtension(s.labels(), s.extra(), null))
                .build();
    }

    private static long length(String text, OffsetUnit unit) {
        return switch (unit) {
            case CODE_POINTS -> text.codePointCount(0, text.length());
            case UTF16 -> text.length();
            case UTF8 -> unit.fromCodePoints(text, text.codePointCount(0, text.length()));
        };
    }

    private static String excerpt(String s) {
        return Excerpts.of(s);
    }

    static JsonObject annotationExtension(JsonObject labels, JsonObject extra, Integer vertices) {
        if (labels.isEmpty() && extra.isEmpty() && vertices == null) {
            return JsonObject.EMPTY;
        }
        JsonObject.Builder ext = JsonObject.builder();
        if (!labels.isEmpty()) {
            ext.put("annotationResourceLabels", labels);
        }
        if (!extra.isEmpty()) {
            ext.put("extra", extra);
        }
        if (vertices != null) {
            ext.put(ForeignFields.DERIVED, JsonObject.builder().put("vertices", JsonValue.of(vertices)).build());
        }
        return JsonObject.builder().put(VertexFormat.ID, ext.build()).build();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lines.close();
        }
    }
}
