package dev.labelport.formats.voc;

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
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pascal VOC: a folder of {@code Annotations/<id>.xml} (one per image) with
 * {@code ImageSets/Main} split and per-class lists. See the package documentation for the fields,
 * the pixel conventions and the decisions taken.
 */
public final class VocFormat implements FormatProvider {
    /** The format id, also the key of VOC fields kept in extensions. */
    public static final String ID = "voc";

    /** A {@code <filename>} whose stem differs from its XML file's stem (a note: the id is the XML's stem). */
    public static final LossCode FILENAME_MISMATCH = LossCode.of("FILENAME_MISMATCH", LossCode.Severity.NOTE,
            "a VOC <filename> disagrees with the name of its XML file; the item id is the XML file's stem");
    /** An image whose size is unknown was written without {@code <size>} (a note: nothing was lost). */
    public static final LossCode MISSING_SIZE = LossCode.of("MISSING_SIZE", LossCode.Severity.NOTE,
            "the image size is unknown, so <size> was left out (VOC tools expect it; give image sizes)");

    /** A class whose name cannot be a file name gets no per-class lists (a note: readers derive them from the objects). */
    public static final LossCode NO_CLASS_LIST = LossCode.of("NO_CLASS_LIST", LossCode.Severity.NOTE,
            "no ImageSets/Main/<class>_<split>.txt for a class whose name cannot be a file name");

    static final OptionSpec PIXELS = new OptionSpec("pixels", OptionSpec.Direction.BOTH, "one-based",
            "how <bndbox> numbers map to pixel edges: one-based (VOC devkit, 1-based inclusive: x = xmin - 1,"
                    + " width = xmax - xmin + 1), zero-based (0-based inclusive: x = xmin, width = xmax - xmin + 1)"
                    + " or raw (edges as written: x = xmin, width = xmax - xmin)");
    static final OptionSpec DECIMALS = new OptionSpec("decimals", OptionSpec.Direction.WRITE, "auto",
            "write fractional box coordinates as decimals instead of rounding them to integers (ROUNDING): true,"
                    + " false, or auto (as read: a VOC source keeps its fractions, other sources are rounded)");
    static final OptionSpec CLASS_LISTS = new OptionSpec("class-lists", OptionSpec.Direction.WRITE, "true",
            "write ImageSets/Main/<class>_<split>.txt (1 present, 0 only difficult, -1 absent) for every split");

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("pascal-voc", "pascal_voc"),
            "Pascal VOC", List.of("xml"), FormatDescriptor.Layout.DIRECTORY, Set.of(MediaKind.IMAGE),
            EnumSet.of(GeometryKind.BOX, GeometryKind.TAG, GeometryKind.POINTS),
            true, true,
            "boxes are whole pixels (other formats' fractions rounded unless decimals=true); polygons and rotated boxes become"
                    + " their bounding boxes; other geometry, annotation ids, scores, crowd, track ids, annotator, status,"
                    + " timestamps, image URIs and metadata are dropped; categories are names only; images are not copied",
            List.of(PIXELS, DECIMALS, CLASS_LISTS));

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public int detect(Detection probe) {
        if (!probe.isDirectory()) {
            return scoreXml(probe.headText());
        }
        boolean annotations = false;
        boolean imageSets = false;
        String firstXml = null;
        for (String e : probe.entries()) {
            String lower = e.toLowerCase(Locale.ROOT);
            if (lower.startsWith("annotations/") && lower.endsWith(".xml") && e.indexOf('/', 12) < 0) {
                annotations = true;
                firstXml = firstXml == null ? e : firstXml;
            } else if (e.startsWith("ImageSets/Main/") && lower.endsWith(".txt")) {
                imageSets = true;
            } else if (lower.endsWith(".xml") && firstXml == null && e.chars().filter(c -> c == '/').count() <= 1) {
                firstXml = e;
            }
        }
        if (firstXml == null) {
            return 0;
        }
        int content = scoreXml(head(probe.path().resolve(firstXml)));
        if (annotations) {
            return Math.max(content, imageSets ? 90 : 80);
        }
        return content >= 80 ? 70 : 0;
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A VOC file has an {@code <annotation>} root; {@code <bndbox>} tells it from LabelMe XML. */
    private static int scoreXml(String head) {
        if (!head.contains("<annotation")) {
            return 0;
        }
        if (head.contains("<bndbox")) {
            return 85;
        }
        return head.contains("<size") || head.contains("<segmented") ? 80 : 30;
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, DESCRIPTOR.options().stream().filter(OptionSpec::appliesToRead).toList());
        return VocReader.open(input, context, pixels(o));
    }

    @Override
    public ExportWriter createWriter(OutputFolder output, WriteContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, DESCRIPTOR.options().stream().filter(OptionSpec::appliesToWrite).toList());
        return new VocWriter(output, context, pixels(o), "auto".equals(o.get(DECIMALS.name(), "auto").trim()) ? null
                : Boolean.valueOf(o.getBoolean(DECIMALS.name(), false)),
                o.getBoolean(CLASS_LISTS.name(), true));
    }

    private static PixelConvention pixels(FormatOptions o) {
        return o.getEnum(PIXELS.name(), PixelConvention.class, PixelConvention.ONE_BASED);
    }
}
