package dev.labelport.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.formats.coco.CocoFormat;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.Category;
import dev.labelport.model.Cuboid;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Points;
import dev.labelport.model.Polygon;
import dev.labelport.model.Polyline;
import dev.labelport.model.RotatedBox;
import dev.labelport.model.Tag;
import dev.labelport.model.Timestamp;
import dev.labelport.model.WorkflowStatus;
import dev.labelport.report.ConversionReport;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Arbitrary image datasets, with every geometry kind and field the csv format holds and strings
 * full of commas, quotes and line breaks, survive a write then a read exactly; COCO datasets
 * survive COCO → CSV → COCO up to the COCO-only fields the report names.
 */
class CsvRoundTripProperties {
    private static final List<Category> CATEGORIES = List.of(CsvSamples.CAR, CsvSamples.PERSON, CsvSamples.TEXT_LABEL,
            CsvSamples.NAMED, Category.of(Id.of(9), ""));

    @Property(tries = 200)
    void csvWriteThenReadGivesTheSameItems(@ForAll("datasets") List<Item> items) throws IOException {
        Statistics.label("kinds").collect(items.stream().flatMap(i -> i.annotations().stream())
                .map(a -> a.geometry().kind().label()).distinct().count());
        Path f = Files.createTempFile("csv-property", ".csv");
        try {
            Datasets.write(new CsvFormat(), f, new Dataset(CsvSamples.header(), items));
            assertEquals(items, Datasets.read(new CsvFormat(), f).items());
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 100)
    void cocoToCsvToCocoKeepsWhatCocoHolds(@ForAll("cocoDatasets") List<Item> items) throws IOException {
        Path dir = Files.createTempDirectory("csv-coco");
        try {
            Path coco = dir.resolve("in.json");
            Datasets.write(new CocoFormat(), coco, new Dataset(CsvSamples.header(), items));
            Path csv = dir.resolve("mid.csv");
            Path back = dir.resolve("back.json");
            ConversionReport toCsv = Labelport.create().conversion(coco, csv).from("coco").to("csv").run();
            toCsv.losses().forEach(l -> assertTrue(l.code().code().equals("DROPPED_FIELD")
                    && l.examples().stream().allMatch(e -> e.detail().startsWith("coco.")), () -> "unexpected " + toCsv.toJson()));
            Labelport.create().conversion(csv, back).from("csv").to("coco").run();
            List<Item> expected = strip(Datasets.read(new CocoFormat(), coco).items());
            List<Item> actual = strip(Datasets.read(new CocoFormat(), back).items());
            assertEquals(expected, actual);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Without the COCO-only fields a CSV does not carry (reported as DROPPED_FIELD on the way). */
    private static List<Item> strip(List<Item> items) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            List<Annotation> as = new ArrayList<>();
            for (Annotation a : i.annotations()) {
                Category c = a.category();
                as.add(a.toBuilder().extensions(null).category(c == null ? null : new Category(c.id(), c.name(),
                        c.supercategory(), c.color(), c.keypointNames(), c.skeleton(), c.attributeSchema(), null)).build());
            }
            out.add(i.toBuilder().extensions(null).annotations(as).build());
        }
        return out;
    }

    // ------------------------------------------------------------------ generators

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab ,\"\n\r\t;é京'\\{}[]").ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("plain", " lead", "trail ", "\u2003wide", "😀 emoji", "=1+2", "#hash", "\"", ",", "\r\n", "null"));
    }

    private static Arbitrary<Id> id() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-5, 1_000_000_000_000L).map(Id::of),
                Arbitraries.of("7", "007", "-3", "a b", "x,y").map(Id::of), text().map(Id::of));
    }

    private static Arbitrary<Double> coordinate() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 5000).map(Integer::doubleValue),
                Arbitraries.doubles().between(-10, 5000).ofScale(3).map(b -> b),
                Arbitraries.doubles().between(0, 1).filter(d -> d != 0));
    }

    private static Arbitrary<PointList> ring(int min) {
        return coordinate().list().ofMinSize(2 * min).ofMaxSize(12).filter(l -> l.size() % 2 == 0)
                .map(l -> PointList.of(l.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private static Arbitrary<Geometry> geometry() {
        Arbitrary<Geometry> box = Combinators.combine(coordinate(), coordinate(), coordinate().map(Math::abs), coordinate().map(Math::abs))
                .as(Box::new);
        Arbitrary<Geometry> rotated = Combinators.combine(coordinate(), coordinate(), coordinate().map(Math::abs),
                coordinate().map(Math::abs), Arbitraries.doubles().between(-3.2, 3.2)).as(RotatedBox::new);
        Arbitrary<Polygon.Part> part = Combinators.combine(ring(3), ring(3).list().ofMaxSize(2)).as(Polygon.Part::new);
        Arbitrary<Geometry> polygon = part.list().ofMinSize(1).ofMaxSize(3).map(Polygon::new);
        Arbitrary<Geometry> polyline = ring(2).map(Polyline::new);
        Arbitrary<Geometry> points = ring(1).map(Points::new);
        Arbitrary<Geometry> keypoints = Arbitraries.integers().between(1, 5).flatMap(n -> Combinators.combine(
                coordinate().list().ofSize(2 * n), Arbitraries.integers().between(0, 2).list().ofSize(n))
                .as((xy, v) -> Keypoints.of(PointList.of(xy.stream().mapToDouble(Double::doubleValue).toArray()),
                        v.stream().mapToInt(Integer::intValue).toArray())));
        Arbitrary<Geometry> mask = Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, false))
                .as((h, w, runs, compressed) -> {
                    int[] c = runs.stream().mapToInt(Integer::intValue).toArray();
                    return compressed ? Mask.ofCompressed(h, w, Mask.encode(c)) : Mask.ofCounts(h, w, c);
                });
        Arbitrary<Geometry> cuboid = coordinate().list().ofSize(9).map(l -> new Cuboid(l.get(0), l.get(1), l.get(2),
                Math.abs(l.get(3)), Math.abs(l.get(4)), Math.abs(l.get(5)), l.get(6), l.get(7), l.get(8)));
        Arbitrary<Geometry> caption = Arbitraries.oneOf(text(), Arbitraries.just("")).map(Caption::new);
        return Arbitraries.oneOf(box, rotated, polygon, polyline, points, keypoints, mask, cuboid, Arbitraries.just(Tag.INSTANCE),
                caption);
    }

    private static Arbitrary<JsonObject> attributes() {
        Arbitrary<JsonValue> scalar = Arbitraries.oneOf(text().map(JsonValue::of), Arbitraries.of(true, false).map(JsonValue::of),
                Arbitraries.of("1", "-2.50", "1e3", "0.1").map(JsonNumber::parse));
        return Arbitraries.oneOf(Arbitraries.just(JsonObject.EMPTY),
                Combinators.combine(text(), scalar, scalar.list().ofMaxSize(2)).as((k, v, list) -> JsonObject.builder()
                        .put(k, v).put("list", new JsonArray(list)).build()));
    }

    private static Arbitrary<Annotation> annotation() {
        Arbitrary<Annotator> annotator = Combinators.combine(text().injectNull(0.4), text().injectNull(0.4))
                .as((i, n) -> i == null && n == null ? null : new Annotator(i, n));
        Arbitrary<WorkflowStatus> status = Arbitraries.of("LABELED", "accepted", "weird, status", "review").map(WorkflowStatus::of)
                .injectNull(0.5);
        Arbitrary<Timestamp> time = Arbitraries.of("2025-09-15T10:30:00Z", "2025-01-01", "0", "last week").map(Timestamp::parse)
                .injectNull(0.5);
        return Combinators.combine(List.of(geometry().asGeneric(), id().injectNull(0.2).asGeneric(),
                Arbitraries.of(CATEGORIES).injectNull(0.2).asGeneric(), attributes().asGeneric(),
                Arbitraries.doubles().between(0, 1).injectNull(0.6).asGeneric(), Arbitraries.of(true, false).asGeneric(),
                text().injectNull(0.7).asGeneric(), annotator.asGeneric(), status.asGeneric(), time.asGeneric(),
                Arbitraries.of(true, false).asGeneric()))
                .as(v -> Annotation.builder((Geometry) v.get(0)).id((Id) v.get(1)).category((Category) v.get(2))
                        .attributes((JsonObject) v.get(3)).score((Double) v.get(4)).crowd((Boolean) v.get(5))
                        .groupId((String) v.get(6)).trackId((String) v.get(6)).annotator((Annotator) v.get(7))
                        .status((WorkflowStatus) v.get(8)).created((Timestamp) v.get(9)).updated((Timestamp) v.get(9))
                        .removed((Boolean) v.get(10)).build());
    }

    @Provide
    Arbitrary<List<Item>> datasets() {
        Arbitrary<Item> item = Combinators.combine(List.of(id().asGeneric(), text().injectNull(0.3).asGeneric(),
                Arbitraries.integers().between(0, 9000).injectNull(0.3).asGeneric(),
                Arbitraries.of("train", "val", "a,b").injectNull(0.5).asGeneric(), annotation().list().ofMaxSize(5).asGeneric(),
                Arbitraries.of(false, false, true).asGeneric(), text().injectNull(0.8).asGeneric()))
                .as(v -> {
                    Integer size = (Integer) v.get(2);
                    @SuppressWarnings("unchecked")
                    List<Annotation> anns = (List<Annotation>) v.get(4);
                    return Item.image((Id) v.get(0)).fileName((String) v.get(1)).size(size, size == null ? null : size + 1)
                            .split((String) v.get(3)).annotations(anns).normalized((Boolean) v.get(5))
                            .uri((String) v.get(6)).dataset((String) v.get(6))
                            .metadata(v.get(6) == null ? null : JsonObject.builder().put("k", (String) v.get(6)).build()).build();
                });
        return item.list().ofMinSize(1).ofMaxSize(6).map(CsvRoundTripProperties::uniqueIds);
    }

    /** Rows are grouped by item id: two items with one id are one item. */
    private static List<Item> uniqueIds(List<Item> items) {
        Set<String> seen = new HashSet<>();
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            if (i.id().text().isEmpty() || !seen.add(i.id().text())) {
                continue;
            }
            out.add(i);
        }
        return out;
    }

    @Provide
    Arbitrary<List<Item>> cocoDatasets() {
        Category person = new Category(Id.of(1), "person", "human", null, List.of("a", "b"),
                List.of(new Category.Edge(0, 1)), JsonObject.EMPTY, JsonObject.EMPTY);
        Category car = Category.of(Id.of(2), "car, red");
        Arbitrary<Polygon.Part> part = ring(3).map(r -> new Polygon.Part(r, List.of()));
        Arbitrary<Annotation> ann = Combinators.combine(Arbitraries.oneOf(
                        Combinators.combine(coordinate(), coordinate(), coordinate().map(Math::abs), coordinate().map(Math::abs))
                                .as(Box::new),
                        part.list().ofMinSize(1).ofMaxSize(2).map(Polygon::new)),
                Arbitraries.of(car, person), Arbitraries.doubles().between(0, 1).injectNull(0.7))
                .as((g, c, s) -> Annotation.builder(g).category(c).score(s).build());
        Arbitrary<Item> item = Combinators.combine(Arbitraries.integers().between(1, 1000), text(), ann.list().ofMaxSize(4))
                .as((i, name, anns) -> Item.image(Id.of(i)).fileName(name.isBlank() ? "f" : name).size(640, 480)
                        .annotations(anns).build());
        return item.list().ofMaxSize(5).map(CsvRoundTripProperties::uniqueIds).map(CsvRoundTripProperties::numberAnnotations);
    }

    private static List<Item> numberAnnotations(List<Item> items) {
        long n = 1;
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            List<Annotation> as = new ArrayList<>();
            for (Annotation a : i.annotations()) {
                as.add(a.toBuilder().id(Id.of(n++)).build());
            }
            out.add(i.toBuilder().annotations(as).build());
        }
        return out;
    }
}
