package dev.labelport.formats.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.ImageSize;
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

/** Round trips through Azure files: COCO images, Unicode text CSVs, CoNLL sentences. */
class AzureRoundTripProperties {
    private static final List<Category> COCO_CATEGORIES = List.of(Category.of(Id.of(1), "person"),
            Category.of(Id.of(3), "car"), Category.of(Id.of(7), "traffic light"));
    private static final FormatRegistry FORMATS = FormatRegistry.discover();

    // ------------------------------------------------------------------ COCO → Azure → COCO

    /** COCO (pixels) → Azure (fractions) → COCO: same boxes or polygons within a millionth of a pixel. */
    @Property(tries = 60)
    void cocoThroughAzureKeepsShapesWithinTolerance(@ForAll("cocoDatasets") Dataset dataset) throws IOException {
        Path dir = Files.createTempDirectory("lp-azure");
        try {
            Path coco = dir.resolve("in.json");
            Datasets.write(FORMATS.require("coco"), coco, dataset);
            Labelport lp = Labelport.create();
            ConversionReport there = lp.conversion(coco, dir.resolve("azure.jsonl")).from("coco").to(AzureAutomlFormat.ID).run();
            assertEquals(dataset.annotationCount(), there.annotationsWritten(), there.toJson());
            assertEquals(0, there.lossCount("APPROXIMATED_GEOMETRY") + there.lossCount("DROPPED_GEOMETRY"), there.toJson());
            lp.conversion(dir.resolve("azure.jsonl"), dir.resolve("back.json")).from(AzureAutomlFormat.ID).to("coco").run();
            assertSameShapes(dataset, Datasets.read(FORMATS.require("coco"), dir.resolve("back.json")));
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    /** An Azure file without image sizes goes to COCO with sizes from the user's resolver. */
    @Property(tries = 40)
    void azureWithoutSizesReachesCocoThroughAResolver(@ForAll("cocoDatasets") Dataset dataset) throws IOException {
        Path dir = Files.createTempDirectory("lp-azure");
        try {
            List<Item> normalised = new ArrayList<>();
            for (Item i : dataset.items()) {
                normalised.add(fractions(i));
            }
            Path azure = dir.resolve("in.jsonl");
            Datasets.write(FORMATS.require(AzureAutomlFormat.ID), azure, new Dataset(DatasetHeader.of(List.of()), normalised));
            assertTrue(!Files.readString(azure).contains("width"), "no sizes in the Azure file");
            ConversionOptions sizes = ConversionOptions.builder()
                    .imageSizes(item -> new ImageSize(widthOf(item.fileName()), heightOf(item.fileName()))).build();
            Labelport.create().conversion(azure, dir.resolve("back.json")).from(AzureAutomlFormat.ID).to("coco")
                    .options(sizes).run();
            assertSameShapes(dataset, Datasets.read(FORMATS.require("coco"), dir.resolve("back.json")));
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static Item fractions(Item i) {
        List<Annotation> anns = new ArrayList<>();
        for (Annotation a : i.annotations()) {
            anns.add(a.toBuilder().id(null).geometry(dev.labelport.model.Geometries.scale(a.geometry(),
                    1.0 / i.width(), 1.0 / i.height())).build());
        }
        return Item.image(i.id()).fileName(i.fileName()).normalized(true).annotations(anns).build();
    }

    private static void assertSameShapes(Dataset expected, Dataset back) {
        assertEquals(expected.items().size(), back.items().size());
        for (int i = 0; i < expected.items().size(); i++) {
            Item a = expected.items().get(i);
            Item b = back.items().get(i);
            assertEquals(a.fileName(), b.fileName());
            if (b.width() != null || !a.annotations().isEmpty()) { // unannotated items need no size from the resolver
                assertEquals(a.width(), b.width());
            }
            assertEquals(a.annotations().size(), b.annotations().size(), "annotations of item " + i);
            for (int j = 0; j < a.annotations().size(); j++) {
                Annotation x = a.annotations().get(j);
                Annotation y = b.annotations().get(j);
                assertEquals(x.category().name(), y.category().name());
                assertEquals(x.crowd(), y.crowd());
                assertClose(coordinates(x.geometry()), coordinates(y.geometry()), "item " + i + " annotation " + j);
            }
        }
    }

    private static double[] coordinates(Geometry g) {
        if (g instanceof Box b) {
            return new double[] {b.x(), b.y(), b.width(), b.height()};
        }
        return ((Polygon) g).parts().get(0).shell().toArray();
    }

    private static void assertClose(double[] want, double[] got, String where) {
        assertEquals(want.length, got.length, where);
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], got[k], 1e-6, where + " coordinate " + k);
        }
    }

    private static int widthOf(String fileName) {
        return Integer.parseInt(fileName.substring(fileName.indexOf('_') + 1, fileName.indexOf('x')));
    }

    private static int heightOf(String fileName) {
        return Integer.parseInt(fileName.substring(fileName.indexOf('x') + 1, fileName.indexOf('.')));
    }

    /** One task per dataset (boxes or polygons), pixel shapes inside images of 1 to 5000 pixels a side. */
    @Provide
    Arbitrary<Dataset> cocoDatasets() {
        Arbitrary<Boolean> boxes = Arbitraries.of(true, false);
        return boxes.flatMap(useBoxes -> {
            Arbitrary<Item> item = Combinators.combine(Arbitraries.integers().between(1, 5000),
                    Arbitraries.integers().between(1, 5000), Arbitraries.integers().between(1, 1000))
                    .flatAs((w, h, seed) -> shapes(w, h, useBoxes).list().ofMaxSize(5).map(anns ->
                            Item.image(Id.of(seed)).fileName("img_" + w + "x" + h + ".jpg").size(w, h).annotations(anns).build()));
            return item.list().ofMinSize(1).ofMaxSize(5).map(items -> {
                List<Item> renumbered = new ArrayList<>();
                long annId = 1;
                for (int i = 0; i < items.size(); i++) {
                    List<Annotation> withIds = new ArrayList<>();
                    for (Annotation a : items.get(i).annotations()) {
                        withIds.add(a.toBuilder().id(Id.of(annId++)).build());
                    }
                    renumbered.add(items.get(i).toBuilder().id(Id.of(i + 1)).annotations(withIds).build());
                }
                return new Dataset(DatasetHeader.of(COCO_CATEGORIES), renumbered);
            });
        });
    }

    private static Arbitrary<Annotation> shapes(int w, int h, boolean boxes) {
        Arbitrary<Double> x = Arbitraries.doubles().between(0, w).ofScale(3);
        Arbitrary<Double> y = Arbitraries.doubles().between(0, h).ofScale(3);
        Arbitrary<Geometry> g = boxes
                ? Combinators.combine(x, y, x, y).as((x1, y1, x2, y2) -> new Box(Math.min(x1, x2), Math.min(y1, y2),
                        Math.max(Math.abs(x2 - x1), 0.5), Math.max(Math.abs(y2 - y1), 0.5)))
                : Combinators.combine(x, y).as((px, py) -> new double[] {px, py}).list().ofMinSize(3).ofMaxSize(12)
                        .map(pts -> {
                            double[] xy = new double[pts.size() * 2];
                            for (int i = 0; i < pts.size(); i++) {
                                xy[2 * i] = pts.get(i)[0];
                                xy[2 * i + 1] = pts.get(i)[1];
                            }
                            return Polygon.of(PointList.wrap(xy));
                        });
        return Combinators.combine(g, Arbitraries.of(COCO_CATEGORIES), Arbitraries.of(true, false))
                .as((geometry, c, crowd) -> Annotation.builder(geometry).category(c).crowd(crowd).build());
    }

    // ------------------------------------------------------------------ text CSV

    /** Any Unicode text, extra columns and labels (one or a list) come back from the CSV unchanged. */
    @Property(tries = 200)
    void textClassificationKeepsUnicodeTextsAndLabels(@ForAll("texts") Dataset dataset) throws IOException {
        Path dir = Files.createTempDirectory("lp-azure");
        try {
            Path csv = dir.resolve("texts.csv");
            Datasets.write(FORMATS.require(AzureAutomlFormat.ID), csv, dataset);
            Dataset back = Datasets.read(FORMATS.require(AzureAutomlFormat.ID), csv);
            assertEquals(dataset.items(), back.items());
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<Dataset> texts() {
        Arbitrary<String> unicode = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .withChars('😀', '\uD83D').ofMaxLength(40).map(AzureRoundTripProperties::pairSurrogates);
        Arbitrary<String> label = unicode.filter(s -> !s.isEmpty() && !s.strip().startsWith("["));
        Arbitrary<Boolean> multi = Arbitraries.of(true, false);
        return multi.flatMap(list -> {
            Arbitrary<List<String>> labels = list ? label.list().ofMaxSize(4) : label.list().ofMinSize(1).ofMaxSize(1);
            Arbitrary<Item> item = Combinators.combine(unicode, unicode, labels).as((text, note, names) -> {
                List<Annotation> tags = new ArrayList<>();
                names.forEach(n -> tags.add(Annotation.builder(Tag.INSTANCE).category(Category.of(Id.of(n), n)).build()));
                return Item.text(Id.of(1), TextContent.of(text)).metadata(JsonObject.builder().put("note", note).build())
                        .annotations(tags).build();
            });
            return item.list().ofMinSize(1).ofMaxSize(6).map(items -> {
                List<Item> numbered = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    numbered.add(items.get(i).toBuilder().id(Id.of(i + 1)).build());
                }
                JsonObject ext = JsonObject.builder()
                        .put("columns", new JsonArray(List.<JsonValue>of(new JsonString("text"), new JsonString("note"),
                                new JsonString("label"))))
                        .put("labelColumn", "label")
                        .put("derived", JsonObject.builder().put("task", list ? "text-multilabel" : "text-classification").build())
                        .build();
                return new Dataset(new DatasetHeader(null, AzureAutomlFormat.ID, null, List.of(),
                        JsonObject.builder().put(AzureAutomlFormat.ID, ext).build()), numbered);
            });
        });
    }

    /** The generator's lone high surrogates become a full emoji, so every string is valid UTF-16. */
    private static String pairSurrogates(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                sb.append("😀");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ NER

    /** CoNLL → Azure → CoNLL keeps every sentence's tokens and entities. */
    @Property(tries = 100)
    void nerThroughAzureKeepsTokensAndEntities(@ForAll("sentences") List<Item> sentences) throws IOException {
        Path dir = Files.createTempDirectory("lp-azure");
        try {
            Path conll = dir.resolve("in.txt");
            DatasetHeader header = new DatasetHeader(null, "conll", null, List.of(), JsonObject.builder().put("conll",
                    JsonObject.builder().put("scheme", "iob2").put("separator", "space").build()).build());
            Datasets.write(FORMATS.require("conll"), conll, new Dataset(header, sentences));
            Labelport lp = Labelport.create();
            ConversionReport there = lp.conversion(conll, dir.resolve("azure.txt")).from("conll").to(AzureAutomlFormat.ID).run();
            assertEquals(0, there.losses().stream().filter(l -> l.code().code().equals("DROPPED_GEOMETRY")
                    || l.code().code().equals("OVERLAPPING_SPANS")).count(), there.toJson());
            lp.conversion(dir.resolve("azure.txt"), dir.resolve("back.txt")).from(AzureAutomlFormat.ID).to("conll").run();
            Dataset back = Datasets.read(FORMATS.require("conll"), dir.resolve("back.txt"));
            assertEquals(sentences.size(), back.items().size());
            for (int i = 0; i < sentences.size(); i++) {
                Item a = sentences.get(i);
                Item b = back.items().get(i);
                assertEquals(a.text().tokens().stream().map(Token::text).toList(), b.text().tokens().stream().map(Token::text).toList());
                assertEquals(spans(a), spans(b), "sentence " + (i + 1));
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static List<String> spans(Item item) {
        return item.annotations().stream().map(a -> a.category().name() + ":" + ((TextSpan) a.geometry()).text()
                + "@" + ((TextSpan) a.geometry()).start()).toList();
    }

    @Provide
    Arbitrary<List<Item>> sentences() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('!', '~').withCharRange('\u00a1', '\u024f')
                .withChars('日', '本', '–').ofMinLength(1).ofMaxLength(8).filter(t -> !t.startsWith("-DOCSTART-"));
        Arbitrary<Item> sentence = token.list().ofMinSize(1).ofMaxSize(12).flatMap(tokens ->
                Arbitraries.of("PER", "LOC", "ORG", "MISC", "O").list().ofSize(tokens.size()).map(types -> {
                    TextContent text = TextContent.fromTokens(tokens, null);
                    List<Annotation> anns = new ArrayList<>();
                    int i = 0;
                    while (i < types.size()) {
                        String t = types.get(i);
                        int j = i + 1;
                        while (j < types.size() && types.get(j).equals(t) && j - i < 3) {
                            j++;
                        }
                        if (!t.equals("O")) {
                            int s = text.tokens().get(i).start();
                            int e = text.tokens().get(j - 1).end();
                            anns.add(Annotation.builder(new TextSpan(s, e, text.slice(s, e))).category(Category.of(Id.of(t), t)).build());
                        }
                        i = j;
                    }
                    return Item.text(Id.of(1), text).annotations(anns).build();
                }));
        return sentence.list().ofMinSize(1).ofMaxSize(6).map(items -> {
            List<Item> numbered = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                numbered.add(items.get(i).toBuilder().id(Id.of(i + 1)).build());
            }
            return numbered;
        });
    }
}
