package dev.labelport.error;

/** Thrown in strict mode at the first loss; {@link #lossCode()} names it. */
public class StrictLossException extends LabelportException {
    private static final long serialVersionUID = 1L;

    private final String lossCode;

    public StrictLossException(String lossCode, Location location, String detail) {
        super(ErrorCode.STRICT_LOSS, location, lossCode + ": " + detail + " (strict mode)");
        this.lossCode = lossCode;
    }

    public String lossCode() {
        return lossCode;
    }
}
