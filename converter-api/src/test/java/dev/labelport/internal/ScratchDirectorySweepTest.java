package dev.labelport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spill folder {@code labelport-PID-RANDOM}: gone when closed; a killed owner's folder (its
 * lock free) is swept by the next create in the same base; a live owner's folder is kept, locked
 * or not yet locked.
 */
class ScratchDirectorySweepTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFolderNamesThisProcessAndIsGoneWhenClosed() throws IOException {
        Path p;
        try (ScratchDirectory s = ScratchDirectory.create(tmp)) {
            p = s.path();
            assertTrue(p.getFileName().toString().startsWith("labelport-" + ProcessHandle.current().pid() + "-"), p.toString());
            Files.writeString(p.resolve("spill.bin"), "x");
        }
        assertFalse(Files.exists(p));
        assertEquals(List.of(), names());
    }

    @Test
    void aDeadOwnersFolderIsSweptAndALiveOnesIsKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // unlocked, with a lock file: its owner was killed (the kernel released the lock)
        Path killed = Files.createDirectories(tmp.resolve("labelport-" + gone.pid() + "-abc"));
        Files.createFile(killed.resolve(".lock"));
        Files.writeString(killed.resolve("labelport-coco-1.json"), "half");
        // no lock file yet: decided by the PID
        Path early = Files.createDirectories(tmp.resolve("labelport-" + gone.pid() + "-def"));
        Path liveEarly = Files.createDirectories(tmp.resolve("labelport-" + ProcessHandle.current().pid() + "-ghi"));
        Path other = Files.createDirectories(tmp.resolve("labelport-notes"));
        // a dead-looking PID (an owner in another PID namespace) whose lock is held: kept
        Path elsewhere = Files.createDirectories(tmp.resolve("labelport-" + gone.pid() + "-jkl"));
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(elsewhere.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            lock.lock();
            ScratchDirectory.create(tmp).close();
            assertTrue(Files.exists(elsewhere), "a folder whose lock is held is kept, whatever its PID");
        }
        try (ScratchDirectory held = ScratchDirectory.create(tmp); ScratchDirectory next = ScratchDirectory.create(tmp)) {
            assertFalse(Files.exists(killed), "a killed owner's spills are swept");
            assertFalse(Files.exists(early));
            assertTrue(Files.exists(liveEarly), "a live process's folder is kept");
            assertTrue(Files.exists(other), "a folder not named by a PID is not ours");
            assertFalse(Files.exists(elsewhere), "and swept once its lock is free");
            assertTrue(Files.exists(held.path()), "a folder of this process is kept");
            assertTrue(Files.exists(next.path()));
        }
    }
}
