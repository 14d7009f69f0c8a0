package dev.labelport.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The structured filters of an export, combinable with each other and with the request's filter
 * query string (all must hold).
 *
 * @param statuses          Labellerr workflow statuses to export ({@code None, assigned, review,
 *                          r_assigned, client_review, cr_assigned, accepted, rejected,
 *                          client_rejected, skipped, r_skipped, cr_skipped, critical, r_critical,
 *                          cr_critical}); empty = any. See {@link ItemFilters#LABELLERR_STATUSES}.
 * @param updatedAfterMillis incremental export: only items updated after this Unix time in
 *                          milliseconds; {@code null} = all
 * @param includeIncomplete Diffgram's default is completed items only; {@code true} exports all
 * @param includeRemoved    Diffgram's default leaves removed instances out; {@code true} keeps them
 * @param itemRef           a single-item export: the item's id or file name; {@code null} = whole scope
 * @param perAnnotator      package each labeler's work beside the latest state
 */
public record ExportFilters(List<String> statuses, Long updatedAfterMillis, boolean includeIncomplete,
                            boolean includeRemoved, String itemRef, boolean perAnnotator) {
    /** The defaults: any status, all times, completed items only, removed instances out, labelers' work packaged. */
    public static final ExportFilters DEFAULTS = new ExportFilters(List.of(), null, false, false, null, true);

    /** Before this instant a millisecond value is in fact seconds (2001-09-09 is 10^12 ms). */
    static final long SMALLEST_MILLIS = 1_000_000_000_000L;

    public ExportFilters {
        statuses = List.copyOf(Objects.requireNonNull(statuses, "statuses"));
    }

    public ExportFilters withStatuses(List<String> v) {
        return new ExportFilters(v, updatedAfterMillis, includeIncomplete, includeRemoved, itemRef, perAnnotator);
    }

    public ExportFilters withUpdatedAfterMillis(Long v) {
        return new ExportFilters(statuses, v, includeIncomplete, includeRemoved, itemRef, perAnnotator);
    }

    public ExportFilters withIncludeIncomplete(boolean v) {
        return new ExportFilters(statuses, updatedAfterMillis, v, includeRemoved, itemRef, perAnnotator);
    }

    public ExportFilters withIncludeRemoved(boolean v) {
        return new ExportFilters(statuses, updatedAfterMillis, includeIncomplete, v, itemRef, perAnnotator);
    }

    public ExportFilters withItemRef(String v) {
        return new ExportFilters(statuses, updatedAfterMillis, includeIncomplete, includeRemoved, v, perAnnotator);
    }

    public ExportFilters withPerAnnotator(boolean v) {
        return new ExportFilters(statuses, updatedAfterMillis, includeIncomplete, includeRemoved, itemRef, v);
    }

    /** The incremental-export bound as an instant, or {@code null}. */
    public Instant updatedAfter() {
        return updatedAfterMillis == null ? null : Instant.ofEpochMilli(updatedAfterMillis);
    }
}
