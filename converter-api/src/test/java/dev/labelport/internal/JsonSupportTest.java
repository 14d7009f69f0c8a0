package dev.labelport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Limits;
import java.io.StringWriter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

class JsonSupportTest {

    private static String coordinate(double v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            JsonSupport.writeCoordinate(g, v);
        }
        return w.toString();
    }

    @Test
    void shortDecimalsAreWrittenAsTheyRead() {
        assertEquals("10", coordinate(10.0));
        assertEquals("473.07", coordinate(473.07));
        assertEquals("-0.5", coordinate(-0.5));
        assertEquals("0.0001", coordinate(0.0001));
        assertEquals("123456.789", coordinate(123456.789));
        assertEquals("0.1", coordinate(0.1));
    }

    @Property(tries = 2000)
    void everyCoordinateReadsBackExactly(@ForAll @DoubleRange(min = -1e10, max = 1e10) double v) {
        assertEquals(v, Double.parseDouble(coordinate(v)));
    }

    @Property(tries = 2000)
    void twoDecimalValuesTakeTheShortPath(@ForAll @IntRange(min = -10_000_000, max = 10_000_000) int hundredths) {
        double v = hundredths / 100.0;
        String s = coordinate(v);
        assertEquals(v, Double.parseDouble(s));
        assertEquals(-1, s.indexOf('E'), s);
    }

    @Test
    void aDeepPathKeepsItsTwoEnds() {
        String json = "{\"a\":" + "[".repeat(100) + "\"x\"" + "]".repeat(100) + "}";
        try (tools.jackson.core.JsonParser p = JsonSupport.factory(Limits.DEFAULTS)
                .createParser(tools.jackson.core.ObjectReadContext.empty(), json)) {
            while (p.nextToken() != tools.jackson.core.JsonToken.VALUE_STRING) {
                // walk down to the string
            }
            String path = JsonSupport.path(p.streamReadContext());
            assertEquals("a" + "[0]".repeat(11) + "..." + "[0]".repeat(12), path);
        }
    }
}
