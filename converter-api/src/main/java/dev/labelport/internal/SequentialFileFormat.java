package dev.labelport.internal;

import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.WriteContext;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A file format whose writer makes one sequential pass over its output, so it writes into a file
 * or straight into a caller's stream alike: implement {@link #createWriter(WriteTarget,
 * WriteContext)} once.
 */
public interface SequentialFileFormat extends FormatProvider {

    /** The writer, into whichever target the pipeline chose. */
    ExportWriter createWriter(WriteTarget output, WriteContext context);

    @Override
    default ExportWriter createWriter(Path output, WriteContext context) {
        return createWriter(WriteTarget.of(output), context);
    }

    @Override
    default boolean writesToStream() {
        return true;
    }

    @Override
    default ExportWriter createWriter(OutputStream output, WriteContext context) {
        return createWriter(WriteTarget.of(output), context);
    }
}
