package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Arbitrary images with boxes, polygons, masks and keypoints survive write then read exactly. */
class CocoRoundTripProperties {
    private static final Category PERSON = new Category(Id.of(1), "person", "human", null, List.of("a", "b", "c"),
            List.of(new Category.Edge(0, 1), new Category.Edge(1, 2)), JsonObject.EMPTY, JsonObject.EMPTY);
    private static final Category CAR = Category.of(Id.of(0), "car");
    private static final Category SIGN = Category.of(Id.of("17"), "sign");
    private static final List<Category> CATEGORIES = List.of(PERSON, CAR, SIGN);

    @Property(tries = 150)
    void writeThenReadGivesTheSameItems(@ForAll("datasets") List<Item> items) throws IOException {
        Dataset in = new Dataset(DatasetHeader.of(CATEGORIES), items);
        Statistics.label("annotation kinds").collect(items.stream().flatMap(i -> i.annotations().stream())
                .map(a -> a.geometry().kind().label()).distinct().count());
        Path f = Files.createTempFile("coco-property", ".json");
        try {
            Datasets.write(new CocoFormat(), f, in);
            Dataset back = Datasets.read(new CocoFormat(), f);
            assertEquals(items, back.items());
            assertEquals(CATEGORIES, back.header().categories());
        } finally {
            Files.delete(f);
        }
    }

    @Provide
    Arbitrary<List<Item>> datasets() {
        return item().list().ofMaxSize(6).map(CocoRoundTripProperties::withUniqueIds);
    }

    /** Item i gets id i (a number) or "img-i" (a string); annotation j gets id j or "a-j". */
    private static List<Item> withUniqueIds(List<Item> items) {
        List<Item> out = new ArrayList<>();
        int annotation = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            List<Annotation> anns = new ArrayList<>();
            for (Annotation a : it.annotations()) {
                int n = annotation++;
                anns.add(a.toBuilder().id((n & 1) == 0 ? Id.of(n) : Id.of("a-" + n)).build());
            }
            Id id = it.fileName() != null && it.fileName().length() % 2 == 0 ? Id.of("img-" + i) : Id.of(i);
            out.add(it.toBuilder().id(id).annotations(anns).build());
        }
        return out;
    }

    private Arbitrary<Item> item() {
        Arbitrary<String> names = Arbitraries.strings().ofMaxLength(12).injectNull(0.2);
        Arbitrary<Integer> dims = Arbitraries.integers().between(0, 5000).injectNull(0.3);
        return Combinators.combine(names, dims, dims, annotation().list().ofMaxSize(5))
                .as((name, w, h, anns) -> Item.image(Id.of(0)).fileName(name).size(w, h).annotations(anns).build());
    }

    private Arbitrary<Annotation> annotation() {
        Arbitrary<Double> score = Arbitraries.doubles().between(0, 1).injectNull(0.6);
        Arbitrary<Boolean> crowd = Arbitraries.of(false, false, true);
        Arbitrary<Category> category = Arbitraries.of(CAR, SIGN);
        Arbitrary<Annotation> plain = Combinators.combine(Arbitraries.oneOf(box(), polygon(), mask()), category, score, crowd)
                .as((g, c, s, cr) -> Annotation.builder(g).category(c).score(s).crowd(cr).build());
        Arbitrary<Annotation> pose = Combinators.combine(keypoints(), score)
                .as((k, s) -> Annotation.builder(k).category(PERSON).score(s).build());
        return Arbitraries.oneOf(plain, pose);
    }

    private static Arbitrary<Double> coordinate() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-100, 5000).map(i -> (double) i),
                Arbitraries.doubles().between(-1e4, 1e6),
                Arbitraries.doubles().between(0, 1).ofScale(17))
                .map(d -> d == 0 ? 0.0 : d); // -0.0 is written as 0
    }

    private static Arbitrary<Double> size() {
        return coordinate().map(Math::abs);
    }

    private static Arbitrary<Geometry> box() {
        return Combinators.combine(coordinate(), coordinate(), size(), size()).as(Box::new);
    }

    private static Arbitrary<Geometry> polygon() {
        Arbitrary<PointList> ring = coordinate().list().ofMinSize(6).ofMaxSize(24)
                .filter(l -> (l.size() & 1) == 0)
                .map(l -> PointList.of(l.stream().mapToDouble(Double::doubleValue).toArray()));
        return ring.list().ofMinSize(1).ofMaxSize(3).map(rings -> Polygon.of(rings.toArray(new PointList[0])));
    }

    private static Arbitrary<Geometry> mask() {
        return Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(1, 9).list().ofMaxSize(20), Arbitraries.of(true, false))
                .as((h, w, cuts, compressed) -> {
                    int total = h * w;
                    List<Integer> runs = new ArrayList<>();
                    int left = total;
                    boolean first = true;
                    for (int c : cuts) {
                        int run = first && c == 9 ? 0 : Math.min(c, left);
                        first = false;
                        runs.add(run);
                        left -= run;
                    }
                    runs.add(left);
                    int[] counts = runs.stream().mapToInt(Integer::intValue).toArray();
                    return compressed ? Mask.ofCompressed(h, w, Mask.encode(counts)) : Mask.ofCounts(h, w, counts);
                });
    }

    private static Arbitrary<Geometry> keypoints() {
        Arbitrary<double[]> point = Combinators.combine(coordinate(), coordinate(), Arbitraries.integers().between(0, 2))
                .as((x, y, v) -> v == 0 ? new double[] {0, 0, 0} : new double[] {x, y, v});
        return point.list().ofSize(3).map(ps -> {
            double[] xy = new double[ps.size() * 2];
            int[] vis = new int[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                xy[2 * i] = ps.get(i)[0];
                xy[2 * i + 1] = ps.get(i)[1];
                vis[i] = (int) ps.get(i)[2];
            }
            return Keypoints.of(PointList.of(xy), vis);
        });
    }
}
