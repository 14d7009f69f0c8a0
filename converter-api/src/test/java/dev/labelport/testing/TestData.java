package dev.labelport.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's own fixtures under {@code testdata/}, located through {@code labelport.testdata}. */
public final class TestData {
    public static final String PROPERTY = "labelport.testdata";

    private TestData() {
    }

    public static Path root() {
        String p = System.getProperty(PROPERTY);
        Path root = p != null ? Path.of(p) : Path.of("..", "testdata");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("testdata folder not found at " + root.toAbsolutePath()
                    + " (set -D" + PROPERTY + ")");
        }
        return root;
    }
}
