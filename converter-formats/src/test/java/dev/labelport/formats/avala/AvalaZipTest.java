package dev.labelport.formats.avala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatProvider;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Avala exports are downloaded as a zip holding one JSON file: it reads in place of the JSON. */
class AvalaZipTest {
    private static final FormatProvider AVALA = FormatRegistry.discover().require("avala");

    @TempDir
    Path tmp;

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path z = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return z;
    }

    private static byte[] golden() throws IOException {
        return Files.readAllBytes(TestData.root().resolve("avala/every-type/input.json"));
    }

    @Test
    void aZippedExportReadsLikeTheJsonInside() throws IOException {
        Path json = Files.write(tmp.resolve("export.json"), golden());
        Path z = zip("export.zip", Map.of("__MACOSX/._export.json", new byte[] {0}, "exports/export.json", golden()));
        Dataset plain = Datasets.read(AVALA, json);
        Dataset zipped = Datasets.read(AVALA, z);
        assertEquals(plain.items(), zipped.items());
        assertEquals("avala", Labelport.create().detect(z).descriptor().id());
        Path spill = Files.createDirectories(tmp.resolve("spill"));
        ConversionReport r = Labelport.create().conversion(z, tmp.resolve("out.json")).to("coco")
                .options(ConversionOptions.builder().tempDirectory(spill).build()).run();
        assertEquals(plain.annotationCount(), r.annotationsRead());
        try (Stream<Path> s = Files.list(spill)) {
            assertEquals(0, s.count(), "the extracted JSON and spill files are deleted");
        }
    }

    @Test
    void errorsInsideTheArchiveNameTheEntry() throws IOException {
        byte[] broken = new String(golden(), StandardCharsets.UTF_8).replace("\"dataset_item_uid\": \"i1\"",
                "\"dataset_item_uid\": \"nope\"").getBytes(StandardCharsets.UTF_8);
        Path z = zip("bad.zip", Map.of("export.json", broken));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(AVALA, z));
        assertTrue(e.getMessage().startsWith("bad.zip!/export.json:"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset_item_uid"), e.getMessage());
    }

    @Test
    void anArchiveWithoutExactlyOneJsonFileIsRefused() throws IOException {
        Path none = zip("none.zip", Map.of("readme.txt", new byte[] {'h', 'i'}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.read(AVALA, none));
        assertTrue(e.getMessage().contains("no .json file"), e.getMessage());
        Path two = zip("two.zip", Map.of("a.json", golden(), "b.json", golden()));
        InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> Datasets.read(AVALA, two));
        assertTrue(e2.getMessage().contains("2 .json files"), e2.getMessage());
    }

    @Test
    void anEntryThatInflatesFarBeyondItsSizeIsRefused() throws IOException {
        Path z = tmp.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            out.putNextEntry(new ZipEntry("export.json"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            OutputStream o = out;
            for (int i = 0; i < 80; i++) { // 80 MB of spaces: a few hundred KB compressed
                o.write(spaces);
            }
            out.closeEntry();
        }
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Datasets.read(AVALA, z));
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }
}
