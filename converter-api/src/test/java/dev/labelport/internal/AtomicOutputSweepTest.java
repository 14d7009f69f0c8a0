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
 * What a process killed outright leaves next to its target, and how the next run cleans it:
 * the siblings of gone processes are swept, those of live ones left alone, and a folder set aside
 * by a killed {@code --force} replacement comes back whole.
 */
class AtomicOutputSweepTest {
    @TempDir
    Path tmp;

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertFalse(p.toHandle().isAlive());
        return p.pid();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void tempSiblingsNameTheProcessAndAreGoneAfterCommitOrClose() throws IOException {
        Path target = tmp.resolve("out.json");
        try (AtomicOutput out = AtomicOutput.create(target, false, false)) {
            assertTrue(out.path().getFileName().toString()
                    .startsWith(".out.json.labelport-" + ProcessHandle.current().pid() + "-"), out.path().toString());
            assertTrue(out.path().getFileName().toString().endsWith(".tmp"));
        }
        assertEquals(List.of(), names(), "closed without commit: nothing left");
        try (AtomicOutput out = AtomicOutput.create(target, false, false)) {
            Files.writeString(out.path(), "new");
            out.commit();
        }
        assertEquals(List.of("out.json"), names());
    }

    @Test
    void staleTempOfADeadProcessIsSweptAndALiveOnesIsKept() throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().pid();
        Path target = tmp.resolve("out");
        Path staleFile = Files.writeString(tmp.resolve(".out.labelport-" + dead + "-abc.tmp"), "half");
        Path staleDir = Files.createDirectories(tmp.resolve(".out.labelport-" + dead + "-def.tmp").resolve("labels"));
        Files.writeString(staleDir.resolve("a.txt"), "0 0.5 0.5 1 1\n");
        Path liveTemp = Files.writeString(tmp.resolve(".out.labelport-" + live + "-ghi.tmp"), "busy");
        Path otherTarget = Files.writeString(tmp.resolve(".other.labelport-" + dead + "-jkl.tmp"), "not ours");
        Path notOurs = Files.writeString(tmp.resolve(".out.labelport-xyz.tmp"), "no pid");

        try (AtomicOutput out = AtomicOutput.create(target, true, false)) {
            assertFalse(Files.exists(staleFile));
            assertFalse(Files.exists(staleDir.getParent()));
            assertTrue(Files.exists(liveTemp), "a live process's temp is left alone");
            assertTrue(Files.exists(otherTarget), "only the siblings of this target are swept");
            assertTrue(Files.exists(notOurs), "a name without a process id is not ours to remove");
            assertTrue(Files.isDirectory(out.path()));
        }
    }

    @Test
    void aFolderSetAsideByAKilledReplacementComesBackWhole() throws Exception {
        long dead = deadPid();
        Path target = tmp.resolve("yolo");
        Path old = Files.createDirectories(tmp.resolve(".yolo.labelport-" + dead + "-abc.old").resolve("labels"));
        Files.writeString(old.resolve("a.txt"), "old output\n");
        Files.writeString(tmp.resolve(".yolo.labelport-" + dead + "-def.tmp"), "half of the new one");

        try (AtomicOutput out = AtomicOutput.create(target, true, true)) {
            Files.writeString(out.path().resolve("b.txt"), "new output\n");
            // not committed: as if this run failed too
        }
        assertEquals("old output\n", Files.readString(target.resolve("labels/a.txt")), "the old output is restored");
        assertEquals(List.of("yolo"), names());
    }

    @Test
    void aSetAsideFolderIsRemovedWhenTheReplacementArrived() throws Exception {
        long dead = deadPid();
        Path target = Files.createDirectories(tmp.resolve("yolo"));
        Files.writeString(target.resolve("new.txt"), "new");
        Files.createDirectories(tmp.resolve(".yolo.labelport-" + dead + "-abc.old"));
        AtomicOutput.sweepStale(target);
        assertEquals(List.of("yolo"), names());
        assertEquals("new", Files.readString(target.resolve("new.txt")));
    }

    @Test
    void forceReplacingAFolderLeavesOnlyTheNewOne() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("voc"));
        Files.writeString(target.resolve("old.xml"), "old");
        try (AtomicOutput out = AtomicOutput.create(target, true, true)) {
            Files.writeString(out.path().resolve("new.xml"), "new");
            out.commit();
        }
        assertEquals(List.of("voc"), names());
        assertFalse(Files.exists(target.resolve("old.xml")));
        assertEquals("new", Files.readString(target.resolve("new.xml")));
    }
}
