package dev.labelport.jobs.delivery;

import dev.labelport.jobs.ExportFilters;
import dev.labelport.jobs.ExportJob;
import dev.labelport.jobs.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Jobs for delivery tests. */
final class Jobs {
    private Jobs() {
    }

    static ExportJob job(UUID uid) {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        return new ExportJob(uid, "nightly", "coco", JobStatus.EXPORTED, 3L, 3L, null, null, List.of("street"),
                List.of(), List.of(), null, ExportFilters.DEFAULTS, null, null, null, uid + "_nightly.zip", null, null, now, now);
    }
}
