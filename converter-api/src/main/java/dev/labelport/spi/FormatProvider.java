package dev.labelport.spi;

import java.io.OutputStream;
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
     * Creates a writer into the file {@code output} for a {@link FormatDescriptor.Layout#FILE file
     * format}. Directory formats implement {@link #createWriter(OutputFolder, WriteContext)}.
     */
    default ExportWriter createWriter(Path output, WriteContext context) {
        throw new UnsupportedOperationException(descriptor().id() + " cannot be written");
    }

    /**
     * Whether {@link #createWriter(OutputStream, WriteContext)} writes a {@link
     * FormatDescriptor.Layout#FILE file format} straight into a stream, in one sequential pass.
     * When it does not (the default), a conversion into a stream writes a spill file in the
     * temporary directory with {@link #createWriter(Path, WriteContext)} and copies it in at the end.
     */
    default boolean writesToStream() {
        return false;
    }

    /**
     * Creates a writer of a file format into {@code output}, which it flushes but never closes;
     * called only when {@link #writesToStream()} says so.
     */
    default ExportWriter createWriter(OutputStream output, WriteContext context) {
        throw new UnsupportedOperationException(descriptor().id() + " cannot be written into a stream");
    }

    /**
     * Creates a writer for a {@link FormatDescriptor.Layout#DIRECTORY directory format} into
     * {@code output}, which is a new folder or a {@code .zip} archive (chosen by the output's
     * name); the writer creates its files one at a time through it.
     */
    default ExportWriter createWriter(OutputFolder output, WriteContext context) {
        throw new UnsupportedOperationException(descriptor().id() + " cannot be written as a folder");
    }

    /**
     * Whether this format's writer takes items whose coordinates are {@link
     * dev.labelport.model.Item#normalized() normalised} (YOLO, Vertex, Azure). For the others the
     * pipeline first converts such items to pixels, which needs each image's size.
     */
    default boolean writesNormalized() {
        return false;
    }
}
