package dev.labelport.bench;

import dev.labelport.ConversionOptions;
import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.LossEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One conversion through the public facade, exactly as a user runs it, with wall time, counts and
 * peak RSS. Run it in its own JVM (the whole-file mode does) so the RSS is this conversion's only.
 */
final class Convert {
    private Convert() {
    }

    static void main(Args args) {
        Path in = Path.of(args.require("in"));
        Path out = Path.of(args.require("out"));
        String from = args.get("from", "coco");
        String to = args.get("to", "coco");
        ConversionOptions.Builder options = ConversionOptions.builder().overwrite(true);
        if (args.has("temp")) {
            options.tempDirectory(Path.of(args.get("temp", null)));
        }
        if (args.has("writer-options")) { // comma-separated key=value
            Map<String, String> w = new LinkedHashMap<>();
            for (String kv : args.get("writer-options", "").split(",")) {
                int eq = kv.indexOf('=');
                w.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
            options.writerOptions(dev.labelport.spi.FormatOptions.of(w));
        }
        String step = from + "->" + to;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        long start = System.nanoTime();
        int exit = 0;
        try {
            ConversionReport report = Labelport.create().conversion(in, out).from(from).to(to).options(options.build()).run();
            double wall = Measure.seconds(start);
            double rss = Measure.peakRssMb();
            long outBytes = size(out);
            System.out.printf(Locale.ROOT, "%s %s -> %s: %,d items / %,d annotations read, %,d / %,d written, "
                            + "%s MB out, %s s, peak RSS %s MB (max heap %s MB)%n",
                    step, in.getFileName(), out.getFileName(), report.itemsRead(), report.annotationsRead(),
                    report.itemsWritten(), report.annotationsWritten(), Measure.mb(outBytes), Measure.fmt(wall),
                    Measure.fmt(rss), Measure.mb(Runtime.getRuntime().maxMemory()));
            for (LossEntry e : report.losses()) {
                System.out.printf(Locale.ROOT, "  %s x%,d: %s%n", e.code().code(), e.count(), e.code().description());
            }
            r.put("status", "ok");
            r.put("wall_s", Measure.fmt(wall));
            r.put("rss_mb", Measure.fmt(rss));
            r.put("items", report.itemsRead());
            r.put("annotations", report.annotationsRead());
            r.put("items_written", report.itemsWritten());
            r.put("annotations_written", report.annotationsWritten());
            r.put("losses", report.losses().stream().mapToLong(LossEntry::count).sum());
            r.put("out_bytes", outBytes);
        } catch (RuntimeException | OutOfMemoryError e) {
            // Reported, not rethrown: the whole-file table shows the failure next to the other runs.
            double wall = Measure.seconds(start);
            System.out.println(step + " FAILED after " + Measure.fmt(wall) + " s: " + e);
            r.put("status", "failed:" + e.getClass().getSimpleName());
            r.put("wall_s", Measure.fmt(wall));
            r.put("rss_mb", Measure.fmt(Measure.peakRssMb()));
            exit = 2;
        } finally {
            if (args.has("delete-output")) {
                delete(out);
            }
        }
        System.out.println(Measure.resultLine(r));
        if (exit != 0) {
            System.exit(exit);
        }
    }

    private static long size(Path p) {
        try {
            if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            }
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
