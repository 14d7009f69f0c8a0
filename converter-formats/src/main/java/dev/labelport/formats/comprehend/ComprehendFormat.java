package dev.labelport.formats.comprehend;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Amazon Comprehend training data: custom entity recognition (annotations CSV with its documents,
 * entity list, SageMaker Ground Truth augmented manifest) and custom classification
 * ({@code label,text} CSV). See the package documentation for the layout, options and decisions.
 */
public final class ComprehendFormat implements FormatProvider {
    /** The format id, also the key of the header and item extensions. */
    public static final String ID = "comprehend";

    /** A span whose edges look one character off (edge whitespace, or cutting a word): kept as given. */
    public static final LossCode SUSPECT_SPAN = LossCode.of("SUSPECT_SPAN", LossCode.Severity.NOTE,
            "a span starts or ends on whitespace or inside a word (an off-by-one offset?): kept as given");
    /** A span whose edge whitespace was trimmed on read ({@code span-check=trim}). */
    public static final LossCode TRIMMED_SPAN = LossCode.of("TRIMMED_SPAN", LossCode.Severity.NOTE,
            "whitespace at the edge of a span was left out of it (span-check=trim)");
    /** A line break inside a one-document-per-line document, written as a space. */
    public static final LossCode REPLACED_LINE_BREAK = LossCode.of("REPLACED_LINE_BREAK", LossCode.Severity.LOSS,
            "a line break inside a document was written as a space (document-mode=line keeps one document per line)");
    /** A label that contains the label delimiter: it reads back as several labels. */
    public static final LossCode SPLIT_LABEL = LossCode.of("SPLIT_LABEL", LossCode.Severity.LOSS,
            "a class label containing the label delimiter reads back as several labels");

    /** Which Comprehend model the data trains. */
    enum Task { AUTO, ENTITIES, CLASSIFICATION }

    /** How entity annotations are stored. */
    enum Flavour { AUTO, CSV, MANIFEST }

    /** {@code ONE_DOC_PER_LINE} or {@code ONE_DOC_PER_FILE}. */
    enum DocumentMode { AUTO, LINE, FILE }

    /** What the reader does with a span whose edges look off by one. */
    enum SpanCheck { REPORT, TRIM, ERROR }

