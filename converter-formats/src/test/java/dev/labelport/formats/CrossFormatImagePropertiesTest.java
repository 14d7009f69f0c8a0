package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ImageSizeResolver;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Boxes through the normalised cloud formats and YOLO, COCO → Vertex → Azure → YOLO → COCO:
 * each hop divides or multiplies by the image size, so every box must come back within a
 * millionth of a pixel per 1000 pixels of image side (YOLO's six decimals: within 1e-6 of the
 * side, rounded, so 1e-3 px on a 1000 px image), with its category name. The normalised formats
 * keep no size, so the pixel ends get sizes from a resolver, as a user's size table would give.
 */
class CrossFormatImagePropertiesTest {

    private static final List<Category> CATEGORIES = List.of(Category.of(Id.of(1), "person"), Category.of(Id.of(2), "car"));

    @Property(tries = 40)
    void boxesSurviveTheNormalisedFormats(@ForAll("datasets") Dataset dataset) throws IOException {
        Path dir = Files.createTempDirectory("lp-image-chain");
        try {
            FormatRegistry formats = FormatRegistry.discover();
            Map<String, ImageSize> sizes = new HashMap<>();
            for (Item i : dataset.items()) {
                sizes.put(stem(i.fileName()), new ImageSize(i.width(), i.height()));
            }
            // by stem: a YOLO folder without its images knows a label's image only as images/train/img_0
            ImageSizeResolver resolver = item -> item.fileName() == null ? null : sizes.get(stem(item.fileName()));
            ConversionOptions options = ConversionOptions.builder().imageSizes(resolver).build();
            Path coco = dir.resolve("in.json");
            Datasets.write(formats.require("coco"), coco, dataset);
            String[][] hops = {{"coco", "vertex", "v.jsonl"}, {"vertex", "azure-automl", "a.jsonl"},
                    {"azure-automl", "yolo", "y"}, {"yolo", "coco", "back.json"}};
            Path current = coco;
            Labelport lp = Labelport.create();
            for (String[] hop : hops) {
                Path next = dir.resolve(hop[2]);
                ConversionReport r = lp.conversion(current, next).from(hop[0]).to(hop[1])
                        .options(hop[1].equals("yolo") ? options.toBuilder()
                                .writerOptions(dev.labelport.spi.FormatOptions.of(Map.of("task", "detect", "classes", "by-name"))).build()
                                : options).run();
                assertEquals(dataset.annotationCount(), r.annotationsWritten(), hop[0] + " -> " + hop[1] + ": " + r.toJson());
                current = next;
            }
            Dataset back = Datasets.read(formats.require("coco"), current);
            assertEquals(dataset.items().size(), back.items().size());
            for (int i = 0; i < dataset.items().size(); i++) {
                Item a = dataset.items().get(i);
                Item b = back.items().get(i);
                assertEquals(a.annotations().size(), b.annotations().size(), "annotations of item " + i);
                double tolerance = 1e-6 * Math.max(a.width(), a.height()) + 1e-9;
                for (int j = 0; j < a.annotations().size(); j++) {
                    Box x = (Box) a.annotations().get(j).geometry();
                    Box y = (Box) b.annotations().get(j).geometry();
                    String where = "item " + i + " box " + j + ": " + x + " came back as " + y;
                    assertEquals(x.x(), y.x(), tolerance, where);
                    assertEquals(x.y(), y.y(), tolerance, where);
                    assertEquals(x.width(), y.width(), 2 * tolerance, where);
                    assertEquals(x.height(), y.height(), 2 * tolerance, where);
                    assertEquals(a.annotations().get(j).category().name(), b.annotations().get(j).category().name(), where);
                }
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    /** A target with no image geometry (CoNLL) drops image items without asking for their sizes. */
    @net.jqwik.api.Example
    void aTargetWithoutImageGeometryNeedsNoImageSizes() throws IOException {
        Path dir = Files.createTempDirectory("lp-no-sizes");
        try {
            Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"imageGcsUri\": \"gs://b/a.jpg\", \"boundingBoxAnnotations\": "
                    + "[{\"displayName\": \"cat\", \"xMin\": 0.1, \"yMin\": 0.1, \"xMax\": 0.5, \"yMax\": 0.5}]}\n");
            ConversionReport r = Labelport.create().conversion(in, dir.resolve("out.conll")).from("vertex").to("conll").run();
            assertEquals(1, r.lossCount("DROPPED_ITEM"), r.toJson());
            assertEquals(0, r.itemsWritten());
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static String stem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Provide
    Arbitrary<Dataset> datasets() {
        Arbitrary<int[]> size = Combinators.combine(Arbitraries.integers().between(16, 4000),
                Arbitraries.integers().between(16, 4000)).as((w, h) -> new int[] {w, h});
        Arbitrary<double[]> fractions = Arbitraries.doubles().between(0, 1).ofScale(4).list().ofSize(4)
                // x = 0.9 min, w = 0.9 |difference| + 0.05: inside the image, never degenerate
                .map(l -> new double[] {0.9 * Math.min(l.get(0), l.get(1)), 0.9 * Math.min(l.get(2), l.get(3)),
                        0.9 * Math.abs(l.get(0) - l.get(1)) + 0.05, 0.9 * Math.abs(l.get(2) - l.get(3)) + 0.05});
        Arbitrary<List<Object[]>> boxes = Combinators.combine(fractions, Arbitraries.of(CATEGORIES))
                .as((f, c) -> new Object[] {f, c}).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(size, boxes).as((s, b) -> new Object[] {s, b}).list().ofMinSize(1).ofMaxSize(4).map(list -> {
            List<Item> items = new ArrayList<>();
            long annId = 1;
            for (int i = 0; i < list.size(); i++) {
                int[] s = (int[]) list.get(i)[0];
                @SuppressWarnings("unchecked")
                List<Object[]> bs = (List<Object[]>) list.get(i)[1];
                List<Annotation> anns = new ArrayList<>();
                for (Object[] box : bs) {
                    double[] f = (double[]) box[0];
                    anns.add(Annotation.builder(new Box(f[0] * s[0], f[1] * s[1], f[2] * s[0], f[3] * s[1]))
                            .id(Id.of(annId++)).category((Category) box[1]).build());
                }
                items.add(Item.image(Id.of(i + 1)).fileName("img_" + i + ".jpg").size(s[0], s[1]).annotations(anns).build());
            }
            return new Dataset(DatasetHeader.of(CATEGORIES), items);
        });
    }
}
