package dev.labelport.formats.avala;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;

/**
 * Where a record re-read from a byte range of the input sits in the whole file, so that errors
 * found while parsing the range name the file's line, byte offset and structural path.
 *
 * @param source the input's name
 * @param offset byte offset of the record's first byte in the file
 * @param line   1-based line of that byte
 * @param prefix structural path of the record, e.g. {@code results[12]}
 */
record Slice(String source, long offset, long line, String prefix) {

    /** A location relative to the range, made absolute. */
    Location rebase(Location inner) {
        long innerLine = inner.line();
        long absLine = innerLine < 0 ? line : line + innerLine - 1;
        long column = innerLine > 1 ? inner.column() : -1;
        long byteOffset = inner.byteOffset() < 0 ? offset : offset + inner.byteOffset();
        return new Location(source, absLine, column, byteOffset, join(prefix, inner.path()));
    }

    /** The same error, located in the whole file. */
    LabelportException rebase(LabelportException e) {
        Location where = rebase(e.location());
        if (e instanceof LimitExceededException) {
            return new LimitExceededException(where, e.detail(), e);
        }
        if (e instanceof InvalidInputException) {
            return new InvalidInputException(where, e.detail(), e);
        }
        return e;
    }

    InvalidInputException rebase(InvalidInputException e) {
        return new InvalidInputException(rebase(e.location()), e.detail(), e);
    }

    static String join(String prefix, String path) {
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        if (prefix == null || prefix.isEmpty()) {
            return path;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }
}
