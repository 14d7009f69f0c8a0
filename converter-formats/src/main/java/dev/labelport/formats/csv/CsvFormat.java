package dev.labelport.formats.csv;

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
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Generic annotation CSV: one row per annotation with a header row, in Labelport's own column
 * set or one of the TensorFlow, VoTT and Open Images presets. See the package documentation for
 * the columns, options and decisions.
 */
public final class CsvFormat implements SequentialFileFormat {
    /** The format id, also the key of the header, item and annotation extensions. */
    public static final String ID = "csv";

    /** Noted once per file whose rows of one item are not consecutive (they are regrouped). */
    public static final LossCode REGROUPED_ROWS = LossCode.of("REGROUPED_ROWS", LossCode.Severity.NOTE,
            "rows of one item were not consecutive: they were grouped, items in the order of their first row");
    /** Noted when {@code units=auto} read a TensorFlow CSV as normalised coordinates. */
    public static final LossCode UNITS_DETECTED = LossCode.of("UNITS_DETECTED", LossCode.Severity.NOTE,
            "a TensorFlow CSV whose corners all lie within [0, 1] was read as normalised coordinates");

    /** How a TensorFlow CSV's corners are read. */
    enum Units { AUTO, PIXELS, NORMALIZED }

    /** Writer choices; {@code null} fields mean "as read, else the default". */
    record WriterSettings(Preset preset, Boolean crlf, Boolean bom, Boolean quoteStrings) {
    }

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("preset", Direction.WRITE, "auto",
                    "column layout written: labelport, tensorflow, vott or openimages; auto = as read, else labelport"),
            new OptionSpec("read-preset", Direction.READ, "auto",
                    "column layout read: auto (detected from the header), labelport, tensorflow, vott or openimages "
                            + "(a separate key, so that --option preset=vott converts a labelport CSV into VoTT)"),
            new OptionSpec("units", Direction.READ, "auto",
                    "tensorflow preset only: pixels, normalized, or auto (normalised when every corner is within [0, 1] "
                            + "and one is fractional)"),
            new OptionSpec("images", Direction.READ, "(the CSV's folder)",
                    "folder whose image headers give sizes when a conversion needs pixels (Open Images: <ImageID>.jpg/.jpeg/.png); "
                            + "relative to the CSV's folder"),
            new OptionSpec("line-ending", Direction.WRITE, "auto", "lf, crlf, or auto (as read, else lf)"),
            new OptionSpec("bom", Direction.WRITE, "auto", "write a UTF-8 byte-order mark: true, false, or auto (as read, else false)"),
            new OptionSpec("quote", Direction.WRITE, "auto",
                    "minimal (RFC 4180: only cells that need it), strings (every non-number cell, as VoTT does), "
                            + "or auto (strings when the header read was quoted, else minimal)"));

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("annotation-csv"), "Annotation CSV",
            List.of("csv"), FormatDescriptor.Layout.FILE, Set.of(MediaKind.IMAGE),
            EnumSet.of(GeometryKind.BOX, GeometryKind.ROTATED_BOX, GeometryKind.POLYGON, GeometryKind.POLYLINE,
                    GeometryKind.POINTS, GeometryKind.KEYPOINTS, GeometryKind.MASK, GeometryKind.CUBOID, GeometryKind.TAG,
                    GeometryKind.CAPTION), true, true,
            "labelport preset: text items and spans, dataset name and unused categories; tensorflow/vott/openimages "
                    + "presets: boxes only (shapes become their bounding box), no ids, attributes, scores (except "
                    + "Open Images Confidence and flags), status, timestamps or items without annotations",
            OPTIONS);

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** 90 when the first record is a header of one of the presets; else 0. */
    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            return 0;
        }
        String text = probe.headText();
        if (text.indexOf('\0') >= 0) {
            return 0;
        }
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        try (CSVParser p = CsvReader.DIALECT.parse(new StringReader(first))) {
            Iterator<CSVRecord> it = p.iterator();
            if (!it.hasNext()) {
                return 0;
            }
            List<String> names = new ArrayList<>();
            for (String s : it.next()) {
                names.add(s.strip());
            }
            return Preset.detect(names) != null ? 90 : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToRead).toList());
        String images = o.get("images", null);
        return new CsvReader(input, context, preset(o, "read-preset"), o.getEnum("units", Units.class, Units.AUTO), images);
    }

    @Override
    public ExportWriter createWriter(WriteTarget output, WriteContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToWrite).toList());
        String le = choice(o, "line-ending", "lf", "crlf");
        String bom = choice(o, "bom", "false", "true");
        String quote = choice(o, "quote", "minimal", "strings");
        return new CsvWriter(output, context, new WriterSettings(preset(o, "preset"), le == null ? null : le.equals("crlf"),
                bom == null ? null : bom.equals("true"), quote == null ? null : quote.equals("strings")));
    }

    /** Pixels for every preset but Open Images, whose writer divides by the item's size itself. */
    @Override
    public boolean writesNormalized() {
        return false;
    }

    private static Preset preset(FormatOptions o, String key) {
        String v = o.get(key, "auto");
        if (v.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        Preset p = Preset.named(v);
        if (p == null) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "option " + key + "=" + v + ": expected one of auto, labelport, tensorflow, vott, openimages");
        }
        return p;
    }

    /** {@code null} for auto, else one of the two values. */
    private static String choice(FormatOptions o, String key, String a, String b) {
        String v = o.get(key, "auto").trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return null;
        }
        if (v.equals(a) || v.equals(b)) {
            return v;
        }
        throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                "option " + key + "=" + v + ": expected auto, " + a + " or " + b);
    }
}
