package dev.labelport.formats.vertex;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Google Vertex AI dataset import files: image classification and object detection, text
 * classification and entity extraction, as JSON Lines or CSV. See the package documentation for
 * the layouts, options and decisions.
 */
public final class VertexFormat implements SequentialFileFormat {
    /** The format id, also the key of the header, item and annotation extensions. */
    public static final String ID = "vertex";

    /** A text segment whose {@code content} differs from the text its offsets cover (reader, span-mismatch=report). */
    public static final LossCode SPAN_TEXT_MISMATCH = LossCode.of("SPAN_TEXT_MISMATCH", LossCode.Severity.LOSS,
            "a text segment's content differs from the text its offsets cover: the offsets were kept, the content dropped");
    /** Items whose text is in Cloud Storage ({@code textGcsUri}): read with empty text. */
    public static final LossCode TEXT_NOT_INLINE = LossCode.of("TEXT_NOT_INLINE", LossCode.Severity.NOTE,
            "the text is in Cloud Storage (textGcsUri): the item has empty text and its segments are kept in the vertex extension only");
    /** A normalised coordinate outside [0, 1] was written as it is (Vertex refuses it on import). */
    public static final LossCode OUTSIDE_IMAGE = LossCode.of("OUTSIDE_IMAGE", LossCode.Severity.NOTE,
            "a box reaches outside the image (a coordinate outside [0, 1]); written as it is (clamp=true clamps it)");

    static final OptionSpec FLAVOUR = new OptionSpec("flavour", Direction.WRITE, "auto",
            "jsonl or csv; auto = the flavour read from Vertex, else jsonl (the only one holding text segments)");
    static final OptionSpec TASK = new OptionSpec("task", Direction.WRITE, "auto",
            "csv only: detection (one row per box) or classification (one row per item, labels in columns); auto = as read,"
                    + " else the first item with a box or label decides");
    static final OptionSpec GCS_PREFIX = new OptionSpec("gcs-prefix", Direction.WRITE, "",
            "prepended to the file name of items without a uri (e.g. gs://bucket/images/)");
    static final OptionSpec CLAMP = new OptionSpec("clamp", Direction.WRITE, "false",
            "clamp box coordinates into [0, 1] (reported as CLAMPED); otherwise they are written as they are and noted");
    static final OptionSpec OFFSET_UNIT = new OptionSpec("offset-unit", Direction.BOTH, "code-points",
            "what startOffset/endOffset count: code-points (characters, as Vertex documents them), utf16 or utf8 (bytes)");
    static final OptionSpec END_OFFSET = new OptionSpec("end-offset", Direction.BOTH, "exclusive",
            "exclusive (the TextSegment schema: endOffset is the first character after the segment) or inclusive");
    static final OptionSpec SPAN_MISMATCH = new OptionSpec("span-mismatch", Direction.READ, "fail",
            "a segment whose content differs from the text at its offsets: fail (located error) or report (SPAN_TEXT_MISMATCH)");
    static final OptionSpec MEDIA = new OptionSpec("media", Direction.READ, "auto",
            "csv only: what the first column names: image, text, or auto (an image file name or path is an image, else text)");

    static final List<OptionSpec> OPTIONS = List.of(FLAVOUR, TASK, GCS_PREFIX, CLAMP, OFFSET_UNIT, END_OFFSET,
            SPAN_MISMATCH, MEDIA);

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("vertex-ai", "gcp-vertex"),
            "Google Vertex AI import (JSONL / CSV)", List.of("jsonl", "csv"), FormatDescriptor.Layout.FILE,
            Set.of(MediaKind.IMAGE, MediaKind.TEXT), EnumSet.of(GeometryKind.BOX, GeometryKind.TAG, GeometryKind.TEXT_SPAN),
            true, true,
            "keeps normalised boxes, labels, text segments and the split; other shapes become boxes; image sizes, ids,"
                    + " scores, attributes and every other field are dropped; the CSV flavour drops text segments",
            OPTIONS);

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean writesNormalized() {
        return true;
    }

    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            return 0;
        }
        return VertexDetection.score(probe.headText(), probe.head().length >= Detection.HEAD_BYTES, probe.fileName());
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToRead).toList());
        ReadSettings s = new ReadSettings(o.getEnum(OFFSET_UNIT.name(), OffsetUnit.class, OffsetUnit.CODE_POINTS),
                inclusive(o), o.getEnum(SPAN_MISMATCH.name(), Mismatch.class, Mismatch.FAIL),
                o.getEnum(MEDIA.name(), Media.class, Media.AUTO));
        return VertexSource.open(input, context, s);
    }

    @Override
    public ExportWriter createWriter(WriteTarget output, WriteContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToWrite).toList());
        String flavour = o.get(FLAVOUR.name(), "auto").trim().toLowerCase(Locale.ROOT);
        if (!flavour.equals("auto") && !flavour.equals("jsonl") && !flavour.equals("csv")) {
            throw invalidOption(FLAVOUR, flavour, "auto, jsonl or csv");
        }
        String task = o.get(TASK.name(), "auto").trim().toLowerCase(Locale.ROOT);
        if (!task.equals("auto") && !task.equals("detection") && !task.equals("classification")) {
            throw invalidOption(TASK, task, "auto, detection or classification");
        }
        WriteSettings s = new WriteSettings(flavour.equals("auto") ? null : flavour, task.equals("auto") ? null : task,
                o.get(GCS_PREFIX.name(), ""), o.getBoolean(CLAMP.name(), false),
                o.getEnum(OFFSET_UNIT.name(), OffsetUnit.class, OffsetUnit.CODE_POINTS), inclusive(o));
        return new VertexWriter(output, context, s);
    }

    private static boolean inclusive(FormatOptions o) {
        String v = o.get(END_OFFSET.name(), "exclusive").trim().toLowerCase(Locale.ROOT);
        if (!v.equals("exclusive") && !v.equals("inclusive")) {
            throw invalidOption(END_OFFSET, v, "exclusive or inclusive");
        }
        return v.equals("inclusive");
    }

    private static LabelportException invalidOption(OptionSpec spec, String value, String expected) {
        return new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                "option " + spec.name() + "=" + value + ": expected " + expected);
    }

    /** What to do with a segment whose {@code content} disagrees with its offsets. */
    enum Mismatch { FAIL, REPORT }

    /** What the first column of a CSV row names. */
    enum Media { AUTO, IMAGE, TEXT }

    /** The reader options, resolved. */
    record ReadSettings(OffsetUnit unit, boolean inclusiveEnd, Mismatch mismatch, Media media) {
    }

    /** The writer options, resolved; {@code null} flavour or task = decide from the data. */
    record WriteSettings(String flavour, String task, String gcsPrefix, boolean clamp, OffsetUnit unit, boolean inclusiveEnd) {
    }
}
