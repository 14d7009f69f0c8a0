package dev.labelport.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party sample files under {@code shared/external-testdata}, read in place. The folder
 * comes from the system property {@code labelport.external.testdata} (set by the build); tests
 * that need it are skipped with a message when it is absent.
 */
public final class ExternalData {
    public static final String PROPERTY = "labelport.external.testdata";

    private ExternalData() {
    }

    /** The root folder, or a skipped test when it is not there. */
    public static Path root() {
        String p = System.getProperty(PROPERTY);
        Path root = p == null ? null : Path.of(p);
        assumeTrue(root != null && Files.isDirectory(root),
                "external test data not found (system property " + PROPERTY + "=" + p + "); skipping");
        return root;
    }

    /** A path under the root; skipped when it does not exist. */
    public static Path resolve(String relative) {
        Path f = root().resolve(relative);
        assumeTrue(Files.exists(f), "external sample " + relative + " not found; skipping");
        return f;
    }
}
