package dev.labelport.formats.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The fixed-decimal writer rounds exactly as BigDecimal does (half to even on the exact binary value). */
class FixedDecimalProperties {

    private static String expected(double v, int decimals) {
        BigDecimal r = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN);
        return (r.signum() == 0 ? r.abs() : r).toPlainString();
    }

    @Property(tries = 3000)
    void matchesBigDecimal(@ForAll("values") double v, @ForAll @IntRange(min = 0, max = 20) int decimals) {
        assertEquals(expected(v, decimals), FixedDecimal.format(v, decimals), () -> v + " at " + decimals);
    }

    /** Exact ties in binary (k + 0.5 units of the last digit) go to the even neighbour. */
    @Property(tries = 1000)
    void tiesGoToEven(@ForAll @IntRange(min = -1_000_000, max = 1_000_000) int k, @ForAll @IntRange(min = 0, max = 3) int decimals) {
        double v = (k + 0.5) / Math.pow(10, decimals);
        assertEquals(expected(v, decimals), FixedDecimal.format(v, decimals), () -> v + " at " + decimals);
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-2, 2),
                Arbitraries.integers().between(0, 2_000_000).map(i -> i / 1_000_000.0),
                Arbitraries.integers().between(0, 20_000_000).map(i -> i / 10_000_000.0 + 0.00000005),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(0.0, -0.0, 0.5, 1.0, 0.0000005, 0.0000015, 0.1234565, 1e-300, Double.MIN_VALUE,
                        Double.MAX_VALUE, 4503599627370495.5, 0x1p52, 123456.7890125));
    }

    @Test
    void typicalValues() {
        assertEquals("0.500000", FixedDecimal.format(0.5, 6));
        assertEquals("0.000000", FixedDecimal.format(-0.0000001, 6));
        assertEquals("-1.250000", FixedDecimal.format(-1.25, 6));
        assertEquals("3", FixedDecimal.format(2.5000001, 0));
        assertEquals("2", FixedDecimal.format(2.5, 0));
        assertEquals("0.389578", FixedDecimal.format(0.389578125, 6));
    }

    @Test
    void reportsWhetherTheValueHadMoreDecimals() {
        assertTrue(FixedDecimal.append(new StringBuilder(), 0.133333, 6), "a 6-decimal value read from text is exact");
        assertTrue(FixedDecimal.append(new StringBuilder(), 0.1, 6));
        assertFalse(FixedDecimal.append(new StringBuilder(), 0.389578125, 6), "9 decimals are rounded");
        assertFalse(FixedDecimal.append(new StringBuilder(), 1.0 / 3, 6));
        assertTrue(FixedDecimal.append(new StringBuilder(), 0.25, 2));
    }

    /** The shortest form reads back as the same double, in plain notation. */
    @Property(tries = 3000)
    void shortestReadsBackExactly(@ForAll("values") double v) {
        StringBuilder sb = new StringBuilder();
        FixedDecimal.appendShortest(sb, v);
        String s = sb.toString();
        assertEquals(v == 0 ? 0.0 : v, Double.parseDouble(s), s);
        assertFalse(s.contains("E") || s.contains("e"), s);
    }
}
