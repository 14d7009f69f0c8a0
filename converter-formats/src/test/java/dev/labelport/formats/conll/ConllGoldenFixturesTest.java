package dev.labelport.formats.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import dev.labelport.testing.TestData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs this format's own golden cases under {@code testdata/conll} through the pipeline (the
 * lead's shared runner does the same for every format; this keeps the cases checked here).
 */
class ConllGoldenFixturesTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(TestData.root().resolve("conll"))) {
            return s.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsInputToExpected(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"))) {
            p.load(r);
        }
        Map<String, String> writer = new HashMap<>();
        String options = p.getProperty("options", "");
        for (String kv : options.isBlank() ? new String[0] : options.split(",")) {
            writer.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
        }
        Path out = tmp.resolve("out.conll");
        ConversionReport report = Labelport.create().conversion(dir.resolve("input.conll"), out)
                .from(p.getProperty("from")).to(p.getProperty("to"))
                .options(ConversionOptions.builder().writerOptions(dev.labelport.spi.FormatOptions.of(writer)).build()).run();
        assertEquals(Files.readString(dir.resolve("expected.conll"), StandardCharsets.UTF_8),
                Files.readString(out, StandardCharsets.UTF_8));
        boolean lossy = dir.getFileName().toString().equals("tab-to-space");
        assertTrue(report.lossless() != lossy, report.toJson());
    }
}
