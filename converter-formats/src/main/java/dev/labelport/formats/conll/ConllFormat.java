package dev.labelport.formats.conll;

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
import dev.labelport.spi.OptionSpec;
import dev.labelport.spi.OptionSpec.Direction;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import dev.labelport.internal.SequentialFileFormat;
import dev.labelport.internal.WriteTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * CoNLL-2003 / TSV-IOB token tagging: one token per line, a blank line between sentences. See
 * the package documentation for the layout, options and decisions.
 */
public final class ConllFormat implements SequentialFileFormat {
    /** The format id, also the key of the header and item extensions. */
    public static final String ID = "conll";

    /** Spans a writer could not keep apart in a scheme without chunk boundaries ({@code io}, {@code bare}). */
    public static final LossCode MERGED_SPANS = LossCode.of("MERGED_SPANS", LossCode.Severity.LOSS,
            "spans the tag scheme cannot tell apart were merged or lost (adjacent spans of one type in io/bare)");
    /** Whitespace in a token, column or category replaced with {@code _} because it separates columns. */
    public static final LossCode REPLACED_WHITESPACE = LossCode.of("REPLACED_WHITESPACE", LossCode.Severity.LOSS,
            "whitespace inside a token, column or category name was written as _ (it separates columns)");

    /** Noted when detection met chunks starting with both B- and I- and chose iob1 (conlleval's reading). */
    public static final LossCode MIXED_CHUNK_STARTS = LossCode.of("MIXED_CHUNK_STARTS", LossCode.Severity.NOTE,
            "chunks start with B- and with I- in one file: decoded as iob1, as conlleval reads them");

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("scheme", Direction.BOTH, "auto",
                    "tag scheme: auto, iob1, iob2 (bio), bioes (iobes, bilou), io or bare; "
                            + "reading: auto detects from the first " + ConllReader.SAMPLE_LINES + " token lines; "
                            + "writing: auto = as read, else iob2"),
            new OptionSpec("repair", Direction.READ, "false",
                    "repair invalid tag sequences conlleval-style (start a new chunk) and report them instead of failing"),
            new OptionSpec("token-column", Direction.READ, "0", "0-based column of the token (negative counts from the end)"),
            new OptionSpec("tag-column", Direction.READ, "-1", "0-based column of the tag; -1 = last (negative counts from the end)"),
            new OptionSpec("separator", Direction.BOTH, "auto",
                    "auto, tab or space; reading: auto = tab if a sampled token line has a tab; writing: auto = as read, else space"));

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("tsv-iob"), "CoNLL / TSV-IOB",
            List.of("conll", "txt", "tsv", "iob", "bio"), FormatDescriptor.Layout.FILE, Set.of(MediaKind.TEXT),
            Set.of(GeometryKind.TEXT_SPAN), true, true,
            "keeps token-aligned, non-overlapping entity spans with their type and the token columns; "
                    + "loses original whitespace, ids, attributes, scores and every other field",
            OPTIONS);

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }


    /**
     * 90 when a {@code -DOCSTART-} line is among mostly tagged lines; 80 when at least 80% of the
     * non-blank lines have two or more columns whose last looks like a tag ({@code O},
     * {@code B-X}, {@code I-X}, {@code E-X}, {@code S-X}, also L/U and lower case); else 0.
     */
    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            return 0;
        }
        String[] lines = probe.headText().split("\n", -1);
        // a full head may end inside a line (or inside a character): leave that line out
        int usable = probe.head().length >= Detection.HEAD_BYTES ? lines.length - 1 : lines.length;
        int nonBlank = 0;
        int tagged = 0;
        boolean docstart = false;
        for (int i = 0; i < usable; i++) {
            String line = lines[i];
            if (line.indexOf('\0') >= 0 || line.indexOf('\uFFFD') >= 0) {
                return 0; // binary, or not UTF-8
            }
            if (Separator.isBlank(line)) {
                continue;
            }
            nonBlank++;
            if (Separator.isDocstart(line)) {
                docstart = true;
                tagged++;
                continue;
            }
            List<String> fields = Separator.SPACE.split(line.strip());
            if (fields.size() >= 2 && looksLikeTag(fields.get(fields.size() - 1))) {
                tagged++;
            }
        }
        if (nonBlank == 0) {
            return 0;
        }
        if (docstart && tagged * 2 >= nonBlank) {
            return 90;
        }
        return tagged * 10 >= nonBlank * 8 ? 80 : 0;
    }

    private static boolean looksLikeTag(String s) {
        if (s.equals("O")) {
            return true;
        }
        return s.length() >= 3 && TagNotation.letter(s.charAt(0)) != 0 && s.charAt(1) == '-' && !Separator.isBlank(s.substring(2));
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToRead).toList());
        ConllReader.Settings s = new ConllReader.Settings(scheme(o), separator(o), o.getBoolean("repair", false),
                o.getInt("token-column", 0, -1000, 1000), o.getInt("tag-column", -1, -1000, 1000));
        if (s.tokenColumn() == s.tagColumn()) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "token-column and tag-column must differ: both are " + s.tokenColumn());
        }
        return new ConllReader(input, context, s);
    }

    @Override
    public ExportWriter createWriter(WriteTarget output, WriteContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToWrite).toList());
        return new ConllWriter(output, context, new ConllWriter.Settings(scheme(o), separator(o)));
    }

    private static TagScheme scheme(FormatOptions o) {
        String v = o.get("scheme", "auto");
        if (v.equalsIgnoreCase("auto")) {
            return null;
        }
        TagScheme s = TagScheme.fromName(v);
        if (s == null) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "option scheme=" + v + ": expected one of auto, iob1, iob2, bio, bioes, iobes, bilou, io, bare");
        }
        return s;
    }

    private static Separator separator(FormatOptions o) {
        String v = o.get("separator", "auto").trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("auto")) {
            return null;
        }
        Separator s = Separator.fromId(v);
        if (s == null) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "option separator=" + v + ": expected one of auto, tab, space");
        }
        return s;
    }
}