    /** The options, resolved. */
    record Settings(Task task, Flavour flavour, DocumentMode documentMode, String labelDelimiter, SpanCheck spanCheck,
                    String attribute) {
    }

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("task", Direction.BOTH, "auto",
                    "entities or classification; reading: auto detects; writing: auto = as read, else classification "
                            + "when the first item carries only tags, else entities"),
            new OptionSpec("flavour", Direction.BOTH, "auto",
                    "entities stored as csv (annotations CSV + documents) or manifest (augmented manifest JSON Lines); "
                            + "writing: auto = as read, else csv"),
            new OptionSpec("document-mode", Direction.BOTH, "auto",
                    "line (ONE_DOC_PER_LINE) or file (ONE_DOC_PER_FILE); reading: auto = line when the CSV has a Line "
                            + "column; writing: auto = as read, else line"),
            new OptionSpec("label-delimiter", Direction.BOTH, "|", "separator of the labels of a multi-label classification row"),
            new OptionSpec("span-check", Direction.READ, "report",
                    "a span starting or ending on whitespace or inside a word (AWS's own off-by-one example): "
                            + "report (a note, kept as given), trim (edge whitespace left out, noted) or error (a located error)"),
            new OptionSpec("attribute", Direction.BOTH, "auto",
                    "label attribute of an augmented manifest; reading: auto = the member holding annotations; "
                            + "writing: auto = as read, else labels"));

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("amazon-comprehend"),
            "Amazon Comprehend (entities, classification)", List.of("csv", "manifest", "jsonl", "txt"),
            FormatDescriptor.Layout.DIRECTORY, Set.of(MediaKind.TEXT), Set.of(GeometryKind.TEXT_SPAN, GeometryKind.TAG),
            true, true,
            "keeps text, non-overlapping typed entity spans (or class labels) and document file names; loses "
                    + "overlapping spans (first/longest kept), line breaks in one-document-per-line mode, ids, "
                    + "attributes, scores and every other field",
            OPTIONS);

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Folder: 90 with an annotations CSV ({@code File, Line, Begin Offset, End Offset, Type}), 85
     * with an entity list or an augmented manifest. File: 90 for an annotations CSV (its documents
     * are looked up beside it), 85 for an entity list or an augmented
     * manifest line (a {@code source} and a member with {@code annotations.entities}), 25 for a
     * CSV of {@code label,text} rows (a weak guess: the classifier CSV has no header).
     */
    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            int best = 0;
            for (String e : probe.entries()) {
                Path p = probe.path().resolve(e);
                String lower = e.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".csv")) {
                    Sniff.Kind k = Sniff.csvKind(Sniff.head(p));
                    best = Math.max(best, k == Sniff.Kind.ANNOTATIONS ? 90 : k == Sniff.Kind.ENTITY_LIST ? 85 : 0);
                } else if (lower.endsWith(".manifest") || lower.endsWith(".jsonl")) {
                    best = Math.max(best, Sniff.isEntityManifest(Sniff.head(p)) ? 85 : 0);
                }
            }
            return best;
        }
        String head = probe.headText();
        if (Sniff.isEntityManifest(head)) {
            return 85;
        }
        Sniff.Kind k = Sniff.csvKind(head);
        if (k == Sniff.Kind.CLASSIFICATION && startsWithAHeader(head)) {
            return 0; // Comprehend's classifier CSV has no header; label,sentence1,... is someone else's (HF, Azure)
        }
        // an annotations CSV alone is read with the documents it names beside it
        return k == Sniff.Kind.ANNOTATIONS ? 90 : k == Sniff.Kind.ENTITY_LIST ? 85 : k == Sniff.Kind.CLASSIFICATION ? 25 : 0;
    }

    private static final java.util.regex.Pattern HEADER_CELL = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_ #.-]{0,40}");
    private static final Set<String> HEADER_WORDS = Set.of("label", "labels", "text", "sentence", "sentence1", "sentence2",
            "class", "category", "target", "question", "idx", "id");

    /** Whether the first line is a header: column names only, one of them a usual text or label column. */
    static boolean startsWithAHeader(String head) {
        String first = head.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        boolean known = false;
        for (String cell : first.split(",", -1)) {
            String c = cell.strip();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            if (!HEADER_CELL.matcher(c).matches()) {
                return false;
            }
            known |= HEADER_WORDS.contains(c.toLowerCase(Locale.ROOT));
        }
        return known;
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToRead).toList());
        Settings s = settings(o);
        Sniff.Found f = Sniff.find(input, context.sourceName(), s);
        return switch (f.kind()) {
            case ANNOTATIONS -> Files.isDirectory(input) ? new EntityCsvSource(input, f.file(), context, s)
                    : EntityCsvSource.alone(f.file(), context, s);
            case MANIFEST -> new ManifestSource(f.file(), sourceName(input, f.file(), context), context, s);
            case ENTITY_LIST -> new EntityListSource(f.file(), sourceName(input, f.file(), context), context);
            case CLASSIFICATION, NONE -> new ClassificationSource(f.file(), sourceName(input, f.file(), context), context, s);
        };
    }

    /** The name in locations: the source name for a file, {@code <source>/<file>} inside a folder. */
    static String sourceName(Path root, Path file, ReadContext ctx) {
        return file.equals(root) || !Files.isDirectory(root) ? ctx.sourceName()
                : ctx.sourceName() + "/" + root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public ExportWriter createWriter(OutputFolder output, WriteContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToWrite).toList());
        return new ComprehendWriter(output, context, settings(o));
    }

    private static Settings settings(FormatOptions o) {
        String delimiter = o.get("label-delimiter", "|");
        if (delimiter.isEmpty() || delimiter.indexOf(',') >= 0 || delimiter.indexOf('\n') >= 0 || delimiter.indexOf('"') >= 0) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "option label-delimiter=" + delimiter + ": expected a non-empty string without comma, quote or line break");
        }
        String attribute = o.get("attribute", "auto").trim();
        return new Settings(o.getEnum("task", Task.class, Task.AUTO), o.getEnum("flavour", Flavour.class, Flavour.AUTO),
                o.getEnum("document-mode", DocumentMode.class, DocumentMode.AUTO), delimiter,
                o.getEnum("span-check", SpanCheck.class, SpanCheck.REPORT), attribute.equals("auto") ? null : attribute);
    }
}
