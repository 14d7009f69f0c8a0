package dev.labelport.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.jobs.ExportJobs;
import dev.labelport.jobs.FolderDataProvider;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/** The REST API end to end over real HTTP on loopback, as a Python {@code requests} client would use it. */
class ExportServerTest {
    private static final String KEY = "test-key-0123456789";
    private static final String READ_ONLY = "read-only-0123456789";

    @TempDir
    Path tmp;

    private ExportJobs jobs;
    private ExportServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path sample = Path.of(System.getProperty("labelport.testdata", "../testdata"), "samples", "instances_small.json");
        Files.copy(sample, data.resolve("street.json"));
        jobs = ExportJobs.builder().dataProvider(FolderDataProvider.of(data, Labelport.create())).workDirectory(tmp.resolve("work"))
                .workers(2).build();
        server = ExportServer.start(jobs, ApiKeys.of(List.of(KEY), List.of(READ_ONLY)), new InetSocketAddress("127.0.0.1", 0));
        jobs.fileStorage();
    }

    @AfterEach
    void stop() {
        server.close();
        jobs.close();
    }

    private HttpResponse<byte[]> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (key != null) {
            b.header("X-Avala-Api-Key", key);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonObject json(HttpResponse<byte[]> r) {
        try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), r.body())) {
            p.nextToken();
            return (JsonObject) JsonSupport.readValue(p);
        }
    }

    @Test
    void createPollDownloadAsAClientWould() throws Exception {
        HttpResponse<byte[]> created = call("POST", "/api/v1/exports/", KEY,
                "{\"name\": \"street export\", \"format\": \"yolo\", \"datasets\": [\"street\"],"
                        + " \"filters\": {\"include_incomplete\": true}, \"writer_options\": {\"task\": \"detect\"}}");
        assertEquals(201, created.statusCode(), new String(created.body()));
        String uid = json(created).string("uid");
        assertEquals("requested", json(created).string("status"));

        JsonObject job;
        do {
            Thread.sleep(20);
            HttpResponse<byte[]> r = call("GET", "/api/v1/exports/" + uid + "/", KEY, null);
            assertEquals(200, r.statusCode());
            job = json(r);
        } while (!Set.of("exported", "failed", "aborted").contains(job.string("status")));
        assertEquals("exported", job.string("status"), job.string("error"));
        assertTrue(((JsonNumber) job.get("exported_task_count")).longValue() > 0);
        String url = job.string("download_url");
        assertTrue(url.endsWith("/api/v1/exports/" + uid + "/download"), url);

        HttpResponse<byte[]> zip = call("GET", "/api/v1/exports/" + uid + "/download", KEY, null);
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
        Set<String> names = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertTrue(names.contains("manifest.json") && names.contains("latest/data.yaml"), names.toString());

        HttpResponse<byte[]> list = call("GET", "/api/v1/exports/?limit=1", READ_ONLY, null);
        assertEquals(200, list.statusCode());
        JsonObject page = json(list);
        assertEquals(1, ((JsonArray) page.get("items")).values().size());
        assertEquals(uid, ((JsonObject) ((JsonArray) page.get("items")).values().get(0)).string("uid"));
        assertEquals(false, page.get("has_more") instanceof dev.labelport.json.JsonBoolean b && b.value());
    }

    @Test
    void errorsHaveTheApisBodies() throws Exception {
        HttpResponse<byte[]> none = call("GET", "/api/v1/exports/", null, null);
        assertEquals(401, none.statusCode());
        assertEquals("Authentication credentials were not provided.", json(none).string("detail"));
        HttpResponse<byte[]> bad = call("GET", "/api/v1/exports/", "wrong-key-0123456789", null);
        assertEquals(401, bad.statusCode());
        assertEquals("Invalid API key.", json(bad).string("detail"));
        HttpResponse<byte[]> forbidden = call("POST", "/api/v1/exports/", READ_ONLY, "{}");
        assertEquals(403, forbidden.statusCode());

        HttpResponse<byte[]> invalid = call("POST", "/api/v1/exports/", KEY, "{\"format\": \"x\", \"datasets\": [\"street\"]}");
        assertEquals(400, invalid.statusCode());
        JsonObject fields = json(invalid);
        assertEquals("This field is required.", ((JsonString) ((JsonArray) fields.get("name")).values().get(0)).value());
        assertEquals("\"x\" is not a valid choice.", ((JsonString) ((JsonArray) fields.get("format")).values().get(0)).value());

        HttpResponse<byte[]> unknownScope = call("POST", "/api/v1/exports/", KEY, "{\"name\": \"a\", \"format\": \"coco\", \"datasets\": [\"nowhere\"]}");
        assertEquals(404, unknownScope.statusCode());
        assertEquals("Not found.", json(unknownScope).string("detail"));
        assertEquals(404, call("GET", "/api/v1/exports/" + java.util.UUID.randomUUID() + "/", KEY, null).statusCode());
        assertEquals(400, call("POST", "/api/v1/exports/", KEY, "{not json").statusCode());
        assertEquals(405, call("DELETE", "/api/v1/exports/", KEY, null).statusCode());
        HttpResponse<byte[]> badOrdering = call("GET", "/api/v1/exports/?ordering=size", KEY, null);
        assertEquals(400, badOrdering.statusCode());
        assertNotNull(json(badOrdering).get("ordering"));
    }
}
