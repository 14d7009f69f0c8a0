package dev.labelport.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL in the middle of an export: the next engine on the same work
 * directory marks the job FAILED ("interrupted by shutdown"), deletes its partial package, and
 * runs the job that was still queued.
 */
class KillNineRestartTest {
    @TempDir
    Path work;

    @Test
    void aJobExportingWhenTheJvmWasKilledIsFailedOnRestart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", cp, KilledEngineMain.class.getName(), work.toString())
                .redirectErrorStream(true).start();
        UUID running;
        UUID queued;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder log = new StringBuilder();
            while ((line = out.readLine()) != null && !line.startsWith("EXPORTING ")) {
                log.append(line).append('\n');
            }
            assertTrue(line != null, "the child never started exporting:\n" + log);
            String[] w = line.split(" ");
            running = UUID.fromString(w[1]);
            queued = UUID.fromString(w[2]);
            assertTrue(Files.exists(work.resolve("tmp").resolve(running + ".zip.partial")), "a partial package is being written");
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        HostData data = new HostData(20, 0);
        try (ExportJobs jobs = ExportJobs.builder().dataProvider(data).workDirectory(work).workers(1).build()) {
            ExportJob failed = jobs.get(running);
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals(ExportJobs.INTERRUPTED, failed.error());
            assertTrue(failed.exportedTaskCount() >= 200, "the last live count was saved: " + failed.exportedTaskCount());
            // the queued job may already be writing its own partial package: the killed one's must be gone
            assertTrue(Files.notExists(work.resolve("tmp").resolve(running + ".zip.partial")), "the partial package is gone");
            ExportJob rerun = jobs.await(queued, Duration.ofSeconds(60), Duration.ofMillis(20));
            assertEquals(JobStatus.EXPORTED, rerun.status(), rerun.error());
            try (Stream<Path> tmp = Files.list(work.resolve("tmp"))) {
                assertEquals(List.of(), tmp.toList(), "nothing left in tmp/");
            }
            try (Stream<Path> packages = Files.list(work.resolve("packages"))) {
                assertEquals(List.of(rerun.fileName()), packages.map(p -> p.getFileName().toString()).toList());
            }
        }
    }
}
