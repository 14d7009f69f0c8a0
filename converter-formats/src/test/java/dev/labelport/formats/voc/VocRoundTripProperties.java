package dev.labelport.formats.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Round trips VOC → VOC and COCO → VOC → COCO under each pixel convention. */
class VocRoundTripProperties {
    private static final VocFormat VOC = new VocFormat();
    private static final List<String> NAMES = List.of("dog", "person", "traffic light", "Ünïcödé & <co>");
    private static final List<String> PARTS = List.of("head", "hand", "foot");
    private static final List<String> SPLITS = List.of("train", "val", "test");

    private static String option(PixelConvention p) {
        return p.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A dataset as the VOC reader gives it back: string ids in file-name order, annotation ids
     * from 1 in reading order (parts after their object), categories numbered by first use.
     */
    static Dataset vocDataset(long seed) {
        Random r = new Random(seed);
        Map<String, Category> categories = new LinkedHashMap<>();
        long[] ids = {0};
        List<Item> items = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "img_%03d", i);
            Item.Builder b = Item.image(Id.of(id)).fileName(id + (r.nextBoolean() ? ".jpg" : ".png"));
            if (r.nextInt(4) > 0) {
                b.size(1 + r.nextInt(2000), 1 + r.nextInt(2000));
            }
            if (r.nextBoolean()) {
                b.split(SPLITS.get(r.nextInt(SPLITS.size())));
            }
            List<Annotation> anns = new ArrayList<>();
            int objects = r.nextInt(4);
            for (int o = 0; o < objects; o++) {
                Id objectId = Id.of(++ids[0]);
                anns.add(Annotation.builder(box(r)).id(objectId).category(category(categories, NAMES.get(r.nextInt(NAMES.size()))))
                        .attributes(attributes(r)).build());
                int parts = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0;
                for (int p = 0; p < parts; p++) {
                    anns.add(Annotation.builder(box(r)).id(Id.of(++ids[0])).groupId(objectId.text())
                            .category(category(categories, PARTS.get(r.nextInt(PARTS.size())))).build());
                }
            }
            items.add(b.annotations(anns).build());
        }
        return new Dataset(DatasetHeader.of(List.of()), items);
    }

    private static Category category(Map<String, Category> categories, String name) {
        return categories.computeIfAbsent(name, k -> Category.of(Id.of(categories.size() + 1L), k));
    }

    /** Whole pixels: exact under every convention. */
    private static Box box(Random r) {
        return new Box(r.nextInt(1000), r.nextInt(1000), 1 + r.nextInt(500), 1 + r.nextInt(500));
    }

    private static JsonObject attributes(Random r) {
        JsonObject.Builder b = JsonObject.builder();
        if (r.nextBoolean()) {
            b.put("pose", new JsonString(r.nextBoolean() ? "Unspecified" : "Left"));
        }
        for (String flag : List.of("truncated", "difficult", "occluded")) {
            if (r.nextBoolean()) {
                b.put(flag, JsonBoolean.of(r.nextBoolean()));
            }
        }
        return b.build();
    }

    @Property(tries = 60)
    void vocToVocKeepsEverything(@ForAll long seed, @ForAll PixelConvention pixels) throws IOException {
        Dataset d = vocDataset(seed);
        Path dir = Files.createTempDirectory("lp-voc");
        try {
            FormatOptions o = FormatOptions.of(Map.of("pixels", option(pixels)));
            Datasets.write(VOC, dir.resolve("out"), d, WriteContext.of("out").withOptions(o));
            Dataset back = Datasets.read(VOC, dir.resolve("out"), ReadContext.of("out").withOptions(o));
            assertEquals(d.items(), back.items());
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    @Property(tries = 60)
    void cocoToVocToCocoKeepsBoxesWithinTheRounding(@ForAll long seed, @ForAll PixelConvention pixels,
                                                   @ForAll boolean decimals) throws IOException {
        Random r = new Random(seed);
        List<Category> categories = List.of(Category.of(Id.of(1), "person"), Category.of(Id.of(3), "car"));
        List<Item> items = new ArrayList<>();
        long annId = 1;
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
            List<Annotation> anns = new ArrayList<>();
            for (int k = 0; k < r.nextInt(4); k++) {
                double x = Math.round(r.nextDouble() * 60000) / 100.0;
                double y = Math.round(r.nextDouble() * 40000) / 100.0;
                double w = 1 + Math.round(r.nextDouble() * 30000) / 100.0;
                double h = 1 + Math.round(r.nextDouble() * 30000) / 100.0;
                anns.add(Annotation.builder(new Box(x, y, w, h)).id(Id.of(annId++))
                        .category(categories.get(r.nextInt(2))).build());
            }
            items.add(Item.image(Id.of(i + 1L)).fileName(String.format(Locale.ROOT, "f%03d.jpg", i)).size(640, 480)
                    .annotations(anns).build());
        }
        Dataset coco = new Dataset(DatasetHeader.of(categories), items);
        Path dir = Files.createTempDirectory("lp-voc-coco");
        try {
            FormatRegistry formats = FormatRegistry.discover();
            Datasets.write(formats.require("coco"), dir.resolve("in.json"), coco);
            Map<String, String> writer = new LinkedHashMap<>(Map.of("pixels", option(pixels)));
            if (decimals) {
                writer.put("decimals", "true");
            }
            ConversionReport there = Labelport.create().conversion(dir.resolve("in.json"), dir.resolve("voc")).from("coco").to("voc")
                    .options(ConversionOptions.builder().writerOptions(FormatOptions.of(writer)).build()).run();
            assertEquals(coco.annotationCount(), there.annotationsWritten(), there.toJson());
            assertTrue(decimals ? there.lossCount("ROUNDING") == 0 : true, there.toJson());
            Labelport.create().conversion(dir.resolve("voc"), dir.resolve("back.json")).from("voc").to("coco")
                    .options(ConversionOptions.builder().readerOptions(FormatOptions.of(Map.of("pixels", option(pixels)))).build())
                    .run();
            Dataset back = Datasets.read(formats.require("coco"), dir.resolve("back.json"));
            assertEquals(items.size(), back.items().size());
            double tolerance = decimals ? 1e-9 : 0.5 + 1e-9;
            for (int i = 0; i < items.size(); i++) {
                Item a = items.get(i);
                Item b = back.items().get(i);
                assertEquals(a.fileName(), b.fileName());
                assertEquals(a.annotations().size(), b.annotations().size());
                for (int k = 0; k < a.annotations().size(); k++) {
                    Box x = (Box) a.annotations().get(k).geometry();
                    Box y = (Box) b.annotations().get(k).geometry();
                    String what = x + " vs " + y + " (" + pixels + ")";
                    assertTrue(Math.abs(x.x() - y.x()) <= tolerance, what);
                    assertTrue(Math.abs(x.y() - y.y()) <= tolerance, what);
                    assertTrue(Math.abs(x.x() + x.width() - y.x() - y.width()) <= tolerance, what);
                    assertTrue(Math.abs(x.y() + x.height() - y.y() - y.height()) <= tolerance, what);
                    assertEquals(a.annotations().get(k).category().name(), b.annotations().get(k).category().name());
                }
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }
}
