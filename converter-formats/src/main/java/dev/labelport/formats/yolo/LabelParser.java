package dev.labelport.formats.yolo;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.formats.yolo.YoloFormat.Task;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.Geometry;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.spi.ReadContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one label file: one object per line, {@code class} then normalised numbers. The line's
 * shape follows the task (see the package documentation); a line of 5 numbers is a box in any
 * task but classify. Lines are ASCII; CRLF, blank lines and a missing final newline are fine.
 */
final class LabelParser {
    private final ReadContext ctx;
    private final Task task;
    private final int[] kptShape;
    private final Classes classes;
    private final int maxTokens;

    /** Class index → category: from the names, or synthesised and noted once per index. */
    interface Classes {
        Category category(int index, Location where);
    }

    LabelParser(ReadContext ctx, Task task, int[] kptShape, Classes classes) {
        this.ctx = ctx;
        this.task = task;
        this.kptShape = kptShape;
        this.classes = classes;
        this.maxTokens = (int) Math.min(Integer.MAX_VALUE - 8, 2L * ctx.limits().maxPolygonVertices() + 8);
    }

    /** The annotations of {@code file}, named {@code source} in locations. */
    List<Annotation> parse(Path file, String source) {
        List<Annotation> out = new ArrayList<>();
        int max = ctx.limits().maxLineLength();
        StringBuilder line = new StringBuilder(64);
        long lineNo = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16384)) {
            boolean eof = false;
            while (!eof) {
                line.setLength(0);
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (line.length() >= max) {
                        throw new LimitExceededException(Location.ofLine(source, lineNo + 1),
                                "line longer than the limit of " + max + " characters (Limits.maxLineLength)");
                    }
                    if (b >= 0x80 || b == 0) {
                        throw new InvalidInputException(new Location(source, lineNo + 1, line.length() + 1L, -1, null),
                                "not a label line: byte 0x" + Integer.toHexString(b) + " (labels are ASCII numbers)");
                    }
                    line.append((char) b);
                }
                eof = b < 0;
                if (eof && line.length() == 0) {
                    break;
                }
                lineNo++;
                try {
                    Annotation a = line(line, source, lineNo);
                    if (a != null) {
                        out.add(a);
                    }
                } catch (InvalidInputException e) {
                    ctx.invalid(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Annotation line(CharSequence text, String source, long lineNo) {
        int n = text.length();
        List<String> tokens = new ArrayList<>(8);
        List<Integer> columns = new ArrayList<>(8);
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && text.charAt(i) != ' ' && text.charAt(i) != '\t' && text.charAt(i) != '\r') {
                i++;
            }
            if (tokens.size() >= maxTokens) {
                throw new LimitExceededException(Location.ofLine(source, lineNo),
                        "more than " + ctx.limits().maxPolygonVertices() + " points on one line (Limits.maxPolygonVertices)");
            }
            tokens.add(text.subSequence(start, i).toString());
            columns.add(start + 1);
        }
        if (tokens.isEmpty()) {
            return null;
        }
        Location where = new Location(source, lineNo, columns.get(0), -1, null);
        int cls = classIndex(tokens.get(0), where);
        int count = tokens.size() - 1;
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
            String t = tokens.get(k + 1);
            if (!isDecimal(t)) {
                throw new InvalidInputException(new Location(source, lineNo, columns.get(k + 1), -1, null),
                        "'" + t + "' is not a number (value " + (k + 1) + " after the class)");
            }
            v[k] = Double.parseDouble(t);
            if (!Double.isFinite(v[k])) {
                throw new InvalidInputException(new Location(source, lineNo, columns.get(k + 1), -1, null),
                        "'" + t + "' overflows a double");
            }
        }
        Category category = classes.category(cls, where);
        return build(category, v, where);
    }

    private Annotation build(Category category, double[] v, Location where) {
        int n = v.length;
        Task t = task == null ? Task.DETECT : task;
        if (t == Task.POSE && kptShape != null) {
            int k = kptShape[0] * kptShape[1];
            if (n == 4 + k || n == 5 + k) {
                return pose(category, v, n == 5 + k ? v[n - 1] : null, where);
            }
        }
        if (n == 4 || n == 5) {
            return annotation(category, box(v, where), n == 5 ? v[4] : null);
        }
        if (n >= 6 && t != Task.POSE) {
            // obb corners and segment rings read alike: a ring of n/2 points, a trailing odd value the confidence
            boolean scored = (n & 1) == 1;
            int coords = scored ? n - 1 : n;
            if (coords / 2 > ctx.limits().maxPolygonVertices()) {
                throw new LimitExceededException(where, coords / 2 + " polygon points exceed the limit of "
                        + ctx.limits().maxPolygonVertices() + " (Limits.maxPolygonVertices)");
            }
            return annotation(category, Polygon.of(PointList.wrap(Arrays.copyOf(v, coords))), scored ? v[n - 1] : null);
        }
        throw new InvalidInputException(where, "label line has " + n + " numbers after the class; " + expected(t));
    }

    private String expected(Task t) {
        return switch (t) {
            case DETECT, CLASSIFY, SEGMENT, OBB -> "expected 4 (cx cy w h), 5 (with a confidence), or 6 and more "
                    + "(a polygon of x y pairs, OBB corners, optionally with a confidence)";
            case POSE -> kptShape == null ? "pose needs kpt_shape (data.yaml or option kpt-shape)"
                    : "a pose line has 4 + " + kptShape[0] + "x" + kptShape[1] + " numbers (kpt_shape " + kptShape[0] + ", "
                            + kptShape[1] + "), or one more with a confidence";
        };
    }

    private static Box box(double[] v, Location where) {
        double w = v[2];
        double h = v[3];
        if (w < 0 || h < 0) {
            throw new InvalidInputException(where, "negative box width or height: " + w + " " + h);
        }
        return new Box(v[0] - w / 2, v[1] - h / 2, w, h);
    }

    private Annotation pose(Category category, double[] v, Double score, Location where) {
        Box b = box(v, where);
        int k = kptShape[0];
        int d = kptShape[1];
        double[] xy = new double[2 * k];
        int[] vis = new int[k];
        for (int i = 0; i < k; i++) {
            double x = v[4 + i * d];
            double y = v[5 + i * d];
            xy[2 * i] = x;
            xy[2 * i + 1] = y;
            if (d == 3) {
                double f = v[6 + i * d];
                if (f != 0 && f != 1 && f != 2) {
                    throw new InvalidInputException(where, "keypoint " + (i + 1) + " has visibility " + f + "; expected 0, 1 or 2");
                }
                vis[i] = (int) f;
            } else {
                vis[i] = x == 0 && y == 0 ? 0 : 2;
            }
        }
        // the line's box is the object's, not the keypoints' extent: it goes wherever a box is written
        return Annotation.builder(Keypoints.of(PointList.wrap(xy), vis)).objectBox(b).category(category).score(score).build();
    }

    private static Annotation annotation(Category category, Geometry g, Double score) {
        return Annotation.builder(g).category(category).score(score).build();
    }

    private int classIndex(String token, Location where) {
        int n = token.length();
        boolean digits = n > 0 && n <= 9;
        for (int i = 0; i < n && digits; i++) {
            char c = token.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (!digits) {
            // Some tools write the class as a float ("3.0"): accepted when integral
            if (isDecimal(token)) {
                double d = Double.parseDouble(token);
                if (d >= 0 && d == Math.rint(d) && d < 1e9) {
                    return (int) d;
                }
            }
            throw new InvalidInputException(where, "class '" + token + "' is not a non-negative integer index");
        }
        return Integer.parseInt(token);
    }

    /** {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}: no NaN, infinities, hex or Java's d/f suffixes. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n && n <= 64;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
