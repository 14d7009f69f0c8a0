package dev.labelport.server;

import dev.labelport.jobs.ExportJob;
import dev.labelport.jobs.ExportJobs;
import dev.labelport.jobs.FolderDataProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code labelport serve} and {@code labelport export ...} commands (the CLI delegates here).
 *
 * <pre>
 * labelport serve --data DIR [--state DIR] [--port 8080] [--host 127.0.0.1] --api-key KEY [--api-key KEY...]
 * labelport export create --server URL --api-key KEY --name N --format F (--dataset D | --project P | --slice S)...
 *                  [--query Q] [--status S]... [--updated-after MILLIS] [--include-incomplete] [--include-removed] [--item REF]
 * labelport export list|get UID|cancel UID|wait UID [--interval MS] [--timeout S]|download UID OUT --server URL --api-key KEY
 * labelport export ... --data DIR [--state DIR]     (the embedded engine instead of a server)
 * </pre>
 *
 * The export commands talk to a running server over HTTP; {@code wait} draws a progress line on a
 * terminal. Exit codes: 0 done, 1 the server refused or the job failed, 2 usage.
 */
public final class ServerCommands {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    public ServerCommands(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** A usage error (exit code 2). */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --name value} options, repeatable, and positional arguments. */
    private record Parsed(Map<String, List<String>> options, List<String> positional) {
        String one(String name) {
            List<String> v = options.get(name);
            return v == null ? null : v.get(v.size() - 1);
        }

        String required(String name) {
            String v = one(name);
            if (v == null) {
                throw new UsageException("--" + name + " is required");
            }
            return v;
        }

        List<String> all(String name) {
            return options.getOrDefault(name, List.of());
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }
    }

    private static final List<String> FLAGS = List.of("include-incomplete", "include-removed");

