package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.error.InvalidInputException;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by MutatedInputPropertiesTest: a number such as {@code 1001e400} is valid JSON but
 * overflows a double to Infinity, which the model refuses; the Avala reader let the model's
 * IllegalArgumentException escape unlocated.
 */
class NumberOverflowRegressionTest {
    @TempDir
    Path tmp;

    @Test
    void avalaVertexOverflowingToInfinityIsALocatedError() throws IOException {
        Path in = Files.writeString(tmp.resolve("inf.json"), "{\"scheme_version\":\"1.0\",\"datasets\":[{\"uid\":\"d\","
                + "\"items\":[{\"uid\":\"i\"}]}],\"projects\":[{\"uid\":\"p\",\"labels\":[{\"name\":\"road\"}]}],"
                + "\"results\":[{\"uid\":\"r\",\"dataset_item_uid\":\"i\",\"project_uid\":\"p\",\"annotations\":["
                + "{\"type\":\"polygon\",\"label\":\"road\",\"vertices\":[[0,1001e400],[640,100],[640,480]]}]}]}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Datasets.read(FormatRegistry.discover().require("avala"), in));
        assertTrue(e.getMessage().startsWith("inf.json:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("results[0].annotations[0].vertices[0][1]"), e.getMessage());
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void cocoBoxOverflowingToInfinityIsALocatedError() throws IOException {
        Path in = Files.writeString(tmp.resolve("inf.json"), "{\"images\":[{\"id\":1,\"width\":5,\"height\":5}],"
                + "\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,-1e999,2]}],"
                + "\"categories\":[{\"id\":1,\"name\":\"a\"}]}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Datasets.read(FormatRegistry.discover().require("coco"), in));
        assertTrue(e.getMessage().contains("annotations[0].bbox[2]"), e.getMessage());
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}
