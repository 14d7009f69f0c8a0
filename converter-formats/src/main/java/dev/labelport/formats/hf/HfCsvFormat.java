package dev.labelport.formats.hf;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.formats.conll.TagScheme;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.MediaKind;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.Detection;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.OptionSpec;
import dev.labelport.spi.OptionSpec.Direction;
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hugging Face {@code datasets} CSV (and JSON Lines) for text and token classification: one file
 * per split in a folder. See the package documentation for the layout, options and decisions.
 */
public final class HfCsvFormat implements FormatProvider {
    /** The format id, also the key of the header and item extensions. */
    public static final String ID = "hf-csv";

    /** A value that is not text (a number, a list from JSON) written into a CSV cell as its JSON text. */
    public static final LossCode STRINGIFIED = LossCode.of("STRINGIFIED", LossCode.Severity.LOSS,
            "a non-text value was written into a CSV cell as its JSON text (it reads back as text)");

    /** The two tasks. */
    enum Task {
        TEXT("text-classification"), TOKEN("token-classification");

        final String id;

        Task(String id) {
            this.id = id;
        }

        static Task of(String s) {
            for (Task t : values()) {
                if (t.id.equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The two file flavours. */
    enum Flavour { CSV, JSONL }

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("task", Direction.BOTH, "auto",
                    "text-classification or token-classification; reading: auto = token-classification when a "
                            + "tokens/words column is present; writing: auto = as read, else from the first item"),
            new OptionSpec("flavour", Direction.BOTH, "auto",
                    "csv or jsonl; reading: auto = by extension, else by content; writing: auto = as read, else csv"),
            new OptionSpec("text-column", Direction.BOTH, "auto",
                    "the text column (text task: text, sentence, sentence1) or tokens column (token task: tokens, words); "
                            + "writing: auto = as read, else text / tokens"),
            new OptionSpec("label-column", Direction.BOTH, "auto",
                    "the label column (label, labels, target) or tags column (ner_tags, ner, tags); "
                            + "writing: auto = as read, else label / ner_tags"),
            new OptionSpec("id-column", Direction.BOTH, "auto",
                    "column holding item ids; reading: auto = id when present; writing: auto = as read, else none"),
            new OptionSpec("scheme", Direction.BOTH, "auto",
                    "tag scheme of token tags: auto, iob1, iob2 (bio), bioes (iobes, bilou), io or bare; reading: auto = "
                            + "detected from the first " + HfReader.SAMPLE_ROWS + " rows as CoNLL does; writing: auto = as read, else iob2"),
            new OptionSpec("label-names", Direction.READ, "",
                    "comma-separated ClassLabel names (id = position) for integer labels; default: dataset_info.json"),
            new OptionSpec("labels", Direction.WRITE, "auto",
                    "write labels/tags as names or ids (ClassLabel indices, names in dataset_info.json); auto = as read, else names"));

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("hf", "huggingface-csv"),
            "Hugging Face datasets CSV / JSON Lines", List.of("csv", "jsonl", "json"), FormatDescriptor.Layout.DIRECTORY,
            Set.of(MediaKind.TEXT), Set.of(GeometryKind.TAG, GeometryKind.TEXT_SPAN), true, true,
            "keeps text with whole-item labels (text task) or token-aligned, non-overlapping entity spans (token task), "
                    + "splits, extra columns; loses the other task's annotations, the text's whitespace in the token task, "
                    + "ids (unless an id column), attributes, scores and every other field",
            OPTIONS);

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * A folder: 90 with a {@code dataset_info.json} beside a split file ({@code train}, {@code
     * validation}, {@code test}... {@code .csv}/{@code .jsonl}), 70 with split files alone. A
     * file: 70 for a CSV header or JSON object with {@code tokens}/{@code words} and a tag column;
     * only 25 for a CSV header with a text and a label column and 20 for such a JSON object: a lone
     * {@code text,label} file is every text format's layout (Azure AutoML's text CSV claims it
     * with 30), and hf-csv's own output is a folder.
     */
    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            boolean split = false;
            boolean info = false;
            for (String e : probe.entries()) {
                if (e.indexOf('/') >= 0) {
                    continue;
                }
                info |= e.equals(HfReader.DATASET_INFO);
                String stem = e.contains(".") ? e.substring(0, e.lastIndexOf('.')) : e;
                split |= HfReader.KNOWN_SPLITS.contains(stem) && flavourOf(e) != null;
            }
            return !split ? 0 : info ? 90 : 70;
        }
        int own = fileScore(probe);
        return own > 0 && splitBesideDatasetInfo(probe) ? Math.max(own, 85) : own;
    }

    /** A split file ({@code train.csv}, ...) with {@code dataset_info.json} beside it: one file of the folder layout. */
    private static boolean splitBesideDatasetInfo(Detection probe) {
        java.nio.file.Path p = probe.path();
        java.nio.file.Path dir = p == null ? null : p.toAbsolutePath().getParent();
        String name = p == null || p.getFileName() == null ? "" : p.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return dir != null && HfReader.KNOWN_SPLITS.contains(stem) && flavourOf(name) != null
                && java.nio.file.Files.isRegularFile(dir.resolve(HfReader.DATASET_INFO));
    }

    private static int fileScore(Detection probe) {
        String text = probe.headText();
        String first = text.lines().findFirst().orElse("").strip();
        if (first.startsWith("{")) {
            boolean tokens = first.contains("\"tokens\"") || first.contains("\"words\"");
            boolean tags = first.contains("\"ner_tags\"") || first.contains("\"ner\"") || first.contains("\"tags\"");
            if (tokens && tags) {
                return 70;
            }
            return first.contains("\"text\"") && first.contains("\"label\"") && !first.contains("\"start_offset\"") ? 20 : 0;
        }
        if (first.indexOf(',') < 0 || first.indexOf('\0') >= 0) {
            return 0;
        }
        List<String> names = new ArrayList<>();
        for (String n : first.split(",", -1)) {
            names.add(n.strip().replace("\"", "").toLowerCase(Locale.ROOT));
        }
        if (names.stream().anyMatch(HfReader.TOKEN_COLUMNS::contains) && names.stream().anyMatch(HfReader.TAG_COLUMNS::contains)) {
            return 70;
        }
        if (names.stream().anyMatch(HfReader.TEXT_COLUMNS::contains) && names.stream().anyMatch(HfReader.LABEL_COLUMNS::contains)) {
            return 25;
        }
        return 0;
    }

    /** The flavour a file name's extension says, or {@code null}. */
    static Flavour flavourOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return Flavour.CSV;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".json") && !HfReader.NOT_SPLITS.contains(n)) {
            return Flavour.JSONL;
        }
        return null;
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToRead).toList());
        String names = o.get("label-names", "");
        HfReader.Settings s = new HfReader.Settings(task(o), flavour(o), column(o, "text-column"), column(o, "label-column"),
                column(o, "id-column"), scheme(o, null),
                names.isBlank() ? null : List.of(names.split(",", -1)).stream().map(String::strip).toList());
        return new HfReader(input, context, s);
    }

    @Override
    public ExportWriter createWriter(OutputFolder output, WriteContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToWrite).toList());
        String labels = o.get("labels", "auto").trim().toLowerCase(Locale.ROOT);
        Boolean ids = switch (labels) {
            case "auto" -> null;
            case "names" -> Boolean.FALSE;
            case "ids" -> Boolean.TRUE;
            default -> throw invalid("labels=" + labels + ": expected auto, names or ids");
        };
        return new HfWriter(output, context, new HfWriter.Settings(task(o), flavour(o), column(o, "text-column"),
                column(o, "label-column"), column(o, "id-column"), scheme(o, null), ids));
    }

    private static Task task(FormatOptions o) {
        String v = o.get("task", "auto").trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return null;
        }
        Task t = Task.of(v);
        if (t == null) {
            throw invalid("task=" + v + ": expected auto, text-classification or token-classification");
        }
        return t;
    }

    private static Flavour flavour(FormatOptions o) {
        String v = o.get("flavour", "auto").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto" -> null;
            case "csv" -> Flavour.CSV;
            case "jsonl", "json" -> Flavour.JSONL;
            default -> throw invalid("flavour=" + v + ": expected auto, csv or jsonl");
        };
    }

    private static String column(FormatOptions o, String key) {
        String v = o.get(key, "auto").strip();
        if (v.isEmpty()) {
            throw invalid(key + " is empty: give a column name or auto");
        }
        return v.equals("auto") ? null : v;
    }

    private static TagScheme scheme(FormatOptions o, TagScheme def) {
        String v = o.get("scheme", "auto");
        if (v.strip().equalsIgnoreCase("auto")) {
            return def;
        }
        TagScheme s = TagScheme.fromName(v);
        if (s == null) {
            throw invalid("scheme=" + v + ": expected one of auto, iob1, iob2, bio, bioes, iobes, bilou, io, bare");
        }
        return s;
    }

    private static LabelportException invalid(String detail) {
        return new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN, "option " + detail);
    }
}
