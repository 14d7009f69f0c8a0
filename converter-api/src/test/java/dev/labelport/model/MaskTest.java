package dev.labelport.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MaskTest {

    @Property(tries = 300)
    void compressedCodecRoundTrips(@ForAll @Size(max = 60) java.util.List<@IntRange(min = 0, max = 5_000_000) Integer> runs) {
        int[] counts = runs.stream().mapToInt(Integer::intValue).toArray();
        String s = Mask.encode(counts);
        for (char c : s.toCharArray()) {
            assertEquals(true, c >= 48 && c <= 111, "printable alphabet: " + (int) c);
        }
        assertArrayEquals(counts, Mask.decode(s));
    }

    @Test
    void knownPycocotoolsStrings() {
        // Hand-checked against maskApi.c: runs [3, 2] give "32" (each < 16, one group each).
        assertEquals("32", Mask.encode(new int[] {3, 2}));
        // A run of 20 needs two 5-bit groups: 20 = 0b10100 -> low group 0b10100 has bit 0x10 set,
        // so a second group (0) follows: chars (20|0x20)+48 = 'd', 0+48 = '0'.
        assertEquals("d0", Mask.encode(new int[] {20}));
        // From the fourth count on, the value is stored as a delta to the count two before.
        int[] runs = {0, 20, 30, 25, 5};
        assertArrayEquals(runs, Mask.decode(Mask.encode(runs)));
    }

    @Test
    void areaBoundsAndEqualityAcrossForms() {
        // 4x3 mask (h=4, w=3), column-major: column 1 rows 1-2 set.
        int[] counts = {5, 2, 5};
        Mask raw = Mask.ofCounts(4, 3, counts);
        Mask packed = Mask.ofCompressed(4, 3, Mask.encode(counts));
        assertEquals(2, raw.area());
        assertEquals(12, raw.totalRunLength());
        assertEquals(new Box(1, 1, 1, 2), raw.bounds());
        assertEquals(raw, packed);
        assertEquals(raw.hashCode(), packed.hashCode());
    }

    @Test
    void invalidStringsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Mask.decode("\u0001"));
        assertThrows(IllegalArgumentException.class, () -> Mask.decode("d")); // continuation without end
        assertThrows(IllegalArgumentException.class, () -> Mask.ofCounts(2, 2, new int[] {-1}));
    }
}
