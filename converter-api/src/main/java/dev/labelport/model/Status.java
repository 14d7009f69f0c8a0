package dev.labelport.model;

import java.util.Locale;

/** Canonical workflow status; the raw string is kept in {@link WorkflowStatus}. */
public enum Status {
    UNLABELED, ASSIGNED, IN_PROGRESS, LABELED, IN_REVIEW, ACCEPTED, REJECTED, SKIPPED, BLOCKED, OTHER;

    /** Maps the vocabularies seen in platform exports; unknown words map to {@link #OTHER}. */
    public static Status fromRaw(String raw) {
        if (raw == null) {
            return OTHER;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (s) {
            case "unlabeled", "unlabelled", "none", "new", "created", "pending" -> UNLABELED;
            case "assigned", "r_assigned", "cr_assigned" -> ASSIGNED;
            case "in_progress", "processing", "annotation", "annotating" -> IN_PROGRESS;
            case "labeled", "labelled", "done", "completed", "complete", "submitted", "exported" -> LABELED;
            case "review", "in_review", "review_ready", "client_review", "validation" -> IN_REVIEW;
            case "accepted", "approved", "acceptance" -> ACCEPTED;
            case "rejected", "client_rejected" -> REJECTED;
            case "skipped", "r_skipped", "cr_skipped" -> SKIPPED;
            case "blocked", "critical", "r_critical", "cr_critical", "failed" -> BLOCKED;
            default -> OTHER;
        };
    }
}
