package dev.labelport.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.jobs.ExportFilters;
import dev.labelport.jobs.ExportJob;
import dev.labelport.jobs.ExportJobs;
import dev.labelport.jobs.ExportRequest;
import dev.labelport.jobs.JobNotFoundException;
import dev.labelport.jobs.JobRejectedException;
import dev.labelport.jobs.ListQuery;
import dev.labelport.jobs.Page;
import dev.labelport.jobs.ScopeNotFoundException;
import dev.labelport.jobs.ValidationException;
import dev.labelport.jobs.delivery.FileStorageDelivery;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;

/**
 * A small HTTP server over an {@link ExportJobs} engine, shaped like Avala's {@code /api/v1/exports/}:
 *
 * <ul>
 *   <li>{@code GET /api/v1/exports/?ordering=-created_at&limit=20&cursor=...}: a page,
 *       {@code {"items": [...], "next_cursor", "previous_cursor", "has_more", "next", "previous"}};
 *   <li>{@code POST /api/v1/exports/} with {@code {"name", "format", "datasets" | "projects" | "slices",
 *       "filter_query_string", "filters": {...}, "delivery", "writer_options"}}: 201 and the job;
 *       400 with field errors; 404 for an unknown scope uid; 429 when the queue is full;
 *   <li>{@code GET /api/v1/exports/{uid}/}, {@code POST /api/v1/exports/{uid}/cancel/};
 *   <li>{@code GET /api/v1/exports/{uid}/download}: the zip; 410 once the link expired, 404 while
 *       there is nothing to download.
 * </ul>
 *
 * Every request needs an {@code X-Avala-Api-Key} (401 {@code {"detail": "..."}} without a valid
 * one; 403 for a read-only key that creates or cancels). Bodies are at most 1 MiB.
 */
