package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A SageMaker Ground Truth augmented manifest, one JSON record per line, read one line at a time:
 * {@code source} is the document; the label attribute holds {@code annotations.entities}
 * ({@code startOffset}/{@code endOffset}/{@code label}, also {@code beginOffset}/{@code type}) for
 * entities, or a class index (list of indices) with {@code class-name} ({@code class-map}) in its
 * metadata for classification.
 */
final class ManifestSource implements AnnotationSource {
    private final ReadContext ctx;
    private final String source;
    private final ComprehendFormat.Settings settings;
    private final JsonFactory factory;
    private final TextFiles.Lines lines;
    private final DatasetHeader header;
    private final Categories categories;
    private String attribute;
    private String pending;
    private long items;
    private boolean closed;

    ManifestSource(Path file, String source, ReadContext ctx, ComprehendFormat.Settings settings) {
        this.ctx = ctx;
        this.source = source;
        this.settings = settings;
        this.categories = new Categories(ctx, "labels");
        this.factory = JsonSupport.factory(ctx.limits());
        this.lines = new TextFiles.Lines(file, source, ctx.limits().maxLineLength());
        this.attribute = settings.attribute();
        String task = "entities";
        try {
            pending = nextLine();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        try {
            if (pending != null && attribute == null) {
                JsonObject first = parse(pending);
                attribute = attributeOf(first);
                task = attribute != null && first.get(attribute) instanceof JsonObject ? "entities" : "classification";
            }
        } catch (InvalidInputException e) {
            // reported again, located, when the line is read as an item
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        JsonObject.Builder ext = JsonObject.builder().put("task", task).put("flavour", "manifest");
        if (attribute != null) {
            ext.put("attribute", attribute);
        }
        this.header = Categories.header(List.of(), ext.build());
    }

    private String nextLine() {
        for (String l = lines.next(); l != null; l = lines.next()) {
            if (!l.isBlank()) {
                return l;
            }
        }
        return null;
    }

    /** The label attribute: the first member (not {@code -metadata}, not {@code source}) holding annotations or class indices. */
    private static String attributeOf(JsonObject record) {
        for (Map.Entry<String, JsonValue> e : record.members().entrySet()) {
            String k = e.getKey();
            if (k.equals("source") || k.endsWith("-metadata")) {
                continue;
            }
            JsonValue v = e.getValue();
            if (v instanceof JsonObject o && o.get("annotations") instanceof JsonObject
                    || v instanceof JsonNumber || v instanceof JsonArray) {
                return k;
            }
        }
        return null;
    }

    private JsonObject parse(String line) {
        long lineNo = lines.lineNumber();
        JsonParser p = null;
        try {
            p = factory.createParser(ObjectReadContext.empty(), line);
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new InvalidInputException(Location.ofLine(source, lineNo), "expected a JSON object per line, found "
                        + JsonSupport.describe(t));
            }
            JsonValue v = JsonSupport.readValue(p);
            if (p.nextToken() != null) {
                throw new InvalidInputException(Location.ofLine(source, lineNo), "more than one JSON value on the line");
            }
            return (JsonObject) v;
        } catch (JacksonException e) {
            LabelportException l = JsonSupport.translate(e, p, source);
            Location at = new Location(source, lineNo, l.location().column(), -1, l.location().path());
            throw l instanceof LimitExceededException ? new LimitExceededException(at, l.detail(), e)
                    : new InvalidInputException(at, l.detail(), e);
        } finally {
            if (p != null) {
                p.close();
            }
        }
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        while (!closed) {
            String line = pending != null ? pending : nextLine();
            pending = null;
            if (line == null) {
                return null;
            }
            try {
                return item(parse(line), lines.lineNumber());
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return null;
    }

    private Item item(JsonObject rec, long lineNo) {
        Location at = Location.ofLine(source, lineNo);
        if (!(rec.get("source") instanceof JsonString src)) {
            throw new InvalidInputException(at.withPath("source"), "a record needs the document text in \"source\"");
        }
        String attr = attribute != null ? attribute : attributeOf(rec);
        JsonValue labels = attr == null ? null : rec.get(attr);
        if (labels == null) {
            throw new InvalidInputException(at, "no label attribute" + (attr == null ? " (a member holding annotations)" : " '" + attr + "'"));
        }
        JsonObject meta = rec.has(attr + "-metadata") ? rec.object(attr + "-metadata") : null;
        List<Annotation> anns = labels instanceof JsonObject o ? entities(o, new Spans.Doc(src.value()), at, attr)
                : classes(labels, meta, at, attr);
        JsonObject.Builder ext = JsonObject.builder();
        if (meta != null) {
            ext.put("metadata", meta);
        }
        if (labels instanceof JsonObject o && o.object("annotations").get("labels") != null
                && !o.object("annotations").get("labels").equals(derivedLabels(anns))) {
            ext.put("labels", o.object("annotations").get("labels")); // not what a writer derives from the entities
        }
        JsonObject.Builder other = JsonObject.builder();
        for (Map.Entry<String, JsonValue> e : rec.members().entrySet()) {
            if (!e.getKey().equals("source") && !e.getKey().equals(attr) && !e.getKey().equals(attr + "-metadata")) {
                other.put(e.getKey(), e.getValue());
            }
        }
        if (!other.isEmpty()) {
            ext.put("other", other.build());
        }
        if (!attr.equals(attribute)) {
            ext.put("attribute", attr);
        }
        return Item.text(Id.of(++items), TextContent.of(src.value())).annotations(anns)
                .extensions(ext.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put(ComprehendFormat.ID, ext.build()).build())
                .build();
    }

    /** {@code [{"label": type}, ...]}: the entity types in order of first appearance, as the writer writes them. */
    static JsonArray derivedLabels(List<Annotation> anns) {
        java.util.LinkedHashSet<String> types = new java.util.LinkedHashSet<>();
        for (Annotation a : anns) {
            types.add(a.category().name());
        }
        List<JsonValue> out = new ArrayList<>();
        for (String t : types) {
            out.add(JsonObject.builder().put("label", t).build());
        }
        return new JsonArray(out);
    }

    private List<Annotation> entities(JsonObject labels, Spans.Doc doc, Location at, String attr) {
        JsonObject annotations = labels.object("annotations");
        JsonValue list = annotations == null ? null : annotations.get("entities");
        if (!(list instanceof JsonArray arr)) {
            throw new InvalidInputException(at.withPath(attr + ".annotations.entities"), "expected an array of entities");
        }
        List<Annotation> anns = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            Location here = at.withPath(attr + ".annotations.entities[" + i + "]");
            JsonObject e = arr.values().get(i) instanceof JsonObject o ? o : JsonObject.EMPTY;
            int begin = offset(e, "startOffset", "beginOffset", here);
            int end = offset(e, "endOffset", null, here);
            String type = e.string("label") != null ? e.string("label") : e.string("type");
            if (type == null || type.isEmpty()) {
                throw new InvalidInputException(here, "an entity needs a \"label\"");
            }
            TextSpan span = Spans.read(doc, begin, end, type, here, "the source", ctx, settings.spanCheck());
            if (span != null) {
                anns.add(Annotation.builder(span).category(categories.get(type, here)).build());
            }
        }
        return anns;
    }

    private static int offset(JsonObject e, String key, String alias, Location at) {
        JsonValue v = e.get(key) != null || alias == null ? e.get(key) : e.get(alias);
        if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
            return (int) n.longValue();
        }
        throw new InvalidInputException(at.withPath(at.path() + "." + key), "expected \"" + key + "\" as an integer from 0");
    }

    private List<Annotation> classes(JsonValue labels, JsonObject meta, Location at, String attr) {
        List<JsonValue> indices = labels instanceof JsonArray a ? a.values() : List.of(labels);
        List<Annotation> anns = new ArrayList<>(indices.size());
        JsonObject classMap = meta == null || !meta.has("class-map") ? null : meta.object("class-map");
        for (JsonValue v : indices) {
            String name = null;
            if (v instanceof JsonNumber n && n.isIntegral()) {
                name = classMap != null ? classMap.string(Long.toString(n.longValue())) : meta == null ? null : meta.string("class-name");
            }
            if (name == null || name.isEmpty()) {
                throw new InvalidInputException(at.withPath(attr), "class " + v + " has no name in " + attr
                        + "-metadata (class-name or class-map)");
            }
            anns.add(Annotation.builder(Tag.INSTANCE).category(categories.get(name, at)).build());
        }
        return anns;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lines.close();
        }
    }
}
