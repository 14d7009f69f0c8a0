package dev.labelport.jobs;

/**
 * Told of every change of a job: its status, and its live counts while it exports (at most every
 * {@code progressInterval}). Called on the engine's threads; keep it quick.
 */
@FunctionalInterface
public interface JobListener {
    void changed(ExportJob job);
}
