package dev.labelport.internal;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;

/**
 * Where a record re-read from a byte range of the input sits in the whole file, so that errors
 * found while parsing the range name the file's line, column, byte offset and structural path.
 *
 * @param source the input's name
 * @param offset byte offset of the record's first byte in the file
 * @param line   1-based line of that byte
 * @param column 1-based column of that byte, or -1 when unknown
 * @param prefix structural path of the record, e.g. {@code annotations[12]}
 */
public record RecordOrigin(String source, long offset, long line, long column, String prefix) {

    /** A location relative to the range, made absolute. */
    public Location absolute(Location inner) {
        long innerLine = inner.line();
        long absLine = innerLine < 0 ? line : line + innerLine - 1;
        long absColumn;
        if (innerLine > 1) {
            absColumn = inner.column(); // a later line of the record: its column is the file's
        } else if (column > 0 && inner.column() > 0) {
            absColumn = column + inner.column() - 1;
        } else {
            absColumn = -1;
        }
        long byteOffset = inner.byteOffset() < 0 ? offset : offset + inner.byteOffset();
        return new Location(source, absLine, absColumn, byteOffset, join(prefix, inner.path()));
    }

    /** The same error, located in the whole file. */
    public LabelportException absolute(LabelportException e) {
        Location where = absolute(e.location());
        if (e instanceof LimitExceededException) {
            return new LimitExceededException(where, e.detail(), e);
        }
        if (e instanceof InvalidInputException) {
            return new InvalidInputException(where, e.detail(), e);
        }
        return new LabelportException(e.code(), where, e.detail(), e);
    }

    /** The same error, located in the whole file. */
    public InvalidInputException absolute(InvalidInputException e) {
        return new InvalidInputException(absolute(e.location()), e.detail(), e);
    }

    /** {@code prefix} followed by {@code path} ({@code a[1]} + {@code b} = {@code a[1].b}). */
    public static String join(String prefix, String path) {
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        if (prefix == null || prefix.isEmpty()) {
            return path;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }
}
