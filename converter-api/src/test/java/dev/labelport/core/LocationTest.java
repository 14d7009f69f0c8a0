package dev.labelport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import org.junit.jupiter.api.Test;

class LocationTest {
    @Test
    void rendersOnlyWhatIsKnown() {
        assertEquals("a.json:12:5 (byte 1234) at annotations[3].bbox",
                new Location("a.json", 12, 5, 1234, "annotations[3].bbox").toString());
        assertEquals("a.json:12", Location.ofLine("a.json", 12).toString());
        assertEquals("line 3:1", new Location(null, 3, 1, -1, null).toString());
        assertEquals("at images[0]", new Location(null, -1, -1, -1, "images[0]").toString());
        assertEquals("unknown location", Location.UNKNOWN.toString());
        assertFalse(Location.UNKNOWN.isKnown());
    }

    @Test
    void anEmptyPathIsTheRootAndIsNotPrinted() {
        Location l = new Location("bad.json", 1, 1, 0, "");
        assertNull(l.path());
        assertEquals("bad.json:1:1 (byte 0)", l.toString());
    }

    @Test
    void exceptionsCarryTheLocationInTheMessageAndAsAccessors() {
        InvalidInputException e = new InvalidInputException(new Location("x.conll", 7, -1, -1, null), "expected a tag");
        assertEquals("x.conll:7: expected a tag", e.getMessage());
        assertEquals(7, e.location().line());
        assertEquals("expected a tag", e.detail());
    }
}