public final class ExportServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExportServer.class.getName());
    private static final String PREFIX = "/api/v1/exports/";
    private static final int MAX_BODY = 1 << 20;

    private final ExportJobs jobs;
    private final ApiKeys keys;
    private final HttpServer http;
    private final ExecutorService threads;

    private ExportServer(ExportJobs jobs, ApiKeys keys, InetSocketAddress address) throws IOException {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.http = HttpServer.create(address, 64);
        this.threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "labelport-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext("/", this::handle);
    }

    /** Starts a server on {@code address} (port 0: any free port). */
    public static ExportServer start(ExportJobs jobs, ApiKeys keys, InetSocketAddress address) throws IOException {
        ExportServer s = new ExportServer(jobs, keys, address);
        s.http.start();
        return s;
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops accepting, lets running exchanges finish for up to a second; the engine stays open. */
    @Override
    public void close() {
        http.stop(1);
        threads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (HttpError e) {
                send(ex, e.status, e.fields != null ? fieldsJson(e.fields) : detailJson(e.getMessage()));
            } catch (ValidationException e) {
                send(ex, 400, fieldsJson(e.fieldErrors()));
            } catch (JobNotFoundException | ScopeNotFoundException e) {
                send(ex, 404, detailJson("Not found."));
            } catch (JobRejectedException e) {
                send(ex, 429, detailJson(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "export API request failed", e);
                send(ex, 500, detailJson("Internal server error."));
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!path.startsWith(PREFIX) && !path.equals(PREFIX.substring(0, PREFIX.length() - 1))) {
            throw HttpError.notFound();
        }
        ApiKeys.Check check = keys.check(ex.getRequestHeaders().getFirst("X-Avala-Api-Key"));
        if (check == ApiKeys.Check.MISSING) {
            throw HttpError.missingKey();
        }
        if (check == ApiKeys.Check.INVALID) {
            throw HttpError.invalidKey();
        }
        String method = ex.getRequestMethod();
        String rest = path.length() <= PREFIX.length() ? "" : path.substring(PREFIX.length());
        List<String> parts = new ArrayList<>(List.of(rest.split("/")));
        parts.removeIf(String::isEmpty);
        if (parts.isEmpty()) {
            switch (method) {
                case "GET" -> list(ex);
                case "POST" -> {
                    writeAllowed(check);
                    send(ex, 201, jobs.create(request(body(ex))).toJson());
                }
                default -> throw HttpError.methodNotAllowed(method);
            }
            return;
        }
        UUID uid;
        try {
            uid = UUID.fromString(parts.get(0));
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound();
        }
        if (parts.size() == 1) {
            requireMethod(method, "GET");
            send(ex, 200, jobs.get(uid).toJson());
        } else if (parts.size() == 2 && parts.get(1).equals("cancel")) {
            requireMethod(method, "POST");
            writeAllowed(check);
            send(ex, 200, jobs.cancel(uid).toJson());
        } else if (parts.size() == 2 && parts.get(1).equals("download")) {
            requireMethod(method, "GET");
            download(ex, uid);
        } else {
            throw HttpError.notFound();
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw HttpError.methodNotAllowed(method);
        }
    }

    private static void writeAllowed(ApiKeys.Check check) {
        if (check != ApiKeys.Check.READ_WRITE) {
            throw HttpError.forbidden();
        }
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        Integer limit = null;
        if (q.containsKey("limit")) {
            try {
                limit = Integer.valueOf(q.get("limit"));
            } catch (NumberFormatException e) {
                throw new ValidationException(Map.of("limit", List.of("A valid integer is required.")));
            }
        }
        ListQuery lq = ListQuery.of(q.get("ordering"), limit, q.get("cursor"));
        Page<ExportJob> page = jobs.list(lq);
        String base = "http://" + ex.getRequestHeaders().getFirst("Host") + PREFIX + "?ordering="
                + URLEncoder.encode(lq.ordering(), StandardCharsets.UTF_8) + "&limit=" + lq.limit() + "&cursor=";
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeName("items");
            g.writeStartArray();
            for (ExportJob j : page.items()) {
                g.writeRawValue(j.toJson());
            }
            g.writeEndArray();
            nullable(g, "next_cursor", page.nextCursor());
            nullable(g, "previous_cursor", page.previousCursor());
            g.writeBooleanProperty("has_more", page.hasMore());
            nullable(g, "next", page.nextCursor() == null ? null : base + page.nextCursor());
            nullable(g, "previous", page.previousCursor() == null ? null : base + page.previousCursor());
            g.writeEndObject();
        }
        send(ex, 200, w.toString());
    }

    private void download(HttpExchange ex, UUID uid) throws IOException {
        FileStorageDelivery.Lookup l = jobs.download(uid);
        if (l instanceof FileStorageDelivery.Lookup.Gone) {
            throw HttpError.detail(410, "This download link has expired.");
        }
        if (!(l instanceof FileStorageDelivery.Lookup.Ready ready)) {
            throw HttpError.detail(404, "Not found: the export has no file to download (yet).");
        }
        ex.getResponseHeaders().set("Content-Type", "application/zip");
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + ready.file().getFileName() + "\"");
        ex.sendResponseHeaders(200, Files.size(ready.file()));
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(ready.file(), out);
        }
    }

    /** A request from the API's JSON body. */
    static ExportRequest request(JsonObject o) {
        ExportRequest.Builder b = ExportRequest.builder().name(text(o, "name")).format(text(o, "format"))
                .datasets(strings(o, "datasets", "dataset")).projects(strings(o, "projects", "project"))
                .slices(strings(o, "slices", "slice")).filterQueryString(text(o, "filter_query_string"))
                .delivery(text(o, "delivery"));
        ExportFilters f = ExportFilters.DEFAULTS;
        if (o.get("filters") instanceof JsonObject fo) {
            f = f.withStatuses(strings(fo, "statuses", null));
            if (fo.get("updated_after") instanceof JsonNumber n) {
                f = f.withUpdatedAfterMillis(n.longValue());
            }
            f = f.withIncludeIncomplete(bool(fo, "include_incomplete", false)).withIncludeRemoved(bool(fo, "include_removed", false))
                    .withItemRef(text(fo, "item")).withPerAnnotator(bool(fo, "per_annotator", true));
        }
        b.filters(f);
        if (o.get("writer_options") instanceof JsonObject wo) {
            wo.members().forEach((k, v) -> b.writerOption(k, v instanceof JsonString s ? s.value() : String.valueOf(v)));
        }
        return b.build();
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v == dev.labelport.json.JsonNull.INSTANCE) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw new ValidationException(Map.of(key, List.of("Not a valid string.")));
    }

    private static boolean bool(JsonObject o, String key, boolean dflt) {
        return o.get(key) instanceof JsonBoolean b ? b.value() : dflt;
    }

    private static List<String> strings(JsonObject o, String key, String single) {
        List<String> out = new ArrayList<>();
        if (o.get(key) instanceof JsonArray a) {
            for (JsonValue v : a.values()) {
                if (!(v instanceof JsonString s)) {
                    throw new ValidationException(Map.of(key, List.of("Expected a list of strings.")));
                }
                out.add(s.value());
            }
        } else if (o.get(key) != null && o.get(key) != dev.labelport.json.JsonNull.INSTANCE) {
            throw new ValidationException(Map.of(key, List.of("Expected a list of items but got type \"" + o.get(key).getClass().getSimpleName() + "\".")));
        }
        if (single != null && o.get(single) instanceof JsonString s) {
            out.add(s.value());
        }
        return out;
    }

    private static JsonObject body(HttpExchange ex) throws IOException {
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw HttpError.detail(413, "The request body is larger than 1 MiB.");
        }
        try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), bytes)) {
            p.nextToken();
            if (JsonSupport.readValue(p) instanceof JsonObject o) {
                return o;
            }
        } catch (StreamReadException e) {
            throw HttpError.detail(400, "JSON parse error - " + e.getOriginalMessage());
        }
        throw HttpError.detail(400, "JSON parse error - expected an object");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void nullable(JsonGenerator g, String name, String v) {
        g.writeName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v);
        }
    }

    private static String detailJson(String detail) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeStringProperty("detail", detail);
            g.writeEndObject();
        }
        return w.toString();
    }

    private static String fieldsJson(Map<String, List<String>> fields) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            fields.forEach((k, v) -> {
                g.writeName(k);
                g.writeStartArray();
                v.forEach(g::writeString);
                g.writeEndArray();
            });
            g.writeEndObject();
        }
        return w.toString();
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
