package dev.labelport.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The one place a conversion's spill files live: a folder {@code labelport-PID-RANDOM} in the
 * temp directory ({@code ConversionOptions.tempDirectory}, else {@code java.io.tmpdir}), deleted
 * when the conversion ends. A process killed outright cannot delete it, so the folder holds an
 * OS file lock ({@code .lock}) for as long as its owner lives: every {@link #create} first
 * removes the {@code labelport-*} folders in the same base whose PID is no running process and
 * whose lock it can take (the kernel drops a dead process's locks, so a live owner in another
 * PID namespace sharing one {@code /tmp} keeps its folder). A folder without a lock file (killed
 * between the two creations) goes on its PID alone.
 */
public final class ScratchDirectory implements Closeable {
    static final String PREFIX = "labelport-";
    private static final String LOCK = ".lock";
    private final Path path;
    private final FileChannel lockChannel;

    private ScratchDirectory(Path path, FileChannel lockChannel) {
        this.path = path;
        this.lockChannel = lockChannel;
    }

    /** Sweeps the dead owners' folders in {@code base} (null: {@code java.io.tmpdir}) and creates this process's. */
    public static ScratchDirectory create(Path base) {
        Path dir = base != null ? base : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(dir);
            sweep(dir);
            Path path = Files.createDirectory(dir.resolve(PREFIX + AtomicOutput.ownerTag()));
            FileChannel ch = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                ch.lock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            return new ScratchDirectory(path, ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder in " + dir, e);
        }
    }

    /** Where spill files go. */
    public Path path() {
        return path;
    }

    /** Removes the scratch folders in {@code base} whose owner is gone. Best effort. */
    static void sweep(Path base) {
        try (Stream<Path> entries = Files.list(base)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(PREFIX) && AtomicOutput.ownerPid(name.substring(PREFIX.length())) >= 0
                        && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    sweepOne(p, name);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left is swept by a later run
        }
    }

    /**
     * A folder is its dead owner's when its PID runs no process here and its lock (if it has one
     * yet) is free. The PID alone would misjudge a live owner in another PID namespace sharing
     * this directory (its PID means nothing here), the lock alone an owner between creating its
     * lock file and locking it (a conversion on another thread of this JVM): both are asked.
     */
    private static void sweepOne(Path p, String name) throws IOException {
        if (AtomicOutput.ownerAlive(name.substring(PREFIX.length()))) {
            return;
        }
        Path lock = p.resolve(LOCK);
        if (!Files.exists(lock)) {
            AtomicOutput.deleteRecursively(p);
            return;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // held in this JVM
            }
            if (l != null) {
                AtomicOutput.deleteRecursively(p); // the lock goes with the channel
            }
        }
    }

    /** Deletes the folder. Best effort: a finished conversion does not fail on it, and what is left the next run sweeps. */
    @Override
    public void close() {
        try {
            AtomicOutput.deleteRecursively(path);
        } catch (IOException e) {
            // left for the next run's sweep (the lock goes below, so that sweep can take it)
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            // a lock on a deleted file is nothing
        }
    }
}
