package dev.labelport.spi;

import java.nio.file.Path;

/**
 * One annotation format, found with {@link java.util.ServiceLoader} or registered by hand with
 * {@link dev.labelport.FormatRegistry.Builder#register}. Only {@link #descriptor()} is required;
 * detection, reading and writing are optional capabilities, declared in the descriptor.
 * New capabilities arrive as default methods, so a provider written today keeps compiling.
 */
public interface FormatProvider {

    FormatDescriptor descriptor();

    /**
     * How sure this format is that the probed input is its own: 0 (not at all) to 100 (certain).
     * Must not throw on foreign input.
     */
    default int detect(Detection probe) {
        return 0;
    }

    /**
     * Opens {@code input} (a file, or a directory for directory formats). The source reads the
     * header before returning, so a malformed header fails here with its location.
     */
    default AnnotationSource open(Path input, ReadContext context) {
        throw new UnsupportedOperationException(descriptor().id() + " cannot be read");
    }

    /**
     * Creates a writer into {@code output}: a file path for {@link FormatDescriptor.Layout#FILE}
     * formats, an existing empty directory for {@link FormatDescriptor.Layout#DIRECTORY} ones.
     */
    default ExportWriter createWriter(Path output, WriteContext context) {
        throw new UnsupportedOperationException(descriptor().id() + " cannot be written");
    }
}
