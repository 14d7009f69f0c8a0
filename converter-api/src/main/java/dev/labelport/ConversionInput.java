package dev.labelport;

import dev.labelport.spi.AnnotationSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link Conversion} reads: a file or folder in a known or detected format, or a stream of
 * items that the host produces itself (a platform's database, a filtered view of another
 * source...).
 *
 * <pre>{@code
 * ConversionInput.of(Path.of("instances.json"));            // a file; format detected or given with from()
 * ConversionInput.of(myDatabaseSource, null);               // a host source, reported as "host"
 * ConversionInput.of(myDatabaseSource, "avala");            // a host source whose extensions are Avala's
 * }</pre>
 *
 * <p>A host source is pulled on the converting thread and closed by the conversion when it ends,
 * whatever the outcome; keeping its memory bounded is the host's part of the contract.
 */
public final class ConversionInput {
    /** The format id a host source is reported under when it names none. */
    public static final String HOST = "host";

    private final Path path;
    private final AnnotationSource source;
    private final String formatId;

    private ConversionInput(Path path, AnnotationSource source, String formatId) {
        this.path = path;
        this.source = source;
        this.formatId = formatId;
    }

    /** A file, a folder or a {@code .zip} of a folder format. */
    public static ConversionInput of(Path path) {
        return new ConversionInput(Objects.requireNonNull(path, "path"), null, null);
    }

    /**
     * Items the host supplies. {@code formatId} names the format whose {@code extensions} the
     * items carry (so a same-format write reports none of them as foreign), or {@code null} for
     * {@value #HOST}. It need not be a registered format.
     */
    public static ConversionInput of(AnnotationSource source, String formatId) {
        return new ConversionInput(null, Objects.requireNonNull(source, "source"), formatId == null ? HOST : formatId);
    }

    /** The path, or {@code null} for a host source. */
    public Path path() {
        return path;
    }

    /** The host source, or {@code null} for a path. */
    public AnnotationSource source() {
        return source;
    }

    /** The format id a host source is reported under; {@code null} for a path. */
    public String formatId() {
        return formatId;
    }

    /** A name for messages and the report: the file name, or the host format id. */
    String name() {
        if (path == null) {
            return formatId;
        }
        return Objects.toString(path.getFileName(), path.toString());
    }

    @Override
    public String toString() {
        return path != null ? "ConversionInput[" + path + "]" : "ConversionInput[host source, " + formatId + "]";
    }
}
