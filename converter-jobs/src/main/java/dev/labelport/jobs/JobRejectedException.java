package dev.labelport.jobs;

/** The engine's queue is full: the job was not created (the REST API answers 429). */
public final class JobRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobRejectedException(String message) {
        super(message);
    }
}
