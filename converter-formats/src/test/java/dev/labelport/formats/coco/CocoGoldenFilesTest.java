package dev.labelport.formats.coco;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps testdata/coco/*: input.json converted coco to coco gives exactly expected.json, losslessly. */
class CocoGoldenFilesTest {
    @TempDir
    Path tmp;

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(TestData.root().resolve("coco"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void convertsToTheExpectedBytes(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"))) {
            p.load(r);
        }
        assertEquals("coco", p.getProperty("from"));
        assertEquals("coco", p.getProperty("to"));
        Map<String, String> options = new LinkedHashMap<>();
        for (String kv : p.getProperty("options", "").split(",")) {
            if (!kv.isBlank()) {
                options.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        Path out = tmp.resolve("out.json");
        ConversionReport report = Labelport.create().conversion(dir.resolve("input.json"), out).from("coco").to("coco")
                .options(ConversionOptions.builder().writerOptions(FormatOptions.of(options)).build()).run();
        assertTrue(report.lossless(), report.toJson());
        assertEquals(Files.readString(dir.resolve("expected.json")), Files.readString(out), dir.toString());
    }
}
