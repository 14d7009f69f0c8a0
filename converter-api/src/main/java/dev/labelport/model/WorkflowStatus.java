package dev.labelport.model;

import java.util.Objects;

/** A workflow status as written by the source, with its canonical meaning. */
public record WorkflowStatus(String raw, Status canonical) {
    public WorkflowStatus {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(canonical, "canonical");
    }

    public static WorkflowStatus of(String raw) {
        return raw == null ? null : new WorkflowStatus(raw, Status.fromRaw(raw));
    }
}
