package dev.labelport.error;

import java.util.Objects;

/**
 * The one unchecked exception family of Labelport. Every instance carries an {@link ErrorCode}
 * and a {@link Location} (possibly {@link Location#UNKNOWN}); the location is also part of the
 * message. I/O failures are not wrapped here: they surface as {@link java.io.UncheckedIOException}.
 */
public class LabelportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Location location;
    private final String detail;

    public LabelportException(ErrorCode code, Location location, String detail) {
        this(code, location, detail, null);
    }

    public LabelportException(ErrorCode code, Location location, String detail, Throwable cause) {
        super(compose(location, detail), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.location = location == null ? Location.UNKNOWN : location;
        this.detail = detail;
    }

    private static String compose(Location location, String detail) {
        if (location == null || !location.isKnown()) {
            return detail;
        }
        return location + ": " + detail;
    }

    public ErrorCode code() {
        return code;
    }

    public Location location() {
        return location;
    }

    /** The message without the location. */
    public String detail() {
        return detail;
    }
}
