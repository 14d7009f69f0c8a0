package dev.labelport.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The bench jar's entry point: {@code java -jar labelport-bench.jar <mode> [options]}.
 *
 * <ul>
 *   <li>{@code generate --out FILE [--preset train2017|big] [--images N] [--annotations M] [--seed S]}</li>
 *   <li>{@code scan --in FILE}: bare Jackson token scan, wall time and peak RSS</li>
 *   <li>{@code convert --in FILE --out FILE [--from coco] [--to coco] [--temp DIR] [--delete-output]}</li>
 *   <li>{@code whole-file --in FILE [--xmx 256m] [--targets coco,avala] [--work DIR] [--keep-output] [--jvm-arg A]...}:
 *       scan and each conversion in separate JVMs, then a table</li>
 *   <li>{@code jobs [--annotations 1000000] [--small-jobs 1000]}: export-job overhead over bare conversions</li>
 *   <li>{@code jmh [JMH options]}: the same as {@code java -cp labelport-bench.jar org.openjdk.jmh.Main}</li>
 * </ul>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            usage();
            return;
        }
        String mode = argv[0];
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            switch (mode) {
                case "generate" -> generate(Args.parse(rest, Set.of("out", "preset", "images", "annotations", "seed"), Set.of()));
                case "scan" -> TokenScan.main(Args.parse(rest, Set.of("in"), Set.of()));
                case "convert" -> Convert.main(Args.parse(rest, Set.of("in", "out", "from", "to", "temp", "writer-options"), Set.of("delete-output")));
                case "whole-file" -> WholeFile.main(Args.parse(rest, Set.of("in", "xmx", "targets", "work", "jvm-arg"),
                        Set.of("keep-output")));
                case "jobs" -> JobsBench.main(Args.parse(rest, Set.of("annotations", "small-jobs"), Set.of()));
                case "jmh" -> org.openjdk.jmh.Main.main(rest);
                default -> {
                    System.err.println("unknown mode '" + mode + "'");
                    usage();
                    System.exit(64);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(mode + ": " + e.getMessage());
            System.exit(64);
        }
    }

    private static void generate(Args args) {
        long seed = args.getLong("seed", CocoGenerator.DEFAULT_SEED);
        CocoGenerator.Spec spec;
        if (args.has("images") && args.has("annotations")) {
            spec = new CocoGenerator.Spec(args.getLong("images", 0), args.getLong("annotations", 0), seed);
        } else if (args.has("images")) {
            spec = CocoGenerator.Spec.withImages(args.getLong("images", 0), seed);
        } else if (args.has("annotations")) {
            spec = CocoGenerator.Spec.withAnnotations(args.getLong("annotations", 0), seed);
        } else if (args.has("preset")) {
            spec = CocoGenerator.Spec.preset(args.get("preset", null), seed);
        } else {
            throw new IllegalArgumentException("give --preset train2017|big, or --images and/or --annotations");
        }
        Path out = Path.of(args.require("out"));
        long start = System.nanoTime();
        new CocoGenerator(spec).write(out);
        double wall = Measure.seconds(start);
        long bytes;
        try {
            bytes = Files.size(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "generated %s: %,d images, %,d annotations, seed %d, %s MB in %s s (%s MB/s, %,.0f annotations/s), peak RSS %s MB%n",
                out, spec.images(), spec.annotations(), spec.seed(), Measure.mb(bytes), Measure.fmt(wall),
                Measure.fmt(bytes / (1024.0 * 1024.0) / wall), spec.annotations() / wall, Measure.fmt(Measure.peakRssMb()));
    }

    private static void usage() {
        System.out.println(String.join(System.lineSeparator(),
                "usage: java -jar labelport-bench.jar <mode> [options]",
                "  generate   --out FILE (--preset train2017|big | --images N [--annotations M] | --annotations M) [--seed S]",
                "  scan       --in FILE",
                "  convert    --in FILE --out FILE [--from coco] [--to coco|avala] [--temp DIR] [--delete-output]",
                "  whole-file --in FILE [--xmx 256m] [--targets coco,avala] [--work DIR] [--keep-output] [--jvm-arg ARG]...",
                "  jobs       [--annotations 1000000] [--small-jobs 1000]  (export-job overhead over bare conversions)",
                "  jmh        [JMH options, e.g. -l, or a benchmark regex]",
                "presets: train2017 = 118,287 images / 860,001 annotations; big = 1,500,000 annotations (~800 MB)"));
    }
}
