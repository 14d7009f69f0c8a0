package dev.labelport.formats.avala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatOptions;
import dev.labelport.testing.TestData;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps this format's golden cases under {@code testdata/avala} in step with the code (the
 * project-wide runner reads the same files).
 */
class AvalaGoldenFilesTest {
    @TempDir
    Path tmp;

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(TestData.root().resolve("avala"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void convertsInputToExpected(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"))) {
            p.load(r);
        }
        Map<String, String> options = new HashMap<>();
        for (String kv : p.getProperty("options", "").split(",")) {
            if (!kv.isBlank()) {
                String[] parts = kv.split("=", 2);
                options.put(parts[0].trim(), parts[1].trim());
            }
        }
        Path out = tmp.resolve("out.json");
        ConversionReport report = Labelport.create().conversion(dir.resolve("input.json"), out)
                .from(p.getProperty("from")).to(p.getProperty("to"))
                .options(ConversionOptions.builder().writerOptions(FormatOptions.of(options)).build()).run();
        assertTrue(report.lossless(), report.toJson());
        assertEquals(Files.readString(dir.resolve("expected.json")), Files.readString(out), dir.toString());
    }
}
