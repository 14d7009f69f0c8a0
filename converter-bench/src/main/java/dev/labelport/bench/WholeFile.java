package dev.labelport.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole-file benchmark: a token scan and each conversion, every one in its OWN child JVM (so each
 * peak RSS is that step's alone), then a table of wall seconds, peak RSS and the ratios to the scan.
 *
 * <pre>{@code
 * java -jar labelport-bench.jar whole-file --in bench-data/coco-train2017-s2017.json --xmx 256m
 * }</pre>
 */
final class WholeFile {
    private WholeFile() {
    }

    static void main(Args args) throws IOException, InterruptedException {
        Path in = Path.of(args.require("in")).toAbsolutePath();
        if (!Files.isRegularFile(in)) {
            throw new IllegalArgumentException("no input file " + in + " (generate it first)");
        }
        String xmx = args.get("xmx", "256m");
        List<String> targets = List.of(args.get("targets", "coco,avala").split(","));
        Path work = Path.of(args.get("work", in.getParent().resolve("out").toString())).toAbsolutePath();
        Files.createDirectories(work);
        List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + xmx);
        jvm.addAll(args.all("jvm-arg"));

        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(child(jvm, List.of("scan", "--in", in.toString())));
        for (String target : targets) {
            // "yolo.zip": the yolo format written into a zip archive; "voc": into a folder
            boolean zip = target.endsWith(".zip");
            String to = zip ? target.substring(0, target.length() - 4) : target;
            String suffix = zip ? ".zip" : to.equals("coco") || to.equals("avala") ? ".json" : "";
            Path out = work.resolve("whole-file-" + to + suffix);
            List<String> cmd = new ArrayList<>(List.of("convert", "--from", "coco", "--to", to, "--in", in.toString(),
                    "--out", out.toString(), "--temp", work.toString()));
            if (!args.has("keep-output")) {
                cmd.add("--delete-output");
            }
            rows.add(child(jvm, cmd));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "input %s (%s MB), child JVMs with %s%n", in.getFileName(), Measure.mb(Files.size(in)),
                String.join(" ", jvm));
        System.out.print(table(rows));
    }

    /** Runs {@code BenchMain args} in a fresh JVM, echoing its output, and returns its RESULT fields. */
    private static Map<String, String> child(List<String> jvmArgs, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchMain.class.getName());
        cmd.addAll(args);
        System.out.println("$ " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                System.out.println("  " + line);
                if (line.startsWith(Measure.RESULT + " ")) {
                    result = parse(line);
                }
            }
        }
        int code = p.waitFor();
        if (result.isEmpty()) {
            result.put("step", args.get(0).equals("scan") ? "scan" : args.get(2) + "->" + args.get(4));
            result.put("status", "failed:exit_" + code);
        }
        result.putIfAbsent("status", "ok");
        return result;
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : line.substring(Measure.RESULT.length() + 1).split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    static String table(List<Map<String, String>> rows) {
        double scanWall = number(rows.get(0).get("wall_s"));
        double scanRss = number(rows.get(0).get("rss_mb"));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %-12s | %8s | %11s | %11s | %10s | %9s | %12s | %-26s |%n",
                "step", "wall s", "peak RSS MB", "wall / scan", "RSS / scan", "items", "annotations", "status"));
        sb.append("|--------------|----------|-------------|-------------|------------|-----------|--------------|----------------------------|")
                .append(System.lineSeparator());
        for (Map<String, String> row : rows) {
            boolean ok = "ok".equals(row.get("status"));
            double wall = ok ? number(row.get("wall_s")) : Double.NaN;
            double rss = ok ? number(row.get("rss_mb")) : Double.NaN;
            sb.append(String.format(Locale.ROOT, "| %-12s | %8s | %11s | %11s | %10s | %9s | %12s | %-26s |%n",
                    row.get("step"), row.getOrDefault("wall_s", "-"), row.getOrDefault("rss_mb", "-"),
                    ratio(wall, scanWall), ratio(rss, scanRss), row.getOrDefault("items", "-"),
                    row.getOrDefault("annotations", "-"), row.get("status")));
        }
        return sb.toString();
    }

    private static double number(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
    }
}
