package dev.labelport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Wall time, peak RSS and the machine-readable RESULT line every measuring mode prints. */
final class Measure {
    /** Prefix of the one line per run that {@link WholeFile} parses from a child JVM's output. */
    static final String RESULT = "RESULT";

    private Measure() {
    }

    /**
     * This process's peak resident set size in MB ({@code VmHWM} of {@code /proc/self/status}),
     * or -1 where there is no procfs (not Linux).
     */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    /** {@code RESULT k=v k=v}; values must not contain spaces. */
    static String resultLine(Map<String, ?> fields) {
        StringJoiner j = new StringJoiner(" ", RESULT + " ", "");
        fields.forEach((k, v) -> j.add(k + "=" + String.valueOf(v).replace(' ', '_')));
        return j.toString();
    }
}
