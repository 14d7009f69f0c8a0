package dev.labelport.formats.vertex;

import java.util.Locale;

/**
 * Whether the head of a file looks like a Vertex import file. JSON Lines: the first line is an
 * object with {@code imageGcsUri}, {@code textContent} or {@code textGcsUri} (95; 40 for other
 * objects in a {@code .jsonl} file). CSV: every sampled row is a detection row (ML_USE optional,
 * an image path, a label and eight coordinates with the empty columns of the two-vertex form:
 * 85), or a row whose path starts with {@code gs://} (80; 60 without ML_USE and gs://).
 */
final class VertexDetection {
    private static final int SAMPLE_ROWS = 50;

    private VertexDetection() {
    }

    static int score(String head, boolean truncated, String fileName) {
        String[] lines = head.split("\n", -1);
        int usable = truncated ? lines.length - 1 : lines.length;
        String first = null;
        int firstAt = 0;
        for (; firstAt < usable; firstAt++) {
            if (!lines[firstAt].isBlank()) {
                first = lines[firstAt].strip();
                break;
            }
        }
        if (first == null || head.indexOf('\0') >= 0) {
            return 0;
        }
        if (first.startsWith("{")) {
            boolean keys = first.contains("\"imageGcsUri\"") || first.contains("\"textContent\"")
                    || first.contains("\"textGcsUri\"");
            if (keys) {
                return 95;
            }
            return fileName.endsWith(".jsonl") && first.contains("Annotation") ? 40 : 0;
        }
        return csvScore(lines, firstAt, usable);
    }

    private static int csvScore(String[] lines, int from, int usable) {
        int rows = 0;
        int detection = 0;
        int gcs = 0;
        int mlUse = 0;
        for (int i = from; i < usable && rows < SAMPLE_ROWS; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            rows++;
            String[] cells = line.split(",", -1);
            int at = cells.length >= 2 && (MlUse.isMlUse(cells[0]) || cells[0].isBlank()) ? 1 : 0;
            if (at == 1 && !cells[0].isBlank()) {
                mlUse++;
            }
            String ref = cells[at].strip().replace("\"", "");
            if (ref.toLowerCase(Locale.ROOT).startsWith("gs://")) {
                gcs++;
            }
            if (cells.length - at == 10 && CsvSource.looksLikeImage(ref) && numbers(cells, at + 2)) {
                detection++;
            }
        }
        if (rows == 0) {
            return 0;
        }
        if (detection == rows) {
            return 85;
        }
        if (gcs == rows) {
            return 80;
        }
        return mlUse == rows ? 60 : 0;
    }

    private static boolean numbers(String[] cells, int from) {
        int set = 0;
        for (int k = 0; k < 8; k++) {
            String s = cells[from + k].strip();
            if (s.isEmpty()) {
                continue;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+')) {
                    return false;
                }
            }
            set++;
        }
        return set == 4 || set == 8 || set == 0;
    }
}
