package dev.labelport.error;

/** A {@link LabelportException} with code {@link ErrorCode#LIMIT_EXCEEDED}. */
public class LimitExceededException extends LabelportException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(Location location, String detail) {
        super(ErrorCode.LIMIT_EXCEEDED, location, detail);
    }

    public LimitExceededException(Location location, String detail, Throwable cause) {
        super(ErrorCode.LIMIT_EXCEEDED, location, detail, cause);
    }
}
