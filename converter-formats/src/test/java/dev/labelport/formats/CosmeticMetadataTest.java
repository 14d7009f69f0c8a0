package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.error.StrictLossException;
import dev.labelport.spi.FormatOptions;
import dev.labelport.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13, class 1: a field no geometry depends on never refuses a file. Each golden case below
 * reads (and writes back) with {@code INCONSISTENT_METADATA} reported by {@link GoldenFixturesTest};
 * here strict mode must still refuse it, at the field's location.
 */
class CosmeticMetadataTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            coco/skeleton-beyond-keypoints  | input.json  | coco         | 5 | categories[0].skeleton  | names a keypoint beyond the 3 declared
            voc/size-not-whole-pixels       | input.xml   | voc          | 4 | size.width              | image width is not a whole number of pixels ('640.5')
            vertex/ml-use-disagrees         | input.csv   | vertex       | 2 | ML_USE (column 1)       | rows of one image disagree on ML_USE
            azure-automl/image-details-half | input.jsonl | azure-automl | 1 | image_details           | image_details gives a width without a height
            avala/duplicate-label           | input.json  | avala        | 4 | projects[0].labels[1]   | duplicate label "car" in project "p1"
            yolo/obj-data-loose-lines       | input       | yolo         | 1 |                         | classes is not a count: 'three'
            csv/skeleton-edge-not-a-pair    | input.csv   | csv          | 2 | row 1 column extra      | skeleton edge [2] is not [from, to]
            """)
    void strictRefusesTheInconsistentFieldAtItsLocation(String fixture, String input, String format, int line, String path,
                                                        String detail) {
        Path in = TestData.root().resolve(fixture).resolve(input);
        Path out = tmp.resolve("out" + (Files.isDirectory(in) ? "" : input.substring(input.indexOf('.'))));
        StrictLossException e = assertThrows(StrictLossException.class, () -> Labelport.create().conversion(in, out)
                .from(format).to(format)
                .options(ConversionOptions.builder().strict(true).writerOptions(FormatOptions.of(Map.of())).build()).run());
        assertEquals("INCONSISTENT_METADATA", e.lossCode());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(path, e.location().path(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(Files.notExists(out), "a refused conversion leaves no output");
    }
}
