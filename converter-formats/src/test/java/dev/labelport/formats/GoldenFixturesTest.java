package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.formats.images.SizeTable;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatOptions;
import dev.labelport.testing.TestData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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

/**
 * Every {@code testdata/<format>/<case>/} with a {@code case.properties} is one test: the
 * {@code input.*} file (or {@code input/} folder) is converted {@code from} → {@code to} and must equal {@code expected.*}
 * byte for byte. Keys: {@code from}, {@code to}, optional {@code options} and
 * {@code reader-options} (comma-separated {@code key=value}), optional {@code losses}
 * (comma-separated {@code CODE=count}, exactly the loss codes expected; absent means lossless),
 * optional {@code image-sizes} (a {@code file,width,height} size table, relative to the case
 * folder, for conversions between normalised and pixel coordinates), optional {@code input} (a
 * path relative to the case folder to convert instead, such as one file of {@code input/}).
 */
class GoldenFixturesTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.walk(TestData.root(), 3)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().equals("case.properties"))
                    .map(Path::getParent).sorted().toList();
            assertFalse(found.isEmpty(), "no golden cases under " + TestData.root());
            return found.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsToTheExpectedBytes(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String given = p.getProperty("input"); // one file of an input folder (issue 13, class 3)
        Path input = given != null ? dir.resolve(given.trim()) : single(dir, "input");
        Path expected = single(dir, "expected");
        Path output = tmp.resolve(expected.getFileName().toString());
        ConversionOptions.Builder options = ConversionOptions.builder()
                .writerOptions(FormatOptions.of(pairs(p.getProperty("options", ""))))
                .readerOptions(FormatOptions.of(pairs(p.getProperty("reader-options", ""))));
        String sizes = p.getProperty("image-sizes");
        if (sizes != null) {
            options.imageSizes(SizeTable.read(dir.resolve(sizes.trim())));
        }
        ConversionReport report = Labelport.create().conversion(input, output)
                .from(p.getProperty("from")).to(p.getProperty("to"))
                .options(options.build())
                .run();
        if (Files.isDirectory(expected)) {
            assertEquals(listFiles(expected), listFiles(output), dir + ": the files written differ from expected/");
            for (String f : listFiles(expected)) {
                assertEquals(Files.readString(expected.resolve(f), StandardCharsets.UTF_8),
                        Files.readString(output.resolve(f), StandardCharsets.UTF_8), dir + ": output differs from expected/" + f);
            }
        } else {
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8), Files.readString(output, StandardCharsets.UTF_8),
                    dir + ": output differs from " + expected.getFileName());
        }
        Map<String, String> losses = pairs(p.getProperty("losses", ""));
        for (var e : losses.entrySet()) {
            assertEquals(Long.parseLong(e.getValue()), report.lossCount(e.getKey()), e.getKey() + " in " + report.toJson());
        }
        report.losses().stream().filter(l -> l.code().severity() == dev.labelport.report.LossCode.Severity.LOSS)
                .forEach(l -> assertTrue(losses.containsKey(l.code().code()), "unexpected loss " + l.code() + " in " + report.toJson()));
    }

    /** Relative names of the files under a folder, sorted, with '/' separators. */
    static List<String> listFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** The {@code stem.*} file, or the folder named {@code stem} (folder formats). */
    private static Path single(Path dir, String stem) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> m = s.filter(f -> f.getFileName().toString().startsWith(stem + ".")
                    || f.getFileName().toString().equals(stem) && Files.isDirectory(f)).toList();
            assertEquals(1, m.size(), dir + " needs exactly one " + stem + ".* file or " + stem + "/ folder");
            return m.get(0);
        }
    }

    private static Map<String, String> pairs(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : s.split(",")) {
            if (!kv.isBlank()) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return m;
    }
}
