package dev.labelport.formats.avala;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.Cuboid;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.Tag;
import dev.labelport.model.Timestamp;
import dev.labelport.spi.FormatProvider;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * Arbitrary datasets survive a write and a read (within what Avala holds), and a dataset read
 * from Avala survives a second write and read exactly.
 */
class AvalaRoundTripProperties {
    private final FormatProvider avala = FormatRegistry.discover().require("avala");

    /** Two projects sharing a label name, as a reader would give them. */
    private static final List<Category> CATEGORIES = List.of(
            category("p-1", "det", "car", "#ff0000"),
            category("p-1", "det", "person", null),
            category("880b0700-h51e-11ee", "3d", "car", "#00ff00"));

    private static Category category(String project, String projectName, String label, String color) {
        return new Category(ProjectInfo.categoryId(project, label), label, null, color, List.of(), List.of(),
                JsonObject.EMPTY, JsonObject.builder().put("avala", JsonObject.builder()
                        .put("project_uid", project).put("project_name", projectName).build()).build());
    }

    @Property(tries = 100)
    void writeThenReadKeepsEverythingAvalaHolds(@ForAll("items") List<Item> items) throws IOException {
        Path dir = Files.createTempDirectory("avala-prop");
        try {
            Dataset original = new Dataset(new DatasetHeader("prop", "avala", "1.0", CATEGORIES, JsonObject.EMPTY), items);
            Path first = dir.resolve("first.json");
            Datasets.write(avala, first, original);
            Dataset back = Datasets.read(avala, first);

            assertEquals(CATEGORIES.stream().map(Category::id).toList(),
                    back.header().categories().stream().map(Category::id).toList());
            assertEquals(items.size(), back.items().size());
            List<Item> expected = groupedByDataset(items);
            for (int i = 0; i < items.size(); i++) {
                Item in = expected.get(i);
                Item out = back.items().get(i);
                assertEquals(in.id(), out.id());
                assertEquals(in.fileName(), out.fileName());
                assertEquals(in.metadata(), out.metadata());
                assertEquals(in.dataset() == null ? "labelport" : in.dataset(), out.dataset(), "made-up dataset");
                assertEquals(comparable(groupedByProject(in.annotations())), comparable(out.annotations()));
            }

            Path moved = dir.resolve("moved.json");
            Files.writeString(moved, toJson(movePlacement(toValue(first))));
            assertEquals(back.items(), Datasets.read(avala, moved).items(),
                    "the geometry reads the same flat on the annotation and nested under coordinates");

            Path second = dir.resolve("second.json");
            Datasets.write(avala, second, back);
            Dataset again = Datasets.read(avala, second);
            assertEquals(back.header(), again.header());
            assertEquals(back.items(), again.items());
            assertEquals(Files.readString(first), Files.readString(second), "a read export is written back as it was");
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static final List<String> NESTABLE = List.of("vertices", "points", "keypoints", "center", "dimensions", "rotation");

    /**
     * Every annotation's geometry moved to the other placement: the box's {@code coordinates}
     * spread flat on the annotation, the other types' members nested under {@code coordinates}.
     */
    private static JsonValue movePlacement(JsonValue v) {
        if (v instanceof JsonArray a) {
            return new JsonArray(a.values().stream().map(AvalaRoundTripProperties::movePlacement).toList());
        }
        if (!(v instanceof JsonObject o)) {
            return v;
        }
        JsonObject.Builder b = JsonObject.builder();
        if (o.has("type") && o.has("label")) {
            JsonObject.Builder nested = JsonObject.builder();
            o.members().forEach((k, x) -> {
                if (k.equals("coordinates")) {
                    ((JsonObject) x).members().forEach(b::put);
                } else if (NESTABLE.contains(k)) {
                    nested.put(k, x);
                } else {
                    b.put(k, x);
                }
            });
            if (!nested.isEmpty()) {
                b.put("coordinates", nested.build());
            }
            return b.build();
        }
        o.members().forEach((k, x) -> b.put(k, movePlacement(x)));
        return b.build();
    }

    private static JsonValue toValue(Path file) throws IOException {
        try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), file.toFile())) {
            p.nextToken();
            return JsonSupport.readValue(p);
        }
    }

    private static String toJson(JsonValue v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            JsonSupport.writeValue(g, v);
        }
        return w.toString();
    }

    /** Items in the order the writer lists them: by dataset, datasets in order of first use. */
    private static List<Item> groupedByDataset(List<Item> items) {
        Map<String, List<Item>> byDataset = new LinkedHashMap<>();
        for (Item i : items) {
            byDataset.computeIfAbsent(i.dataset() == null ? "labelport" : i.dataset(), k -> new ArrayList<>()).add(i);
        }
        return byDataset.values().stream().flatMap(List::stream).toList();
    }

    /** Annotations in the order the writer groups them: by project, projects in order of first use. */
    private static List<Annotation> groupedByProject(List<Annotation> annotations) {
        Map<String, List<Annotation>> byProject = new LinkedHashMap<>();
        for (Annotation a : annotations) {
            byProject.computeIfAbsent(a.category().extension("avala").string("project_uid"), k -> new ArrayList<>()).add(a);
        }
        return byProject.values().stream().flatMap(List::stream).toList();
    }

    /** What Avala keeps of an annotation, as a comparable list. */
    private static List<List<Object>> comparable(List<Annotation> annotations) {
        List<List<Object>> out = new ArrayList<>();
        for (Annotation a : annotations) {
            List<Object> row = new ArrayList<>();
            row.add(a.id());
            row.add(a.category().id());
            row.add(a.geometry());
            row.add(a.attributes());
            row.add(a.annotator());
            row.add(a.created());
            out.add(row);
        }
        return out;
    }

    // ------------------------------------------------------------------ generators

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(12),
                Arbitraries.strings().withChars("0123456789abcdefghz-").ofMinLength(1).ofMaxLength(36),
                Arbitraries.of("880b0700-h51e-11ee-z000-000000000001", "", "a\"b\\c", "line\nbreak", "\u00e9t\u00e9"));
    }

    private static Arbitrary<Double> coordinate() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.integers().between(-5000, 5000).map(Integer::doubleValue),
                Arbitraries.integers().between(-5000, 5000).map(i -> i / 3.0)); // full-precision doubles
    }

    private static Arbitrary<Double> size() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1e5), Arbitraries.integers().between(0, 4000)
                .map(Integer::doubleValue));
    }

    private static Arbitrary<PointList> points(int min) {
        return coordinate().list().ofMinSize(2 * min).ofMaxSize(16).filter(l -> l.size() % 2 == 0)
                .map(l -> PointList.of(l.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private static Arbitrary<Geometry> geometry() {
        Arbitrary<Geometry> box = Combinators.combine(coordinate(), coordinate(), size(), size()).as(Box::new);
        Arbitrary<Geometry> polygon = points(3).map(Polygon::of);
        Arbitrary<Geometry> polyline = points(2).map(Polyline::new);
        Arbitrary<Geometry> cuboid = Combinators.combine(coordinate().list().ofSize(3), size().list().ofSize(3),
                Arbitraries.doubles().between(-4, 4).ofScale(6).list().ofSize(3))
                .as((c, s, r) -> new Cuboid(c.get(0), c.get(1), c.get(2), s.get(0), s.get(1), s.get(2), r.get(0), r.get(1), r.get(2)));
        Arbitrary<Geometry> keypoints = points(1).flatMap(p -> Arbitraries.integers().between(0, 2).array(int[].class)
                .ofSize(p.size()).map(v -> Keypoints.of(p, v)));
        return Arbitraries.oneOf(box, polygon, polyline, cuboid, keypoints, Arbitraries.just(Tag.INSTANCE));
    }

    private static Arbitrary<JsonObject> jsonObject() {
        Arbitrary<JsonValue> scalar = Arbitraries.oneOf(text().map(JsonValue::of), Arbitraries.of(true, false).map(JsonValue::of),
                Arbitraries.longs().map(JsonValue::of), Arbitraries.doubles().between(-1e9, 1e9).map(JsonValue::of));
        return Arbitraries.maps(text(), scalar).ofMaxSize(3).map(JsonObject::of);
    }

    private static Arbitrary<Annotation> annotation() {
        return Combinators.combine(geometry(), Arbitraries.of(CATEGORIES), text().injectNull(0.3), jsonObject(),
                        text().injectNull(0.5), Arbitraries.of("2025-09-15T10:30:00Z", "yesterday").injectNull(0.5))
                .as((g, c, id, attrs, by, at) -> Annotation.builder(g).category(c).id(id == null ? null : Id.of(id))
                        .attributes(attrs).annotator(Annotator.ofId(by)).created(Timestamp.parse(at)).build());
    }

    @Provide
    Arbitrary<List<Item>> items() {
        Arbitrary<Item.Builder> item = Combinators.combine(text().injectNull(0.2), Arbitraries.of("street", "lidar").injectNull(0.2),
                        jsonObject(), annotation().list().ofMaxSize(6))
                .as((file, dataset, meta, anns) -> Item.image(Id.of("x")).fileName(file).dataset(dataset)
                        .metadata(meta).annotations(anns));
        return item.list().ofMaxSize(6).flatMap(builders -> text().list().ofSize(builders.size()).uniqueElements()
                .map(uids -> {
                    List<Item> out = new ArrayList<>();
                    for (int i = 0; i < builders.size(); i++) {
                        out.add(builders.get(i).id(Id.of(uids.get(i))).build());
                    }
                    return out;
                }));
    }
}
