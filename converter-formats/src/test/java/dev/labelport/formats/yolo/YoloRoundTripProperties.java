package dev.labelport.formats.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.internal.AtomicOutput;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Datasets as the reader builds them (normalised, 6-decimal values) survive a write then a read
 * exactly, for each task and layout.
 */
class YoloRoundTripProperties {
    private static final List<Category> CATEGORIES = List.of(Category.of(Id.of(0), "person"), Category.of(Id.of(1), "car"),
            Category.of(Id.of(2), "traffic light"));
    private static final int K = 3;

    @Property(tries = 100)
    void detect(@ForAll("layouts") String layout, @ForAll boolean predictions, @ForAll("seeds") long seed) throws IOException {
        roundTrip("detect", layout, predictions, 0, seed);
    }

    @Property(tries = 100)
    void segment(@ForAll boolean predictions, @ForAll("seeds") long seed) throws IOException {
        roundTrip("segment", "ultralytics", predictions, 0, seed);
    }

    @Property(tries = 100)
    void obb(@ForAll boolean predictions, @ForAll("seeds") long seed) throws IOException {
        roundTrip("obb", "ultralytics", predictions, 0, seed);
    }

    @Property(tries = 100)
    void pose(@ForAll("dims") int dims, @ForAll boolean predictions, @ForAll("seeds") long seed) throws IOException {
        roundTrip("pose", "ultralytics", predictions, dims, seed);
    }

