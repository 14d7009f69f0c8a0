package dev.labelport.jobs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sends a finished export somewhere: the engine calls it once the package is complete. The
 * packaged file stays in the engine's store whatever happens here, so a failed delivery never
 * loses the export. Implementations: {@code dev.labelport.jobs.delivery}.
 */
public interface Delivery {
    /** Delivers {@code packagedFile} of {@code job}; an exception marks the job FAILED with its message. */
    DeliveryReceipt deliver(ExportJob job, Path packagedFile) throws IOException;
}
