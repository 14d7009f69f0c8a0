package dev.labelport.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a single-file writer's bytes go: a file it creates, or a stream the caller owns (which
 * the writer's {@code close()} then flushes but leaves open). Lets one writer serve both
 * {@code createWriter(Path, ...)} and {@code createWriter(OutputStream, ...)}.
 */
public final class WriteTarget {
    private final Path path;
    private final OutputStream stream;

    private WriteTarget(Path path, OutputStream stream) {
        this.path = path;
        this.stream = stream;
    }

    public static WriteTarget of(Path path) {
        return new WriteTarget(Objects.requireNonNull(path, "path"), null);
    }

    public static WriteTarget of(OutputStream stream) {
        return new WriteTarget(null, OutputFolders.nonClosing(Objects.requireNonNull(stream, "stream")));
    }

    /** Opens the output once: creates (or truncates) the file, or hands out the stream. */
    public OutputStream open() throws IOException {
        return stream != null ? stream : Files.newOutputStream(path);
    }

    @Override
    public String toString() {
        return path != null ? path.toString() : "stream";
    }
}
