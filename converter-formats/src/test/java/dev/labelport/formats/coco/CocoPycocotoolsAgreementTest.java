package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonValue;
import dev.labelport.masks.Rle;
import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import dev.labelport.testing.MaskOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The external COCO samples through our reader and rasteriser against what pycocotools'
 * {@code maskApi.c} gave for them ({@code testdata/masks-oracle/external.tsv}, keyed by file and
 * annotation id for polygons, by SHA-256 for compressed strings; see converter-bench/oracle).
 */
class CocoPycocotoolsAgreementTest {

    /** The annotation's polygon, or the one kept beside its keypoints. */
    private static Polygon polygon(Annotation a) {
        if (a.geometry() instanceof Polygon p) {
            return p;
        }
        if (a.extension("coco").get("segmentation") instanceof JsonArray parts && !parts.values().isEmpty()) {
            List<PointList> rings = new ArrayList<>();
            for (JsonValue part : parts.values()) {
                List<JsonValue> xy = ((JsonArray) part).values();
                double[] c = new double[xy.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = ((JsonNumber) xy.get(i)).doubleValue();
                }
                rings.add(PointList.wrap(c));
            }
            return Polygon.of(rings.toArray(PointList[]::new));
        }
        return null;
    }

    @Test
    @ExternalSamples
    void externalPolygonsAndStringsAgreeWithPycocotools() {
        Path root = ExternalData.root();
        Map<String, String> expected = MaskOracle.expected("external.tsv");
        Set<String> files = new LinkedHashSet<>();
        for (String key : expected.keySet()) {
            if (!key.startsWith("rle ")) {
                files.add(key.substring(0, key.lastIndexOf(' ')));
            }
        }
        files.add("coco/cocoapi-results/instances_val2014_fakesegm100_results.json");
        files.add("coco/panopticapi-sample_data/panoptic_coco_detection_format.json");
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        long polygons = 0, pixels = 0, differing = 0;
        for (String file : files) {
            Dataset d = Datasets.read(new CocoFormat(), root.resolve(file));
            for (Item item : d.items()) {
                for (Annotation a : item.annotations()) {
                    String key;
                    String got;
                    Polygon p = polygon(a);
                    if (p != null) {
                        key = file + " " + a.id();
                        Mask ours = Rle.fromPolygon(p, item.height(), item.width());
                        got = MaskOracle.describe(ours, false);
                        String want = expected.get(key);
                        if (want != null) {
                            Mask theirs = Mask.ofCompressed(item.height(), item.width(), want.split(" ")[0]);
                            differing += Rle.union(List.of(ours, theirs)).area() - Rle.intersection(List.of(ours, theirs)).area();
                            pixels += (long) item.height() * item.width();
                            polygons++;
                        }
                    } else if (a.geometry() instanceof Mask m && m.isCompressed()) {
                        key = "rle " + MaskOracle.sha256(m.compressedCounts());
                        got = MaskOracle.describe(m, true);
                    } else {
                        continue;
                    }
                    if (!expected.containsKey(key)) {
                        wrong.add(key + ": no oracle value");
                    } else if (!expected.get(key).equals(got)) {
                        wrong.add(key + "\n   want " + expected.get(key) + "\n   got  " + got);
                    }
                    seen.add(key);
                }
            }
        }
        assertEquals(List.of(), wrong);
        Set<String> unchecked = new LinkedHashSet<>(expected.keySet());
        unchecked.removeAll(seen);
        assertEquals(Set.of(), unchecked, "oracle values no annotation was checked against");
        assertEquals(34, polygons);
        assertEquals(784, expected.size() - polygons, "distinct compressed strings");
        assertEquals(0, differing, "pixels differing out of " + pixels);
        assertTrue(pixels > 0);
    }
}
