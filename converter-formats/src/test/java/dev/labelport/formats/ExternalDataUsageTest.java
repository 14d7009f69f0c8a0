package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the class of bug behind issue 11: a test that reaches the third-party samples from
 * inside an {@code assertThrows} lambda turns "samples absent, skip" into a failure. Every test
 * source of every module is read as text: a file that uses {@code ExternalData} must mark its
 * classes or methods {@code @ExternalSamples} (disabled up front when the folder is absent), and
 * no {@code assertThrows}/{@code assertDoesNotThrow} argument may mention {@code ExternalData}.
 */
class ExternalDataUsageTest {
    private static final Pattern ASSERTION = Pattern.compile("assert(Throws|ThrowsExactly|DoesNotThrow|Timeout)\\s*\\(");

    private static List<Path> testSources() throws IOException {
        Path repo = TestData.root().getParent();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repo)) {
            for (Path m : modules.filter(p -> Files.isDirectory(p.resolve("src/test/java"))).toList()) {
                try (Stream<Path> files = Files.walk(m.resolve("src/test/java"))) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void everyUseOfTheSamplesIsMarkedAndNoneSitsInsideAnAssertionLambda() throws IOException {
        List<Path> sources = testSources();
        assertTrue(sources.size() > 50, "test sources found: " + sources.size());
        List<String> problems = new ArrayList<>();
        for (Path f : sources) {
            String s = Files.readString(f);
            String name = f.getFileName().toString();
            if (name.startsWith("ExternalData")) { // the helper, its condition and this test
                continue;
            }
            if (s.contains("ExternalData.") && !s.contains("@ExternalSamples")) {
                problems.add(name + ": uses ExternalData without @ExternalSamples");
            }
            Matcher m = ASSERTION.matcher(s);
            while (m.find()) {
                String args = balanced(s, m.end() - 1);
                if (args.contains("ExternalData.")) {
                    int line = (int) s.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                    problems.add(name + ":" + line + ": ExternalData reached inside " + m.group().trim() + "...)");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The text from the parenthesis at {@code open} to its match (strings are not special-cased). */
    private static String balanced(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return s.substring(open, i + 1);
            }
        }
        return s.substring(open);
    }
}
