package dev.labelport.cli;

import dev.labelport.ConversionListener;
import dev.labelport.ConversionOptions;
import dev.labelport.ErrorPolicy;
import dev.labelport.IdPolicy;
import dev.labelport.Labelport;
import dev.labelport.error.LabelportException;
import dev.labelport.formats.images.ImageHeaders;
import dev.labelport.formats.images.SizeTable;
import dev.labelport.internal.ScratchDirectory;
import dev.labelport.model.GeometryKind;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.LossEntry;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ImageSizeResolver;
import dev.labelport.spi.OptionSpec;
import dev.labelport.spi.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code labelport} command. Exit codes: 0 done; 1 invalid input or failed conversion;
 * 2 usage error; 3 a loss under {@code --strict}.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int STRICT_LOSS = 3;

    private static final String USAGE_TEXT = String.join("\n",
            "Usage:",
            "  labelport convert INPUT OUTPUT --to FORMAT [--from FORMAT] [--option KEY=VALUE]...",
            "                    (INPUT or OUTPUT '-': standard input or output)",
            "                    [--report FILE] [--strict] [--lenient] [--ids keep|renumber-from-1|renumber-from-0]",
            "                    [--force] [--quiet] [--verbose]",
            "                    [--image-sizes FILE] [--images DIR] [--exif-orientation] [--verify-image-sizes]",
            "                    [--missing-images report|fail] [--tokenizer whitespace|punctuation]",
            "  labelport inspect INPUT [--from FORMAT] [--option KEY=VALUE]... [--report FILE]",
            "  labelport formats [--markdown]",
            "  labelport serve --data DIR --api-key KEY [--port 8080] [--host 127.0.0.1] [--state DIR]",
            "  labelport export create|list|get|cancel|wait|download ... --server URL --api-key KEY",
            "  labelport --help | --version",
            "",
            "convert   converts INPUT into OUTPUT; the input format is detected unless --from is given.",
            "          --option KEY=VALUE goes to the reader and/or writer that knows KEY (see 'formats').",
            "          --strict fails (exit 3) at the first loss; --lenient skips invalid records and reports them.",
            "          --report FILE writes the conversion report as JSON; --force replaces an existing OUTPUT.",
            "          Image sizes (needed between pixel and normalised coordinates, e.g. YOLO to COCO) come from",
            "          the annotations, then --image-sizes FILE (CSV/TSV with a header file,width,height), then the",
            "          image headers under --images DIR (default: the input folder, or the input file's folder);",
            "          --exif-orientation swaps width and height for EXIF orientations 5-8 (the size as displayed);",
            "          --verify-image-sizes compares sizes the input declares with those and notes SIZE_MISMATCH;",
            "          a missing or unreadable image is listed as a warning, or with --missing-images fail stops the",
            "          conversion with its location.",
            "          --tokenizer: how token formats (conll, hf-csv, azure-automl NER) split texts that come",
            "          without tokens (from comprehend, vertex): at whitespace (default), or also around punctuation.",
            "          OUTPUT ending in .zip: a folder format is written into that zip archive.",
            "inspect   reads INPUT and prints the detected format and its check values.",
            "formats   lists every format with what it reads, writes, holds and loses.",
            "serve     runs the export-job REST server (Avala-shaped /api/v1/exports/) over a folder of exports.",
            "export    create (--name --format --dataset/--project/--slice [--query Q] [--status S]...",
            "          [--updated-after MILLIS] [--include-incomplete] [--include-removed] [--item REF] [--option K=V]),",
            "          list, get UID, cancel UID, wait UID [--interval MS] (a progress line on a terminal),",
            "          download UID OUT, against a running server.",
            "",
            "Exit codes: 0 done, 1 invalid input or failed conversion, 2 usage error, 3 loss under --strict.");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final InputStream stdin;

    Main(PrintStream out, PrintStream err, boolean interactive) {
        this(out, err, interactive, System.in);
    }

    Main(PrintStream out, PrintStream err, boolean interactive, InputStream stdin) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.stdin = stdin;
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new Main(out, err, stderrIsTerminal()).run(argv));
    }

    /** Whether stderr is a terminal: on Linux from /proc, elsewhere as System.console() tells. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    int run(String... argv) {
        List<String> args = Arrays.asList(argv);
        boolean verbose = args.contains("--verbose") || args.contains("-v");
        try {
            if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(0).equals("help")) {
                out.println(USAGE_TEXT);
                return args.isEmpty() ? USAGE : OK;
            }
            if (args.get(0).equals("--version")) {
                out.println("labelport " + version());
                return OK;
            }
            List<String> rest = args.subList(1, args.size());
            return switch (args.get(0)) {
                case "convert" -> convert(rest);
                case "inspect" -> inspect(rest);
                case "formats" -> formats(rest);
                case "serve", "export" -> server(args.get(0), rest);
                default -> throw new Args.UsageException("unknown command '" + args.get(0) + "'");
            };
        } catch (dev.labelport.server.ServerCommands.UsageException e) {
            err.println("labelport: " + e.getMessage());
            err.println("Run 'labelport --help' for usage.");
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("labelport: interrupted");
            return FAILED;
        } catch (Args.UsageException e) {
            err.println("labelport: " + e.getMessage());
            err.println("Run 'labelport --help' for usage.");
            return USAGE;
        } catch (LabelportException e) {
            err.println("labelport: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return switch (e.code()) {
                case STRICT_LOSS -> STRICT_LOSS;
                case INVALID_OPTION -> USAGE;
                default -> FAILED;
            };
        } catch (UncheckedIOException e) {
            err.println("labelport: I/O error: " + e.getMessage()
                    + (e.getCause() != null && e.getCause().getMessage() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            if (verbose) {
                e.printStackTrace(err);
            }
            return FAILED;
        } catch (RuntimeException e) {
            err.println("labelport: internal error: " + e);
            if (verbose) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
    }

    private int convert(List<String> argv) {
        Args a = Args.parse(argv, Set.of("strict", "quiet", "verbose", "force", "lenient", "exif-orientation",
                        "verify-image-sizes"),
                Set.of("to", "from", "option", "report", "ids", "image-sizes", "images", "tokenizer", "missing-images"));
        if (a.positional.size() != 2) {
            throw new Args.UsageException("convert takes INPUT and OUTPUT, got " + a.positional.size() + " argument(s)");
        }
        String to = a.one("to");
        if (to == null) {
            throw new Args.UsageException("convert needs --to FORMAT");
        }
        boolean toStdout = a.positional.get(1).equals("-");
        ScratchDirectory spool = null; // stdin and stdout spool here, swept by a later run if this one is killed
        try {
            if (toStdout || a.positional.get(0).equals("-")) {
                spool = ScratchDirectory.create(null);
            }
            Path scratch = spool == null ? null : spool.path();
            boolean fromStdin = a.positional.get(0).equals("-");
            Path input = fromStdin ? spoolStdin(scratch) : Path.of(a.positional.get(0));
            Path output = toStdout ? scratch.resolve("stdout") : Path.of(a.positional.get(1));
            ImageSizes sizes = imageSizes(a, fromStdin ? null : input);
            ConversionReport report;
            try {
                report = convert(a, input, output, to, toStdout, sizes.resolver());
            } finally {
                sizes.warn(err, a.flag("quiet"));
            }
            if (toStdout) {
                Files.copy(output, out);
                out.flush();
            }
            writeReport(a.one("report"), report);
            if (!a.flag("quiet")) {
                // with the data on stdout, the summary goes to stderr
                printSummary(toStdout ? err : out, report, "Converted " + a.positional.get(0) + " (" + report.from() + ") to "
                        + a.positional.get(1) + " (" + report.to() + ")");
            }
            return OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                spool.close();
            }
        }
    }

    /** Standard input copied to a file named {@code stdin}, so that errors read {@code stdin:12:5}. */
    private Path spoolStdin(Path scratch) throws IOException {
        Path file = scratch.resolve("stdin");
        Files.copy(stdin, file);
        return file;
    }

    /** The image-size resolver the options ask for, and the header reader to warn about. */
    private record ImageSizes(ImageSizeResolver resolver, ImageHeaders headers) {
        void warn(PrintStream err, boolean quiet) {
            if (headers == null || quiet) {
                return;
            }
            ImageHeaders.Problems p = headers.problems();
            if (p.count() > 0) {
                err.println("labelport: " + p.count() + " image(s) could not be read for their size, e.g.:");
                p.examples().forEach(e -> err.println("  " + e));
            }
        }
    }

    /**
     * The size table first, then the image headers under --images (default: the input folder, or
     * the input file's folder; none for standard input).
     */
    private static Tokenizer tokenizer(String name) {
        if (name == null) {
            return Tokenizer.whitespace();
        }
        Tokenizer t = Tokenizer.named(name);
        if (t == null) {
            throw new Args.UsageException("--tokenizer takes whitespace or punctuation, not '" + name + "'");
        }
        return t;
    }

    private static ImageSizes imageSizes(Args a, Path input) {
        ImageSizeResolver resolver = ImageSizeResolver.NONE;
        if (a.one("image-sizes") != null) {
            resolver = SizeTable.read(Path.of(a.one("image-sizes")));
        }
        Path root = null;
        if (a.one("images") != null) {
            root = Path.of(a.one("images"));
            if (!Files.isDirectory(root)) {
                throw new Args.UsageException("--images takes a folder: " + root + " is not one");
            }
        } else if (input != null) {
            root = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        }
        if (root == null) {
            return new ImageSizes(resolver, null);
        }
        String missing = a.one("missing-images");
        if (missing != null && !missing.equals("fail") && !missing.equals("report")) {
            throw new Args.UsageException("--missing-images takes fail or report, not '" + missing + "'");
        }
        ImageHeaders headers = ImageHeaders.builder(root).exifOrientation(a.flag("exif-orientation"))
                .missing("fail".equals(missing) ? ImageHeaders.Missing.FAIL : ImageHeaders.Missing.REPORT).build();
        return new ImageSizes(resolver == ImageSizeResolver.NONE ? headers : resolver.orElse(headers), headers);
    }

    private ConversionReport convert(Args a, Path input, Path output, String to, boolean toStdout,
                                     ImageSizeResolver sizes) {
        Labelport lp = Labelport.create();
        FormatProvider source = a.one("from") != null ? lp.formats().require(a.one("from")) : lp.detect(input);
        FormatProvider target = lp.formats().require(to);
        if (toStdout && target.descriptor().layout() != FormatDescriptor.Layout.FILE) {
            throw new Args.UsageException(target.descriptor().id() + " writes a folder, not a stream: give an OUTPUT path");
        }
        Routed split = splitOptions(a.all("option"), source.descriptor(), target.descriptor());
        ConversionOptions options = ConversionOptions.builder()
                .strict(a.flag("strict"))
                .errorPolicy(a.flag("lenient") ? ErrorPolicy.SKIP : ErrorPolicy.FAIL)
                .idPolicy(idPolicy(a.one("ids")))
                .overwrite(a.flag("force"))
                .readerOptions(FormatOptions.of(split.reader()))
                .writerOptions(FormatOptions.of(split.writer()))
                .imageSizes(sizes)
                .verifyImageSizes(a.flag("verify-image-sizes"))
                .tokenizer(tokenizer(a.one("tokenizer")))
                .build();
        Progress progress = new Progress(err, interactive && !a.flag("quiet"));
        try {
            return lp.conversion(input, output).from(source.descriptor().id()).to(target.descriptor().id())
                    .options(options).listener(progress).run();
        } finally {
            progress.done();
        }
    }

    private int inspect(List<String> argv) {
        Args a = Args.parse(argv, Set.of("quiet", "verbose"), Set.of("from", "option", "report"));
        if (a.positional.size() != 1) {
            throw new Args.UsageException("inspect takes one INPUT");
        }
        Path input = Path.of(a.positional.get(0));
        Labelport lp = Labelport.create();
        FormatProvider source = a.one("from") != null ? lp.formats().require(a.one("from")) : lp.detect(input);
        Routed split = splitOptions(a.all("option"), source.descriptor(), null);
        ConversionReport report = lp.inspect(input, source.descriptor().id(),
                ConversionOptions.builder().readerOptions(FormatOptions.of(split.reader())).build());
        writeReport(a.one("report"), report);
        printSummary(report, input + ": " + source.descriptor().id() + (a.one("from") == null ? " (detected)" : ""));
        return OK;
    }

    private int formats(List<String> argv) {
        Args a = Args.parse(argv, Set.of("markdown"), Set.of());
        if (!a.positional.isEmpty()) {
            throw new Args.UsageException("formats takes no arguments");
        }
        if (a.flag("markdown")) {
            Labelport.create().formats().providers().forEach(p -> out.println(markdownRow(p.descriptor())));
            return OK;
        }
        for (FormatProvider p : Labelport.create().formats().providers()) {
            FormatDescriptor d = p.descriptor();
            out.println(d.id() + (d.aliases().isEmpty() ? "" : " (" + String.join(", ", d.aliases()) + ")") + " — "
                    + d.displayName());
            out.println("  read: " + (d.canRead() ? "yes" : "no") + ", write: " + (d.canWrite() ? "yes" : "no")
                    + ", layout: " + d.layout().name().toLowerCase(Locale.ROOT) + ", items: "
                    + d.itemKinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", ")));
            out.println("  holds: " + d.geometryKinds().stream().sorted().map(GeometryKind::label).collect(Collectors.joining(", ")));
            out.println("  loses: " + d.losses());
            for (OptionSpec o : d.options()) {
                out.println("  --option " + o.name() + "=... (" + o.appliesTo().name().toLowerCase(Locale.ROOT) + ", default "
                        + o.defaultValue() + "): " + o.description());
            }
        }
        return OK;
    }

    /** The README's format table row for a format, generated from its descriptor. */
    static String markdownRow(FormatDescriptor d) {
        return "| " + d.displayName() + " | `" + d.id() + "`"
                + (d.aliases().isEmpty() ? "" : " (" + d.aliases().stream().map(x -> "`" + x + "`").collect(Collectors.joining(", ")) + ")")
                + " | " + (d.canRead() ? "yes" : "no") + " | " + (d.canWrite() ? "yes" : "no") + " | "
                + d.itemKinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", "))
                + " | " + d.geometryKinds().stream().sorted().map(GeometryKind::label).collect(Collectors.joining(", "))
                + " | " + d.losses() + " |";
    }

    /** Routes each KEY=VALUE to the reader, the writer, or both, by which of them knows KEY. */
    static Routed splitOptions(List<String> raw, FormatDescriptor reader, FormatDescriptor writer) {
        Map<String, String> r = new LinkedHashMap<>();
        Map<String, String> w = new LinkedHashMap<>();
        for (String kv : raw) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--option takes KEY=VALUE, got '" + kv + "'");
            }
            String key = kv.substring(0, eq).trim();
            String value = kv.substring(eq + 1);
            boolean forReader = reader.options().stream().anyMatch(o -> o.name().equals(key) && o.appliesToRead());
            boolean forWriter = writer != null && writer.options().stream().anyMatch(o -> o.name().equals(key) && o.appliesToWrite());
            if (!forReader && !forWriter) {
                throw new Args.UsageException("option '" + key + "' is not known to " + reader.id()
                        + (writer == null ? "" : " or " + writer.id()) + " (see 'labelport formats')");
            }
            if (forReader) {
                r.put(key, value);
            }
            if (forWriter) {
                w.put(key, value);
            }
        }
        return new Routed(r, w);
    }

    /** Options routed to each side. */
    record Routed(Map<String, String> reader, Map<String, String> writer) {
    }

    private static IdPolicy idPolicy(String s) {
        if (s == null) {
            return IdPolicy.KEEP;
        }
        return switch (s) {
            case "keep" -> IdPolicy.KEEP;
            case "renumber-from-1" -> IdPolicy.RENUMBER_FROM_1;
            case "renumber-from-0" -> IdPolicy.RENUMBER_FROM_0;
            default -> throw new Args.UsageException("--ids takes keep, renumber-from-1 or renumber-from-0, got '" + s + "'");
        };
    }

    private void writeReport(String file, ConversionReport report) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), report.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file, e);
        }
    }

    private void printSummary(ConversionReport r, String title) {
        printSummary(out, r, title);
    }

    private static void printSummary(PrintStream out, ConversionReport r, String title) {
        out.println(title);
        out.println("  items: " + r.itemsRead() + " read" + (r.to() == null ? "" : ", " + r.itemsWritten() + " written"));
        out.println("  annotations: " + r.annotationsRead() + " read" + (r.to() == null ? "" : ", " + r.annotationsWritten() + " written"));
        if (!r.geometryKinds().isEmpty()) {
            out.println("  by kind: " + counts(r.geometryKinds()));
        }
        if (!r.categories().isEmpty()) {
            out.println("  by category: " + counts(r.categories()));
        }
        if (r.losses().isEmpty()) {
            if (r.to() != null) {
                out.println("  losses: none");
            }
            return;
        }
        out.println("  losses:");
        for (LossEntry e : r.losses()) {
            out.println("    " + e.code().code() + " x" + e.count() + " (" + e.code().severity().name().toLowerCase(Locale.ROOT)
                    + "): " + e.code().description());
            for (LossEntry.Example ex : e.examples()) {
                out.println("      e.g. " + ex.location() + ": " + ex.detail());
            }
        }
    }

    private static String counts(Map<String, Long> m) {
        return m.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** {@code serve} and {@code export}: the export-job server and its client (converter-server). */
    private int server(String command, List<String> rest) throws InterruptedException {
        dev.labelport.server.ServerCommands c = new dev.labelport.server.ServerCommands(out, err, stderrIsTerminal());
        try {
            return command.equals("serve") ? c.serve(rest) : c.export(rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** Counts on one stderr line, redrawn at most every 200 ms, only on a terminal. */
    static final class Progress implements ConversionListener {
        private final PrintStream err;
        private final boolean enabled;
        private long lastDraw;
        private boolean drawn;

        Progress(PrintStream err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void itemWritten(long items, long annotations) {
            if (!enabled) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastDraw > 200_000_000L) {
                lastDraw = now;
                drawn = true;
                err.print("\r" + String.format(Locale.ROOT, "%,d items, %,d annotations", items, annotations));
                err.flush();
            }
        }

        void done() {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

}
