package dev.labelport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.NumericChars;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    private static double quick(String s) {
        return JsonFields.shortDecimal(s.toCharArray(), 0, s.length());
    }

    @Property(tries = 3000)
    void shortDecimalsParseExactlyLikeTheJdk(@ForAll @LongRange(min = -999_999_999_999_999L, max = 999_999_999_999_999L) long digits,
                                             @ForAll @IntRange(min = 0, max = 15) int decimals) {
        String text = new BigDecimal(digits).movePointLeft(decimals).toPlainString();
        double q = quick(text);
        assertEquals(Double.parseDouble(text), q, text);
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(q), text);
    }

    @Property(tries = 2000)
    void anyDigitStringIsExactOrLeftToTheGeneralParser(@ForAll @StringLength(min = 1, max = 30) @NumericChars String digits,
                                                       @ForAll @IntRange(min = 0, max = 29) int point) {
        String text = point > 0 && point < digits.length() ? digits.substring(0, point) + "." + digits.substring(point) : digits;
        double q = quick(text);
        assertTrue(Double.isNaN(q) || q == Double.parseDouble(text), text + " -> " + q);
    }

    @Test
    void unusualFormsAreLeftToTheGeneralParser() {
        for (String s : new String[] {"1e5", "1E-3", "", "-", "1.2.3", "12345678901234567", "0.00000000000000000000001"}) {
            assertTrue(Double.isNaN(quick(s)), s);
        }
        assertEquals(-0.0, quick("-0.0"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(quick("-0.0")));
        assertEquals(473.07, quick("473.07"));
        assertEquals(0.1, quick("0.1"));
    }
}
