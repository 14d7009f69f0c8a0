package dev.labelport;

/** What a reader does with a structurally invalid record. */
public enum ErrorPolicy {
    /** Stop with a located {@link dev.labelport.error.InvalidInputException} (the default). */
    FAIL,
    /** Skip the record and report it as {@code SKIPPED_RECORD} with its location. */
    SKIP
}
