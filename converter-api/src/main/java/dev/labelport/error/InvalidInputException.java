package dev.labelport.error;

/** A {@link LabelportException} with code {@link ErrorCode#INVALID_INPUT}. */
public class InvalidInputException extends LabelportException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(Location location, String detail) {
        super(ErrorCode.INVALID_INPUT, location, detail);
    }

    public InvalidInputException(Location location, String detail, Throwable cause) {
        super(ErrorCode.INVALID_INPUT, location, detail, cause);
    }
}
