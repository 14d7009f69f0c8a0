package dev.labelport.error;

/** What kind of failure a {@link LabelportException} is; stable for callers to switch on. */
public enum ErrorCode {
    /** The input is not valid for its format (wrong type, dangling reference, truncated...). */
    INVALID_INPUT,
    /** A declared or actual size exceeded a configured {@link dev.labelport.Limits limit}. */
    LIMIT_EXCEEDED,
    /** A conversion lost information while running in strict mode. */
    STRICT_LOSS,
    /** The two formats cannot share items (for example images to CoNLL tokens). */
    UNSUPPORTED_CONVERSION,
    /** No format with that id, or the input's format could not be detected. */
    UNKNOWN_FORMAT,
    /** The input's format could not be told apart from another. */
    AMBIGUOUS_FORMAT,
    /** An option was unknown or had an invalid value. */
    INVALID_OPTION,
    /** The output already exists and overwriting was not asked for. */
    OUTPUT_EXISTS,
    /** The converting thread was interrupted; nothing was left behind. */
    CANCELLED,
    /**
     * A conversion between pixel and normalised coordinates needs an image's size, and neither
     * the input, the given size table or image folder, nor the image file gives it.
     */
    MISSING_IMAGE_SIZE,
    /**
     * The output, or a spill file in the temp directory, could not be written (the file system is
     * full or read-only, permission was refused); the conversion left nothing behind. The
     * {@link java.io.IOException} is the cause.
     */
    WRITE_FAILED
}
