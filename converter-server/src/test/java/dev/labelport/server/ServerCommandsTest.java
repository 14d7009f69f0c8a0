package dev.labelport.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.jobs.ExportJob;
import dev.labelport.jobs.ExportJobs;
import dev.labelport.jobs.FolderDataProvider;
import dev.labelport.jobs.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code labelport export ...} against a server on loopback. */
class ServerCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void createWaitDownloadList() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.copy(Path.of(System.getProperty("labelport.testdata", "../testdata"), "samples", "instances_small.json"), data.resolve("street.json"));
        try (ExportJobs jobs = ExportJobs.builder().dataProvider(FolderDataProvider.of(data)).workDirectory(tmp.resolve("work")).build();
             ExportServer server = ExportServer.start(jobs, ApiKeys.of(List.of("cli-key-12345")), new InetSocketAddress("127.0.0.1", 0))) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ServerCommands c = new ServerCommands(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
            List<String> auth = List.of("--server", url, "--api-key", "cli-key-12345");
            assertEquals(0, c.export(concat(List.of("create", "--name", "cli", "--format", "coco", "--dataset", "street",
                    "--include-incomplete", "--query", "annotation.label != \"nothing\""), auth)), err.toString());
            ExportJob created = ExportJob.fromJson(out.toString(StandardCharsets.UTF_8).trim());
            out.reset();
            assertEquals(0, c.export(concat(List.of("wait", created.uid().toString(), "--interval", "20"), auth)), err.toString());
            ExportJob done = ExportJob.fromJson(out.toString(StandardCharsets.UTF_8).trim());
            assertEquals(JobStatus.EXPORTED, done.status());
            Path zip = tmp.resolve("out.zip");
            assertEquals(0, c.export(concat(List.of("download", created.uid().toString(), zip.toString()), auth)));
            try (ZipFile z = new ZipFile(zip.toFile())) {
                assertTrue(z.getEntry("manifest.json") != null);
            }
            err.reset();
            assertEquals(1, c.export(List.of("get", created.uid().toString(), "--server", url, "--api-key", "wrong-key-12345")));
            assertTrue(err.toString().contains("401"), err.toString());
            assertThrows(ServerCommands.UsageException.class, () -> c.export(List.of("frobnicate", "--server", url, "--api-key", "k")));
        }
    }

    @Test
    void theEmbeddedEngineRunsACreatedJobToTheEndAndKeepsItInTheStateFolder() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.copy(Path.of(System.getProperty("labelport.testdata", "../testdata"), "samples", "instances_small.json"), data.resolve("street.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServerCommands c = new ServerCommands(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        List<String> local = List.of("--data", data.toString(), "--state", tmp.resolve("state").toString());
        assertEquals(0, c.export(concat(List.of("create", "--name", "local", "--format", "coco", "--dataset", "street"), local)));
        ExportJob done = ExportJob.fromJson(out.toString(StandardCharsets.UTF_8).trim());
        assertEquals(JobStatus.EXPORTED, done.status(), done.error());
        out.reset();
        assertEquals(0, c.export(concat(List.of("get", done.uid().toString()), local)), "a later command sees it");
        assertEquals(JobStatus.EXPORTED, ExportJob.fromJson(out.toString(StandardCharsets.UTF_8).trim()).status());
        Path zip = tmp.resolve("local.zip");
        assertEquals(0, c.export(concat(List.of("download", done.uid().toString(), zip.toString()), local)));
        assertTrue(Files.size(zip) > 0);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
