package dev.labelport.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WholeFileTest {

    @Test
    void parsesResultLinesAndGivesRatiosToTheScan() {
        Map<String, String> scan = WholeFile.parse("RESULT step=scan wall_s=2.00 rss_mb=50.00 tokens=10");
        assertEquals("2.00", scan.get("wall_s"));
        scan.put("status", "ok");
        Map<String, String> convert = WholeFile.parse("RESULT step=coco->coco status=ok wall_s=5.00 rss_mb=200.00 items=3 annotations=9");
        Map<String, String> failed = WholeFile.parse("RESULT step=coco->avala status=failed:Oops wall_s=0.02 rss_mb=40.00");
        String[] lines = WholeFile.table(List.of(scan, convert, failed)).split("\\R");
        assertEquals(5, lines.length);
        assertTrue(lines[3].matches(".*coco->coco .*\\| +2\\.50x \\| +4\\.00x \\| +3 \\| +9 \\| ok.*"), lines[3]);
        assertTrue(lines[4].matches(".*coco->avala .*\\| +- \\| +- \\| .*failed:Oops.*"), lines[4]);
    }

    @Test
    void resultLinesHaveNoSpacesInValues() {
        assertEquals("RESULT k=a_b", Measure.resultLine(Map.of("k", "a b")));
    }
}
