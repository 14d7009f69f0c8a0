package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.report.ConversionReport;
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

/** Properties across formats: what each pair of formats must carry through a round trip. */
class CrossFormatPropertiesTest {
    private static final List<Category> CATEGORIES = List.of(
            Category.of(Id.of(1), "person"), Category.of(Id.of(3), "car"), Category.of(Id.of(7), "traffic light"));

    /** COCO → Avala → COCO keeps every box, polygon and category name, item by item. */
    @Property(tries = 40)
    void cocoToAvalaToCocoKeepsBoxesPolygonsAndNames(@ForAll("datasets") Dataset dataset) throws IOException {
        Path dir = Files.createTempDirectory("lp-cross");
        try {
            FormatRegistry formats = FormatRegistry.discover();
            Path coco = dir.resolve("in.json");
            Datasets.write(formats.require("coco"), coco, dataset);
            Labelport lp = Labelport.create();
            ConversionReport there = lp.conversion(coco, dir.resolve("avala.json")).from("coco").to("avala").run();
            assertEquals(dataset.annotationCount(), there.annotationsWritten(), there.toJson());
            lp.conversion(dir.resolve("avala.json"), dir.resolve("back.json")).from("avala").to("coco").run();
            Dataset back = Datasets.read(formats.require("coco"), dir.resolve("back.json"));

            assertEquals(dataset.items().size(), back.items().size());
            for (int i = 0; i < dataset.items().size(); i++) {
                Item a = dataset.items().get(i);
                Item b = back.items().get(i);
                assertEquals(a.annotations().size(), b.annotations().size(), "annotations of item " + i);
                for (int j = 0; j < a.annotations().size(); j++) {
                    Annotation x = a.annotations().get(j);
                    Annotation y = b.annotations().get(j);
                    assertEquals(x.geometry(), y.geometry(), "item " + i + " annotation " + j);
                    assertEquals(x.category().name(), y.category().name());
                }
            }
        } finally {
            dev.labelport.internal.AtomicOutput.deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<Dataset> datasets() {
        Arbitrary<Double> coord = Arbitraries.integers().between(0, 100_000).map(v -> v / 100.0);
        Arbitrary<Double> size = Arbitraries.integers().between(1, 50_000).map(v -> v / 100.0);
        Arbitrary<Geometry> box = Combinators.combine(coord, coord, size, size).as(Box::new);
        Arbitrary<Geometry> polygon = coord.list().ofMinSize(6).ofMaxSize(40)
                .filter(l -> l.size() % 2 == 0)
                .map(l -> Polygon.of(PointList.of(l.stream().mapToDouble(Double::doubleValue).toArray())));
        Arbitrary<Annotation> annotation = Combinators.combine(Arbitraries.oneOf(box, polygon),
                Arbitraries.of(CATEGORIES)).as((g, c) -> Annotation.builder(g).category(c).build());
        Arbitrary<List<Annotation>> annotations = annotation.list().ofMaxSize(6);
        return annotations.list().ofMinSize(1).ofMaxSize(5).map(lists -> {
            List<Item> items = new ArrayList<>();
            long annId = 1;
            for (int i = 0; i < lists.size(); i++) {
                List<Annotation> withIds = new ArrayList<>();
                for (Annotation a : lists.get(i)) {
                    withIds.add(a.toBuilder().id(Id.of(annId++)).build());
                }
                items.add(Item.image(Id.of(i + 1)).fileName("img_" + i + ".jpg").size(1000, 1000).annotations(withIds).build());
            }
            return new Dataset(DatasetHeader.of(CATEGORIES), items);
        });
    }

    @Property(tries = 1)
    void theBundledFormatsAreAllRegistered() {
        List<String> ids = FormatRegistry.discover().providers().stream().map(p -> p.descriptor().id()).toList();
        assertTrue(ids.containsAll(List.of("avala", "coco", "conll")), ids.toString());
    }
}
