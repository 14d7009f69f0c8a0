package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fuzz campaign ({@link FuzzCampaignTest}, {@code -Pfuzz}) found, replayed: one test per
 * class of bug, named after what broke, on the smallest input that showed it.
 */
class FuzzFindingsTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    /**
     * Azure: the reader takes {@code -0} (and other spellings its lenient flag read accepts) as a
     * crowd flag; the writer's own check of the spelling knew it not and unboxed a null.
     */
    @Test
    void anAzureCrowdFlagSpelledUnusuallyWritesBack() throws IOException {
        Path in = write("in.jsonl", "{\"image_url\": \"a.jpg\", \"image_details\": {\"width\": 10, \"height\": 10}, \"label\": "
                + "[{\"label\": \"can\", \"topX\": 0.1, \"topY\": 0.1, \"bottomX\": 0.5, \"bottomY\": 0.5, \"isCrowd\": -0}]}\n");
        Path out = tmp.resolve("out.jsonl");
        ConversionReport r = Labelport.create().conversion(in, out).from("azure-automl").to("azure-automl").run();
        assertEquals(1, r.annotationsWritten());
        assertEquals(true, Files.readString(out).contains("\"isCrowd\":0"), Files.readString(out));
    }

    /**
     * A zip holding two entries of one name (the structural mutator's duplicate entry) was read,
     * one of the two chosen silently by the zip file system: it is refused, naming the entry.
     */
    @Test
    void aZipWithTwoEntriesOfOneNameIsRefused() throws IOException {
        Path folder = tmp.resolve("yolo");
        Files.createDirectories(folder.resolve("labels/train"));
        Files.writeString(folder.resolve("data.yaml"), "names: [cat]\ntrain: images/train\n");
        Files.writeString(folder.resolve("labels/train/a.txt"), "0 0.5 0.5 0.1 0.1\n");
        Path zip = Files.write(tmp.resolve("in.zip"), StructuralMutationPropertiesTest.zipWithDuplicate(folder, 1));
        dev.labelport.error.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.labelport.error.InvalidInputException.class,
                () -> Labelport.create().conversion(zip, tmp.resolve("out")).from("yolo").to("yolo").run());
        assertEquals("in.zip!/labels/train/a.txt", e.location().source(), e.getMessage());
        assertEquals(true, e.getMessage().contains("appears twice"), e.getMessage());
    }
}
