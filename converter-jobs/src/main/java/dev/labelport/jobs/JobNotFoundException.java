package dev.labelport.jobs;

import java.util.UUID;

/** No job has that uid (the REST API's 404 {@code {"detail": "Not found."}}). */
public final class JobNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final UUID uid;

    public JobNotFoundException(UUID uid) {
        super("no export job " + uid);
        this.uid = uid;
    }

    public UUID uid() {
        return uid;
    }
}
