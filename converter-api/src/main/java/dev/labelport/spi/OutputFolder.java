package dev.labelport.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where a {@link FormatDescriptor.Layout#DIRECTORY directory format} writes its files: a folder
 * on disk, or a {@code .zip} archive written as it goes. Writers create files one after the
 * other and must close each before creating the next (a zip is written sequentially); they never
 * see the underlying {@link java.nio.file.Path}, so the same writer fills either kind.
 *
 * <p>Relative paths use {@code /}, are not absolute, contain no {@code ..}, {@code .} or empty
 * segments and no backslash; anything else is refused with an {@link IllegalArgumentException}
 * (a writer that builds a path from a file name read in the input must not be able to escape
 * the output). A path may be created only once.
 */
public interface OutputFolder {

    /**
     * Creates the file at {@code relativePath} (parent folders included) and returns a stream
     * the caller must close before creating the next file. The stream is buffered.
     */
    OutputStream create(String relativePath) throws IOException;

    /** A name for messages: the output's file name, e.g. {@code out.zip} or {@code yolo}. */
    String name();

    /** Whether the output is a zip archive (writers may skip work that only helps a folder). */
    boolean isArchive();

    /**
     * Creates the file at {@code relativePath} as a hard link ({@code symbolic} false) or a
     * symbolic link to the absolute {@code target}, when the output can (a folder, a file system
     * that allows it); returns false, having created nothing, when it cannot, and the caller
     * copies instead. The default (an archive) cannot. A path already created is refused with an
     * {@link IllegalArgumentException}, as by {@link #create}.
     */
    default boolean link(String relativePath, Path target, boolean symbolic) throws IOException {
        return false;
    }
}
