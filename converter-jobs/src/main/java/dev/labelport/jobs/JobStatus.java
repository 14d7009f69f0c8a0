package dev.labelport.jobs;

import java.util.Locale;

/**
 * Where an export job is: {@code REQUESTED → EXPORTING → EXPORTED | FAILED | ABORTED}. The REST
 * API writes the names in lower case ({@code "exported"}); Avala's SDK uses its own words, mapped
 * both ways by {@link #sdkName()} and {@link #fromSdk(String)}:
 *
 * <table>
 *   <caption>Avala SDK vocabulary</caption>
 *   <tr><th>status</th><th>SDK</th></tr>
 *   <tr><td>REQUESTED</td><td>pending</td></tr>
 *   <tr><td>EXPORTING</td><td>processing</td></tr>
 *   <tr><td>EXPORTED</td><td>completed</td></tr>
 *   <tr><td>FAILED, ABORTED</td><td>failed (the SDK has no word for a cancelled export; {@code fromSdk("failed")} is FAILED)</td></tr>
 * </table>
 */
public enum JobStatus {
    REQUESTED, EXPORTING, EXPORTED, FAILED, ABORTED;

    /** Whether the job has ended (no status follows). */
    public boolean isTerminal() {
        return this == EXPORTED || this == FAILED || this == ABORTED;
    }

    /** The REST name: the constant in lower case. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Avala's SDK word for this status. */
    public String sdkName() {
        return switch (this) {
            case REQUESTED -> "pending";
            case EXPORTING -> "processing";
            case EXPORTED -> "completed";
            case FAILED, ABORTED -> "failed";
        };
    }

    /** A status from its REST name or its SDK word, in any case; {@code null} when it is neither. */
    public static JobStatus fromSdk(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "pending", "requested" -> REQUESTED;
            case "processing", "exporting" -> EXPORTING;
            case "completed", "exported" -> EXPORTED;
            case "failed" -> FAILED;
            case "aborted" -> ABORTED;
            default -> null;
        };
    }
}
