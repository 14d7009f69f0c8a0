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
 *
 * <p>A process killed outright (SIGKILL, power loss) cannot clean up, so its siblings are named
 * so that the next run can: {@code .NAME.labelport-PID-RANDOM.tmp} for the output being written
 * and {@code .NAME.labelport-PID-RANDOM.old} for an overwritten folder set aside while the new one
 * is moved in. Every {@link #create} for a target first sweeps that target's siblings whose PID
 * is no running process: a {@code .tmp} is deleted, an {@code .old} is moved back to the target
 * when the target is missing (the replacement never arrived, so the old output is restored
 * intact) and deleted otherwise. Siblings of live processes are left alone.
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
        sweepStale(abs);
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
                Path temp = sibling(abs, ".tmp");
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
            Path old = null;
            if (overwrite && directory && Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // set the old folder aside in one rename, so that a kill at any point leaves it whole
                // (as the target or as a .old sibling the next run restores)
                old = sibling(target, ".old");
                move(target, old);
            }
            move(temp, target);
            committed = true;
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move output into place at " + target, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static final String MARK = ".labelport-";

    /** A hidden sibling of {@code target} that names this process: {@code .NAME.labelport-PID-RANDOM}{@code suffix}. */
    private static Path sibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + MARK + ownerTag() + suffix);
    }

    /** {@code PID-RANDOM}: names a temporary of this process so that a later run can tell whether its owner lives. */
    static String ownerTag() {
        return ProcessHandle.current().pid() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36);
    }

    /** The PID at the start of {@code PID-…}, or -1 when {@code tag} does not start that way. */
    static long ownerPid(String tag) {
        int dash = tag.indexOf('-');
        try {
            return dash <= 0 ? -1 : Long.parseLong(tag.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the process named at the start of {@code tag} runs (an unreadable tag counts as alive: left alone). */
    static boolean ownerAlive(String tag) {
        long pid = ownerPid(tag);
        return pid < 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Removes the {@code .tmp} siblings of {@code target} left by processes that are gone, and
     * puts back (or removes, when the target exists) their {@code .old} siblings. Best effort: a
     * sibling that cannot be read or removed is left for a later run.
     */
    static void sweepStale(Path target) {
        Path parent = target.getParent();
        String prefix = "." + target.getFileName() + MARK;
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (java.util.stream.Stream<Path> siblings = Files.list(parent)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !(name.endsWith(".tmp") || name.endsWith(".old"))) {
                    continue;
                }
                if (ownerAlive(name.substring(prefix.length()))) {
                    continue;
                }
                if (name.endsWith(".old") && !Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    move(p, target);
                } else {
                    deleteRecursively(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left is swept by a later run
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