    /**
     * COCO → YOLO (segment) → COCO: every polygon comes back vertex for vertex within YOLO's six
     * decimals (1e-6 of the image side, rounded: half of that), with its class name, for any image
     * size; sizes for the way back come from a resolver, as a user's size table would give them.
     */
    @Property(tries = 60)
    void cocoToYoloToCocoKeepsPolygonsWithinTheRounding(@ForAll("seeds") long seed) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<Category> cats = List.of(Category.of(Id.of(1), "person"), Category.of(Id.of(3), "car"));
        List<Item> items = new ArrayList<>();
        java.util.Map<String, int[]> sizes = new java.util.HashMap<>();
        long annId = 1;
        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
            int w = 1 + r.nextInt(5000);
            int h = 1 + r.nextInt(5000);
            List<Annotation> anns = new ArrayList<>();
            for (int j = 0, m = r.nextInt(4); j < m; j++) {
                double[] xy = new double[2 * (3 + r.nextInt(8))];
                for (int k = 0; k < xy.length; k += 2) {
                    xy[k] = r.nextInt(w * 100 + 1) / 100.0;
                    xy[k + 1] = r.nextInt(h * 100 + 1) / 100.0;
                }
                anns.add(Annotation.builder(Polygon.of(PointList.of(xy))).id(Id.of(annId++))
                        .category(cats.get(r.nextInt(cats.size()))).build());
            }
            sizes.put("img" + i, new int[] {w, h});
            items.add(Item.image(Id.of(i + 1)).fileName("img" + i + ".jpg").size(w, h).annotations(anns).build());
        }
        Dataset in = new Dataset(DatasetHeader.of(cats), items);
        Path dir = Files.createTempDirectory("coco-yolo-coco");
        try {
            dev.labelport.FormatRegistry formats = dev.labelport.FormatRegistry.discover();
            Datasets.write(formats.require("coco"), dir.resolve("in.json"), in);
            dev.labelport.Labelport lp = dev.labelport.Labelport.create();
            lp.conversion(dir.resolve("in.json"), dir.resolve("yolo")).from("coco").to("yolo").run();
            dev.labelport.spi.ImageSizeResolver resolver = item -> {
                String f = item.fileName();
                int[] s = sizes.get(f.substring(f.lastIndexOf('/') + 1).replaceFirst("\\.jpg$", ""));
                return s == null ? null : new dev.labelport.spi.ImageSize(s[0], s[1]);
            };
            lp.conversion(dir.resolve("yolo"), dir.resolve("back.json")).from("yolo").to("coco")
                    .options(dev.labelport.ConversionOptions.builder().imageSizes(resolver).build()).run();
            Dataset back = Datasets.read(formats.require("coco"), dir.resolve("back.json"));
            assertEquals(items.size(), back.items().size());
            for (int i = 0; i < items.size(); i++) {
                Item a = items.get(i);
                Item b = back.items().get(i);
                assertEquals(a.annotations().size(), b.annotations().size(), "item " + i);
                double tolerance = 0.5e-6 * Math.max(a.width(), a.height()) + 1e-9;
                for (int j = 0; j < a.annotations().size(); j++) {
                    PointList x = ((Polygon) a.annotations().get(j).geometry()).parts().get(0).shell();
                    PointList y = ((Polygon) b.annotations().get(j).geometry()).parts().get(0).shell();
                    assertEquals(x.size(), y.size());
                    for (int k = 0; k < x.size(); k++) {
                        assertEquals(x.x(k), y.x(k), tolerance, "item " + i + " polygon " + j + " x" + k);
                        assertEquals(x.y(k), y.y(k), tolerance, "item " + i + " polygon " + j + " y" + k);
                    }
                    assertEquals(a.annotations().get(j).category().name(), b.annotations().get(j).category().name());
                }
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<String> layouts() {
        return Arbitraries.of("ultralytics", "darknet", "plain");
    }

    @Provide
    Arbitrary<Integer> dims() {
        return Arbitraries.of(2, 3);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private void roundTrip(String task, String layout, boolean predictions, int dims, long seed) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        JsonObject.Builder ext = JsonObject.builder().put("layout", layout).put("task", task);
        if (predictions) {
            ext.put("predictions", JsonValue.of(true));
        }
        if (dims > 0) {
            ext.put("kpt_shape", new JsonArray(List.of(JsonNumber.of(K), JsonNumber.of(dims))));
        }
        DatasetHeader header = new DatasetHeader(null, "yolo", null, CATEGORIES, JsonObject.builder().put("yolo", ext.build()).build());
        List<Item> items = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            List<Annotation> anns = new ArrayList<>();
            int m = r.nextInt(4);
            for (int j = 0; j < m; j++) {
                anns.add(annotation(task, dims, predictions, r));
            }
            String name = switch (layout) {
                case "darknet" -> "obj_train_data/img" + i;
                case "plain" -> "img" + i;
                default -> (i % 2 == 0 ? "images/train/img" : "images/val/img") + i;
            };
            String split = layout.equals("plain") ? null : layout.equals("darknet") || i % 2 == 0 ? "train" : "val";
            items.add(Item.image(Id.of(name)).fileName(name).split(split).normalized(true).annotations(anns).build());
        }
        if (layout.equals("ultralytics")) {
            items.sort(java.util.Comparator.comparing(Item::split).thenComparing(Item::fileName));
        } else {
            items.sort(java.util.Comparator.comparing(Item::fileName));
        }
        Dataset in = new Dataset(header, items);
        Path dir = Files.createTempDirectory("yolo-property");
        try {
            Path out = dir.resolve("out");
            Datasets.write(new YoloFormat(), out, in);
            Dataset back = Datasets.read(new YoloFormat(), out);
            assertEquals(items, back.items());
            assertEquals(CATEGORIES, back.header().categories());
            if (in.annotationCount() > 0 || task.equals("pose")) {
                assertEquals(task, back.header().extension("yolo").string("task"));
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static double unit(java.util.SplittableRandom r) {
        return r.nextInt(1_000_001) / 1e6;
    }

    private static double positive(java.util.SplittableRandom r) {
        return (1 + r.nextInt(1_000_000)) / 1e6;
    }

    private static Annotation annotation(String task, int dims, boolean predictions, java.util.SplittableRandom r) {
        Category c = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
        Double score = predictions ? unit(r) : null;
        Geometry g;
        Box objectBox = null;
        switch (task) {
            case "detect" -> g = box(unit(r), unit(r), positive(r), positive(r));
            case "segment" -> { // 4-point rings alone would read as obb (the same polygons, another task name)
                int points = 3 + r.nextInt(6);
                g = Polygon.of(PointList.wrap(points(points == 4 ? 5 : points, r)));
            }
            case "obb" -> g = Polygon.of(PointList.wrap(points(4, r)));
            default -> {
                double[] xy = points(K, r);
                int[] vis = new int[K];
                for (int i = 0; i < K; i++) {
                    vis[i] = dims == 3 ? r.nextInt(3) : xy[2 * i] == 0 && xy[2 * i + 1] == 0 ? 0 : 2;
                }
                if (dims == 2 && r.nextInt(3) == 0) { // an unlabelled point: written as 0 0
                    xy[0] = 0;
                    xy[1] = 0;
                    vis[0] = 0;
                }
                g = Keypoints.of(PointList.wrap(xy), vis);
                objectBox = box(unit(r), unit(r), positive(r), positive(r));
            }
        }
        return Annotation.builder(g).objectBox(objectBox).category(c).score(score).build();
    }

    private static Box box(double cx, double cy, double w, double h) {
        return new Box(cx - w / 2, cy - h / 2, w, h);
    }

    private static double[] points(int n, java.util.SplittableRandom r) {
        double[] xy = new double[2 * n];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = unit(r);
        }
        return xy;
    }
}
