package dev.labelport;

import dev.labelport.spi.OutputFolder;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Conversion} writes.
 *
 * <ul>
 *   <li>{@link #of(Path)}: a file (file formats), a new folder, or a {@code .zip} archive (folder
 *       formats, chosen by the name). Written to a temporary sibling and moved into place only
 *       when the conversion succeeds, so a failed conversion leaves nothing.
 *   <li>{@link #of(OutputStream)}: a file format's bytes into a stream the caller owns (an HTTP
 *       response, an object-store upload, a zip entry). Formats that can write sequentially do so
 *       straight into it; the others (see {@link dev.labelport.spi.FormatProvider#writesToStream})
 *       write to a spill file in the temporary directory first and copy it in at the end.
 *   <li>{@link #of(OutputFolder)}: a folder format's files, created one at a time through an
 *       {@link OutputFolder} the caller implements (an object-store prefix, a zip it is writing).
 *   <li>{@link #zip(OutputStream)}: a folder format as a zip archive written into a stream.
 * </ul>
 *
 * <p>The pipeline never closes a stream or folder it is given: it flushes it and returns. Bytes
 * written before a failure stay wherever the caller sent them, so a caller that must not expose a
 * partial result writes into something it can discard (the export-job engine writes into its own
 * store and publishes the file only when the job succeeds).
 */
public final class ConversionOutput {
    enum Kind { PATH, STREAM, FOLDER, ZIP_STREAM }

    private final Kind kind;
    private final Path path;
    private final OutputStream stream;
    private final OutputFolder folder;
    private final String name;

    private ConversionOutput(Kind kind, Path path, OutputStream stream, OutputFolder folder, String name) {
        this.kind = kind;
        this.path = path;
        this.stream = stream;
        this.folder = folder;
        this.name = name;
    }

    /** A file, folder or {@code .zip} archive created by the conversion. */
    public static ConversionOutput of(Path path) {
        Objects.requireNonNull(path, "path");
        return new ConversionOutput(Kind.PATH, path, null, null, Objects.toString(path.getFileName(), path.toString()));
    }

    /** A file format's bytes, into {@code stream} (not closed). */
    public static ConversionOutput of(OutputStream stream) {
        return new ConversionOutput(Kind.STREAM, null, Objects.requireNonNull(stream, "stream"), null, "stream");
    }

    /** A folder format's files, through {@code folder}. */
    public static ConversionOutput of(OutputFolder folder) {
        Objects.requireNonNull(folder, "folder");
        return new ConversionOutput(Kind.FOLDER, null, null, folder, folder.name());
    }

    /** A folder format as a zip archive written into {@code stream} (finished, not closed). */
    public static ConversionOutput zip(OutputStream stream) {
        return new ConversionOutput(Kind.ZIP_STREAM, null, Objects.requireNonNull(stream, "stream"), null, "stream.zip");
    }

    /**
     * The same output under another name in messages and loss locations (the default is the file
     * name, or {@code stream} / the folder's name).
     */
    public ConversionOutput named(String newName) {
        return new ConversionOutput(kind, path, stream, folder, Objects.requireNonNull(newName, "name"));
    }

    Kind kind() {
        return kind;
    }

    /** The path, or {@code null} when the output is a stream or folder. */
    public Path path() {
        return path;
    }

    OutputStream stream() {
        return stream;
    }

    OutputFolder folder() {
        return folder;
    }

    /** The name used in messages and loss locations. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ConversionOutput[" + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + (path != null ? path : name) + "]";
    }
}
