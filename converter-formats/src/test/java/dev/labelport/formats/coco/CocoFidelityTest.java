package dev.labelport.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ErrorPolicy;
import dev.labelport.Limits;
import dev.labelport.error.StrictLossException;
import dev.labelport.model.Category;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files other tools write that pycocotools loads: read as written, inconsistencies reported (issue 13). */
class CocoFidelityTest {
    @TempDir
    Path tmp;

    private static final String CROWDPOSE_SKELETON = "{\"images\":[{\"id\":1,\"width\":10,\"height\":10}],\"annotations\":[],\n"
            + "\"categories\":[{\"id\":1,\"name\":\"person\",\"keypoints\":[\"a\",\"b\"],\"skeleton\":[[1,2],[16,14]]}]}";

    private static ReadContext context(boolean strict) {
        return new ReadContext("in.json", FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.FAIL, new Reporter(strict), null);
    }

    @Test
    void aSkeletonEdgeBeyondTheKeypointsIsKeptAndReported() throws IOException {
        Path in = Files.writeString(tmp.resolve("in.json"), CROWDPOSE_SKELETON);
        ReadContext ctx = context(false);
        Dataset d = Datasets.read(new CocoFormat(), in, ctx);
        Category person = d.header().categories().get(0);
        assertEquals(List.of(new Category.Edge(0, 1), new Category.Edge(15, 13)), person.skeleton());
        assertEquals(1, ctx.reporter().lossCount("INCONSISTENT_METADATA"));
        String example = ctx.reporter().build("coco", "coco").losses().get(0).examples().get(0).toString();
        assertTrue(example.contains("in.json:2") && example.contains("categories[0].skeleton")
                && example.contains("[16, 14] names a keypoint beyond the 2 declared"), example);
    }

    @Test
    void strictRefusesTheInconsistentSkeletonWithItsLocation() throws IOException {
        Path in = Files.writeString(tmp.resolve("in.json"), CROWDPOSE_SKELETON);
        StrictLossException e = assertThrows(StrictLossException.class, () -> Datasets.read(new CocoFormat(), in, context(true)));
        assertEquals(2, e.location().line());
        assertEquals("categories[0].skeleton", e.location().path());
    }
}
