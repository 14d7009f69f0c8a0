package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.ImageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 2: the box a box-only target gets is the one the source states beside the
 * shape (COCO's {@code bbox}, a YOLO pose line's box), derived from the shape only when there is
 * none. The per-target fixtures are golden cases ({@code testdata/<format>/coco-bbox-*}); here the
 * pose box from the issue makes the trip YOLO → COCO → YOLO.
 */
class ObjectBoxTest {
    @TempDir
    Path tmp;

    private static ConversionOptions sized() {
        return ConversionOptions.builder().imageSizes(item -> new ImageSize(300, 200)).build();
    }

    @Test
    void aPoseBoxSurvivesTheTripThroughCoco() throws IOException {
        Path yolo = Files.createDirectories(tmp.resolve("pose/labels/train"));
        Files.writeString(tmp.resolve("pose/data.yaml"), "train: images/train\nval: images/train\nkpt_shape: [3, 3]\nnames:\n  0: person\n");
        // the keypoints' extent is 0.3 0.4 0.4 0.4: the object's box is another
        Files.writeString(yolo.resolve("a.txt"), "0 0.133 0.3 0.267 0.2 0.1 0.2 2 0.5 0.6 2 0.3 0.4 2\n");
        Path coco = tmp.resolve("coco.json");
        Labelport.create().conversion(tmp.resolve("pose"), coco).from("yolo").to("coco").options(sized()).run();
        String json = Files.readString(coco);
        assertTrue(json.contains("\"bbox\":[-0.15") && json.contains(",80.1"), json); // 0.133 × 300 − 0.267 × 300 / 2

        Path back = tmp.resolve("back");
        ConversionReport r = Labelport.create().conversion(coco, back).from("coco").to("yolo").run();
        assertEquals("0 0.133000 0.300000 0.267000 0.200000 0.100000 0.200000 2 0.500000 0.600000 2 0.300000 0.400000 2\n",
                Files.readString(back.resolve("labels/train/a.txt")));
        assertEquals(0, r.lossCount("APPROXIMATED_GEOMETRY"));
    }

    @Test
    void aTargetWithKeypointsButNoBoxReportsThePoseBox() throws IOException {
        Files.createDirectories(tmp.resolve("pose/labels/train"));
        Files.writeString(tmp.resolve("pose/data.yaml"), "train: images/train\nval: images/train\nkpt_shape: [1, 3]\nnames:\n  0: person\n");
        Files.writeString(tmp.resolve("pose/labels/train/a.txt"), "0 0.5 0.5 0.4 0.4 0.5 0.5 2\n");
        ConversionReport r = Labelport.create().conversion(tmp.resolve("pose"), tmp.resolve("a.json")).from("yolo").to("avala")
                .options(sized()).run();
        assertTrue(r.toJson().contains("object box beside the keypoints not kept"), r.toJson());
    }

    @Test
    void keypointsWithoutAStatedBoxGetTheLabelledPointsExtent() throws IOException {
        Path coco = Files.writeString(tmp.resolve("kp.json"), "{\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":300,"
                + "\"height\":200}],\"categories\":[{\"id\":1,\"name\":\"person\"}],\"annotations\":[{\"id\":1,\"image_id\":1,"
                + "\"category_id\":1,\"keypoints\":[0,0,0,30,40,2,90,80,2]}]}");
        Path out = tmp.resolve("yolo");
        Labelport.create().conversion(coco, out).from("coco").to("yolo").run();
        // extent of (30,40) and (90,80), not of the unlabelled 0,0: centre 60,60, size 60x40
        assertTrue(Files.readString(out.resolve("labels/train/a.txt")).startsWith("0 0.200000 0.300000 0.200000 0.200000 "),
                Files.readString(out.resolve("labels/train/a.txt")));
    }
}
