package dev.labelport.spi;

import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import java.io.Closeable;

/**
 * A push sink for one dataset: {@link #begin} once, {@link #write} per item, {@link #finish} to
 * complete the output, then {@link #close}. A writer reports every loss it makes through its
 * {@link WriteContext} and counts what it wrote with {@link WriteContext#written}. Closing
 * without finishing abandons the output (the pipeline deletes it). Not thread-safe.
 *
 * <p>A user's own writer is a {@link FormatProvider} whose {@code createWriter} returns one of
 * these: that is how custom export transformers plug in.
 */
public interface ExportWriter extends Closeable {

    void begin(DatasetHeader header);

    void write(Item item);

    /** Completes the output (closing arrays, appending spilled sections, flushing). */
    void finish();

    /** Releases files and buffers; idempotent. */
    @Override
    void close();
}
