package dev.labelport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GroupingIndexTest {

    @Test
    void integerKeysAreTheSameKeyAsTheirCanonicalText() {
        GroupingIndex index = new GroupingIndex();
        int one = index.ordinal(1L);
        assertEquals(one, index.ordinal("1"));
        assertEquals(index.ordinal(-7L), index.ordinal("-7"));
        assertNotEquals(one, index.ordinal("01"), "'01' is not the number 1");
        assertNotEquals(index.ordinal(0L), index.ordinal("-0"));
        assertEquals(index.ordinal("img_1"), index.ordinal("img_1"));
        assertEquals(index.ordinal(Long.MIN_VALUE), index.ordinal(Long.toString(Long.MIN_VALUE)));
    }

    @Test
    void childrenAreGroupedByParentInFileOrder() {
        GroupingIndex index = new GroupingIndex();
        int a = index.ordinal("a");
        int b = index.ordinal(2L);
        index.addChild(b, 100, 5, 1, 1);
        index.addChild(a, 200, 5, 2, 1);
        index.addChild(b, 300, 5, 3, 7);
        index.addParent(a, 0, 10, 1, 1);
        index.addParent(b, 10, 10, 1, 11);
        index.seal();
        assertEquals(-1, index.firstDanglingChild());
        assertEquals(1, index.childEnd(a) - index.childStart(a));
        assertEquals(1, index.sortedChild(index.childStart(a)));
        assertEquals(0, index.sortedChild(index.childStart(b)));
        assertEquals(2, index.sortedChild(index.childStart(b) + 1));
        assertEquals(7, index.childColumn(2));
        assertEquals(11, index.parentColumn(1));
    }

    @Property(tries = 50)
    void longIntMapAgreesWithAHashMap(@ForAll long seed) {
        Random r = new Random(seed);
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> ref = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            long k = r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(2000) - 1000;
            int v = r.nextInt();
            map.put(k, v);
            ref.put(k, v);
        }
        assertEquals(ref.size(), map.size());
        ref.forEach((k, v) -> assertEquals(v, map.get(k)));
        long absent = 5_000;
        while (ref.containsKey(absent)) {
            absent++;
        }
        assertEquals(LongIntMap.MISSING, map.get(absent));
    }

    /**
     * Issue 3's bound: at most 48 bytes of grouping state per annotation, for a train2017-shaped
     * file (118,287 images, 860,001 shuffled annotations), counting allocated capacity, after
     * sealing (when the sort order is added), plus the 4 bytes per child ChildBuckets keeps.
     */
    @Test
    void groupingStateStaysUnder48BytesPerAnnotation() {
        int images = 118_287;
        int annotations = 860_001;
        GroupingIndex index = new GroupingIndex();
        Random random = new Random(2017);
        long offset = 0;
        for (int i = 0; i < images; i++) {
            index.addParent(index.ordinal(1000L + 7L * i), offset, 200, 1, (int) offset + 1);
            offset += 200;
        }
        for (int a = 0; a < annotations; a++) {
            index.addChild(index.ordinal(1000L + 7L * random.nextInt(images)), offset, 480, 1, 1);
            offset += 480;
        }
        double whileScanning = (index.footprintBytes() + 0.0) / annotations;
        System.out.printf(java.util.Locale.ROOT, "grouping state while scanning: %.1f bytes per annotation%n", whileScanning);
        assertTrue(whileScanning <= 48, "grouping state per annotation while scanning: " + whileScanning + " bytes");
        index.seal();
        double perAnnotation = (index.footprintBytes() + 4.0 * annotations) / annotations;
        System.out.printf(java.util.Locale.ROOT, "grouping state once sealed: %.1f bytes per annotation%n", perAnnotation);
        assertTrue(perAnnotation <= 48, "grouping state per annotation: " + perAnnotation + " bytes");
    }
}
