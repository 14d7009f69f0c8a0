package dev.labelport.error;

/**
 * Where in an input something was found: any of its parts may be unknown.
 *
 * @param source     file or entry name, or {@code null}
 * @param line       1-based line, or -1
 * @param column     1-based column, or -1
 * @param byteOffset 0-based byte offset, or -1
 * @param path       structural path such as {@code annotations[1203].bbox[2]}, or {@code null}
 */
public record Location(String source, long line, long column, long byteOffset, String path) {

    public Location {
        if (path != null && path.isEmpty()) {
            path = null; // the root: nothing to say
        }
    }

    /** Nothing known. */
    public static final Location UNKNOWN = new Location(null, -1, -1, -1, null);

    public static Location of(String source) {
        return new Location(source, -1, -1, -1, null);
    }

    public static Location ofLine(String source, long line) {
        return new Location(source, line, -1, -1, null);
    }

    public Location withPath(String newPath) {
        return new Location(source, line, column, byteOffset, newPath);
    }

    public Location withSource(String newSource) {
        return new Location(newSource, line, column, byteOffset, path);
    }

    public boolean isKnown() {
        return source != null || line >= 0 || byteOffset >= 0 || path != null;
    }

    /** {@code file.json:12:5 (byte 1234) at annotations[3].bbox}, leaving out unknown parts. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
        }
        if (line >= 0) {
            sb.append(sb.length() == 0 ? "line " : ":").append(line);
            if (column >= 0) {
                sb.append(':').append(column);
            }
        }
        if (byteOffset >= 0) {
            sb.append(sb.length() == 0 ? "" : " ").append("(byte ").append(byteOffset).append(')');
        }
        if (path != null) {
            sb.append(sb.length() == 0 ? "at " : " at ").append(path);
        }
        return sb.length() == 0 ? "unknown location" : sb.toString();
    }
}