    private static Parsed parse(List<String> args) {
        Map<String, List<String>> o = new LinkedHashMap<>();
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                if (FLAGS.contains(name)) {
                    o.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (i + 1 < args.size()) {
                    o.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(++i));
                } else {
                    throw new UsageException(a + " needs a value");
                }
            } else {
                pos.add(a);
            }
        }
        return new Parsed(o, pos);
    }

    /** {@code serve}: runs until the JVM is stopped (Ctrl-C closes the server and the engine cleanly). */
    public int serve(List<String> args) throws IOException, InterruptedException {
        Parsed p = parse(args);
        Path data = Path.of(p.required("data"));
        Path state = Path.of(p.one("state") == null ? data.resolve(".labelport").toString() : p.one("state"));
        int port = Integer.parseInt(p.one("port") == null ? "8080" : p.one("port"));
        String host = p.one("host") == null ? "127.0.0.1" : p.one("host");
        List<String> keys = p.all("api-key");
        if (keys.isEmpty() && System.getenv("LABELPORT_API_KEY") != null) {
            keys = List.of(System.getenv("LABELPORT_API_KEY"));
        }
        if (keys.isEmpty()) {
            throw new UsageException("give at least one --api-key (or LABELPORT_API_KEY)");
        }
        ExportJobs jobs = ExportJobs.builder().dataProvider(FolderDataProvider.of(data)).workDirectory(state)
                .baseUri(URI.create("http://" + host + ":" + port + "/")).build();
        ExportServer server = ExportServer.start(jobs, ApiKeys.of(keys), new InetSocketAddress(host, port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            jobs.close();
            stopped.countDown();
        }));
        err.println("labelport: serving " + data + " on http://" + host + ":" + server.port() + "/api/v1/exports/ (state in " + state + ")");
        stopped.await();
        return 0;
    }

    /** {@code export <command>} against {@code --server}. */
    public int export(List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty()) {
            throw new UsageException("export needs a command: create, list, get, cancel, wait, download");
        }
        Parsed p = parse(args.subList(1, args.size()));
        if (p.one("server") == null) {
            return embedded(args.get(0), p);
        }
        String server = p.required("server").replaceAll("/+$", "");
        String key = p.one("api-key") != null ? p.one("api-key") : System.getenv("LABELPORT_API_KEY");
        if (key == null) {
            throw new UsageException("--api-key is required (or LABELPORT_API_KEY)");
        }
        return run(args.get(0), p, new Client(server, key), false);
    }

    /**
     * Without {@code --server}: an engine on {@code --state DIR} (default {@code <data>/.labelport})
     * over {@code --data DIR}, in this process, behind a loopback server with a one-off key. A
     * {@code create} here runs its job to the end before the command returns (a job left running
     * when the process exits would be failed as interrupted by the next engine).
     */
    private int embedded(String command, Parsed p) throws IOException, InterruptedException {
        if (p.one("data") == null) {
            throw new UsageException("give --server URL, or --data DIR (and optionally --state DIR) for the embedded engine");
        }
        Path data = Path.of(p.one("data"));
        Path state = Path.of(p.one("state") == null ? data.resolve(".labelport").toString() : p.one("state"));
        String key = java.util.UUID.randomUUID().toString();
        try (ExportJobs jobs = ExportJobs.builder().dataProvider(FolderDataProvider.of(data)).workDirectory(state).build();
             ExportServer server = ExportServer.start(jobs, ApiKeys.of(List.of(key)), new InetSocketAddress("127.0.0.1", 0))) {
            return run(command, p, new Client("http://127.0.0.1:" + server.port(), key), true);
        }
    }

    private int run(String command, Parsed p, Client c, boolean embedded) throws IOException, InterruptedException {
        switch (command) {
            case "create" -> {
                HttpResponse<String> r = c.call("POST", "/api/v1/exports/", createBody(p));
                if (!embedded || r.statusCode() != 201) {
                    return c.print(r);
                }
                return waitFor(c, ExportJob.fromJson(r.body()).uid().toString(), 100, Long.MAX_VALUE / 2_000_000_000L);
            }
            case "list" -> {
                String q = "?limit=" + (p.one("limit") == null ? "20" : p.one("limit"))
                        + (p.one("ordering") == null ? "" : "&ordering=" + enc(p.one("ordering")))
                        + (p.one("cursor") == null ? "" : "&cursor=" + enc(p.one("cursor")));
                return c.print(c.call("GET", "/api/v1/exports/" + q, null));
            }
            case "get" -> {
                return c.print(c.call("GET", "/api/v1/exports/" + uid(p) + "/", null));
            }
            case "cancel" -> {
                return c.print(c.call("POST", "/api/v1/exports/" + uid(p) + "/cancel/", null));
            }
            case "wait" -> {
                return waitFor(c, uid(p), Long.parseLong(p.one("interval") == null ? "500" : p.one("interval")),
                        Long.parseLong(p.one("timeout") == null ? "3600" : p.one("timeout")));
            }
            case "download" -> {
                if (p.positional().size() < 2) {
                    throw new UsageException("export download UID OUT");
                }
                Path target = Path.of(p.positional().get(1));
                Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), ".labelport-download-", ".zip");
                HttpResponse<Path> r = c.http.send(c.request("GET", "/api/v1/exports/" + uid(p) + "/download", null),
                        HttpResponse.BodyHandlers.ofFile(partial));
                if (r.statusCode() != 200) {
                    err.println("labelport: " + r.statusCode() + " " + Files.readString(partial));
                    Files.deleteIfExists(partial);
                    return 1;
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                out.println(target);
                return 0;
            }
            default -> throw new UsageException("unknown export command '" + command + "'");
        }
    }

    private int waitFor(Client c, String uid, long intervalMs, long timeoutS) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
        while (true) {
            HttpResponse<String> r = c.call("GET", "/api/v1/exports/" + uid + "/", null);
            if (r.statusCode() != 200) {
                return c.print(r);
            }
            ExportJob job = ExportJob.fromJson(r.body());
            if (terminal) {
                err.print("\r" + job.status().apiName() + " " + (job.exportedTaskCount() == null ? 0 : job.exportedTaskCount())
                        + (job.totalTaskCount() == null || job.totalTaskCount() == 0 ? "" : "/" + job.totalTaskCount()) + " items   ");
                err.flush();
            }
            if (job.status().isTerminal()) {
                if (terminal) {
                    err.println();
                }
                out.println(r.body());
                return job.status() == dev.labelport.jobs.JobStatus.EXPORTED ? 0 : 1;
            }
            if (System.nanoTime() > deadline) {
                err.println("labelport: still " + job.status().apiName() + " after " + timeoutS + " s");
                return 1;
            }
            Thread.sleep(intervalMs);
        }
    }

    private static String uid(Parsed p) {
        if (p.positional().isEmpty()) {
            throw new UsageException("give the export's uid");
        }
        return p.positional().get(0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String createBody(Parsed p) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"name\":").append(str(p.one("name"))).append(",\"format\":").append(str(p.one("format")));
        sb.append(",\"datasets\":").append(strs(p.all("dataset"))).append(",\"projects\":").append(strs(p.all("project")))
                .append(",\"slices\":").append(strs(p.all("slice")));
        if (p.one("query") != null) {
            sb.append(",\"filter_query_string\":").append(str(p.one("query")));
        }
        if (p.one("delivery") != null) {
            sb.append(",\"delivery\":").append(str(p.one("delivery")));
        }
        sb.append(",\"filters\":{\"statuses\":").append(strs(p.all("status")));
        if (p.one("updated-after") != null) {
            sb.append(",\"updated_after\":").append(Long.parseLong(p.one("updated-after")));
        }
        sb.append(",\"include_incomplete\":").append(p.flag("include-incomplete"))
                .append(",\"include_removed\":").append(p.flag("include-removed"));
        if (p.one("item") != null) {
            sb.append(",\"item\":").append(str(p.one("item")));
        }
        sb.append("},\"writer_options\":{");
        List<String> opts = p.all("option");
        for (int i = 0; i < opts.size(); i++) {
            int eq = opts.get(i).indexOf('=');
            if (eq < 0) {
                throw new UsageException("--option key=value, not " + opts.get(i));
            }
            sb.append(i == 0 ? "" : ",").append(str(opts.get(i).substring(0, eq))).append(':').append(str(opts.get(i).substring(eq + 1)));
        }
        return sb.append("}}").toString();
    }

    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String strs(List<String> v) {
        return "[" + String.join(",", v.stream().map(ServerCommands::str).toList()) + "]";
    }

    private final class Client {
        final HttpClient http = HttpClient.newHttpClient();
        final String base;
        final String key;

        Client(String base, String key) {
            this.base = base;
            this.key = key;
        }

        HttpRequest request(String method, String path, String body) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("X-Avala-Api-Key", key)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
            return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        }

        int print(HttpResponse<String> r) {
            if (r.statusCode() / 100 == 2) {
                out.println(r.body());
                return 0;
            }
            err.println("labelport: " + r.statusCode() + " " + r.body());
            return 1;
        }
    }
}
