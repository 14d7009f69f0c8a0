package dev.labelport.internal;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes go to a hidden temporary sibling of the target and are moved into place by
 * {@link #commit()}; closing without committing deletes the temporary. So a failed conversion
 * leaves nothing behind, and a reader of the target never sees a half-written file.
 */
public final class AtomicOutput implements Closeable {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final Path target;
    private final Path temp;
    private final boolean overwrite;
    private final boolean directory;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, boolean overwrite, boolean directory) {
        this.target = target;
        this.temp = temp;
        this.overwrite = overwrite;
        this.directory = directory;
    }

    /** Prepares a temporary file (or an empty directory) next to {@code target}. */
    public static AtomicOutput create(Path target, boolean directory, boolean overwrite) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS) != directory && Files.exists(abs)) {
            // never replace a folder by a file or a file by a folder, --force or not: a typo in the
            // output path must not cost someone a directory tree
            throw new LabelportException(ErrorCode.OUTPUT_EXISTS, Location.of(target.toString()),
                    directory ? "output exists and is not a folder" : "output is an existing folder; give a file name");
        }
        if (Files.exists(abs) && !overwrite) {
            throw new LabelportException(ErrorCode.OUTPUT_EXISTS, Location.of(target.toString()),
                    "output already exists (to replace it: ConversionOptions overwrite, or --force on the command line)");
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            // Not Files.createTemp*: those make owner-only files, and the output should get the
            // permissions any file the user creates gets.
            for (int attempt = 0; ; attempt++) {
                Path temp = parent.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
                try {
                    if (directory) {
                        Files.createDirectory(temp);
                    } else {
                        Files.createFile(temp);
                    }
                    return new AtomicOutput(abs, temp, overwrite, directory);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt > 10) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output next to " + target, e);
        }
    }

    /** Where the writer writes. */
    public Path path() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Moves the finished output into place. */
    public void commit() {
        try {
            if (overwrite && directory && Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(target);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move output into place at " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                deleteRecursively(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove partial output " + temp, e);
            }
        }
    }

    /** Deletes a file or a directory tree; missing is fine. */
    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
