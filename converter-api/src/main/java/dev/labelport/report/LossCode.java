package dev.labelport.report;

import java.util.Objects;

/**
 * A kind of loss or change a conversion made. The constants are the ones the bundled formats
 * use; a custom writer may define its own with {@link #of(String, Severity, String)}.
 *
 * @param code        stable upper-case identifier, e.g. {@code DROPPED_GEOMETRY}
 * @param severity    {@link Severity#LOSS} trips strict mode, {@link Severity#NOTE} does not
 * @param description one line for humans
 */
public record LossCode(String code, Severity severity, String description) {

    /** Whether an entry is a loss of information or a requested, recorded change. */
    public enum Severity { LOSS, NOTE }

    public static final LossCode DROPPED_GEOMETRY = loss("DROPPED_GEOMETRY", "geometry the target format cannot hold was left out");
    public static final LossCode APPROXIMATED_GEOMETRY = loss("APPROXIMATED_GEOMETRY", "geometry was converted to a kind the target holds (e.g. polygon to box)");
    public static final LossCode DROPPED_ATTRIBUTE = loss("DROPPED_ATTRIBUTE", "attributes the target format cannot hold were left out");
    public static final LossCode DROPPED_FIELD = loss("DROPPED_FIELD", "a field the target format cannot hold was left out (score, status, timestamps, metadata...)");
    public static final LossCode DROPPED_ITEM = loss("DROPPED_ITEM", "an item the target format cannot hold was left out");
    public static final LossCode CLAMPED = loss("CLAMPED", "a coordinate was clamped into the image");
    public static final LossCode ROUNDING = loss("ROUNDING", "a value was rounded to the target's precision");
    public static final LossCode DEGENERATE = loss("DEGENERATE", "a degenerate shape (zero size, too few points) was left out");
    public static final LossCode REINDEXED = loss("REINDEXED", "ids were renumbered because the target cannot keep them");
    public static final LossCode INVALID_TAG_SEQUENCE = loss("INVALID_TAG_SEQUENCE", "an invalid tag sequence was repaired");
    public static final LossCode OVERLAPPING_SPANS = loss("OVERLAPPING_SPANS", "overlapping spans the target forbids were left out");
    public static final LossCode SPAN_NOT_ON_TOKENS = loss("SPAN_NOT_ON_TOKENS", "a span did not fall on token boundaries and was widened to whole tokens");
    public static final LossCode SKIPPED_RECORD = loss("SKIPPED_RECORD", "an invalid record was skipped (lenient policy)");
    public static final LossCode INCONSISTENT_METADATA = loss("INCONSISTENT_METADATA", "a field no geometry depends on is inconsistent (e.g. a skeleton edge beyond the declared keypoints); it was kept as written where the format can hold it (see the detail)");
    public static final LossCode FILES_BESIDE = note("FILES_BESIDE", "the input is one file of a multi-file layout: the files beside it that complete it were read too (named in the detail)");
    public static final LossCode RENUMBERED = note("RENUMBERED", "ids were renumbered as the id policy asked");
    public static final LossCode TEXT_RECONSTRUCTED = note("TEXT_RECONSTRUCTED", "text was rebuilt from tokens joined with single spaces");
    public static final LossCode FILTERED = note("FILTERED", "an item the conversion's filter did not accept was left out");
    public static final LossCode SIZE_MISMATCH = note("SIZE_MISMATCH", "an item's declared image size differs from its image's (size check asked for); the declared size was kept");
    public static final LossCode SYNTHESISED = note("SYNTHESISED", "a value the source lacks was made up (ids, names, items)");

    public LossCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
    }

    public static LossCode of(String code, Severity severity, String description) {
        return new LossCode(code, severity, description);
    }

    private static LossCode loss(String code, String description) {
        return new LossCode(code, Severity.LOSS, description);
    }

    private static LossCode note(String code, String description) {
        return new LossCode(code, Severity.NOTE, description);
    }

    @Override
    public String toString() {
        return code;
    }
}
