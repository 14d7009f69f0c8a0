package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import dev.labelport.model.Mask;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import org.junit.jupiter.api.Test;

/** The pycocotools RLE codec against real compressed strings. */
@ExternalSamples
class CocoRleTest {

    private static int checkEveryMask(String relative) {
        Dataset d = Datasets.read(new CocoFormat(), ExternalData.resolve(relative));
        int masks = 0;
        for (Item item : d.items()) {
            for (Annotation a : item.annotations()) {
                if (a.geometry() instanceof Mask m && m.isCompressed()) {
                    String s = m.compressedCounts();
                    int[] counts = Mask.decode(s);
                    long sum = 0;
                    for (int c : counts) {
                        sum += c;
                    }
                    assertEquals((long) m.height() * m.width(), sum, relative + " " + a);
                    assertEquals(s, Mask.encode(counts), relative + " " + a);
                    masks++;
                }
            }
        }
        return masks;
    }

    @Test
    void everyResultsSegmentationDecodesToItsSizeAndEncodesBackToTheSameString() {
        assertEquals(734, checkEveryMask("coco/cocoapi-results/instances_val2014_fakesegm100_results.json"));
    }

    @Test
    void everyPanopticDetectionMaskDecodesToItsSizeAndEncodesBack() {
        assertEquals(50, checkEveryMask("coco/panopticapi-sample_data/panoptic_coco_detection_format.json"));
    }

    @Test
    void knownStringFromTheResultsFile() {
        // first detection of image 42 in cocoapi's fake segm results, 478x640; its first runs
        Dataset d = Datasets.read(new CocoFormat(),
                ExternalData.resolve("coco/cocoapi-results/instances_val2014_fakesegm100_results.json"));
        Mask m = (Mask) d.items().get(0).annotations().get(0).geometry();
        assertEquals(478, m.height());
        assertEquals(640, m.width());
        assertTrue(m.compressedCounts().startsWith("VQi31m>0O2N100O100O2N"));
        int[] counts = m.counts();
        // "VQi3" is one count: chars minus 48 are 38, 33, 57, 3; low 5 bits 6 | 1<<5 | 25<<10 | 3<<15
        assertEquals(123942, counts[0]);
        // 123942 zeros in column-major order: the first foreground pixel is in column 259, row 140,
        // which agrees with the box the same fake detector gave (x = 258.15 in the bbox results)
        assertEquals(259, counts[0] / 478);
        assertEquals(259, m.bounds().x());
    }

    @Test
    void countsAndStringFormsOfTheSameMaskAreEqual() {
        int[] counts = {0, 20, 30};
        Mask plain = Mask.ofCounts(10, 5, counts);
        Mask compressed = Mask.ofCompressed(10, 5, Mask.encode(counts));
        assertEquals(plain, compressed);
        assertArrayEquals(counts, compressed.counts());
        assertEquals(20, compressed.area());
    }
}
