package dev.labelport.formats.avala;

import dev.labelport.internal.ZipMember;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.MediaKind;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.Detection;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.OptionSpec;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Avala grouped JSON export ({@code avala-json-external}): datasets with their items,
 * projects with their labels, and results (one item's annotations in one project) in separate
 * top-level arrays. See the package documentation for the layout and every decision taken.
 */
public final class AvalaFormat implements FormatProvider {
    /** The format id; also the key of this format's model extensions. */
    public static final String ID = "avala";
    /** The value of {@code export_info.format} and this format's alias. */
    public static final String EXPORT_FORMAT = "avala-json-external";

    static final String OPT_PRETTY = "pretty";
    static final String OPT_PROJECT_NAME = "project-name";
    static final String OPT_DATASET_NAME = "dataset-name";
    static final String DEFAULT_SYNTHESISED = "labelport";

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec(OPT_PRETTY, OptionSpec.Direction.WRITE, "false", "indent the JSON output"),
            new OptionSpec(OPT_PROJECT_NAME, OptionSpec.Direction.WRITE, DEFAULT_SYNTHESISED,
                    "uid and name of the project made up for categories that come from other formats"),
            new OptionSpec(OPT_DATASET_NAME, OptionSpec.Direction.WRITE, DEFAULT_SYNTHESISED,
                    "uid and name of the dataset made up for items that name no dataset"));

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of(EXPORT_FORMAT), "Avala grouped JSON",
            List.of("json", "zip"), FormatDescriptor.Layout.FILE, Set.of(MediaKind.IMAGE),
            EnumSet.of(GeometryKind.BOX, GeometryKind.POLYGON, GeometryKind.POLYLINE, GeometryKind.CUBOID,
                    GeometryKind.KEYPOINTS, GeometryKind.TAG),
            true, true,
            "no image size, media URI, split, status, score, crowd, group/track ids or category ids; "
                    + "masks, captions and text dropped; rotated boxes become polygons, points become keypoints, "
                    + "multi-part polygons one polygon per part, holes dropped",
            OPTIONS);

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }


    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            return 0;
        }
        if (probe.fileName().endsWith(".zip") && ZipMember.isZip(probe.path())) {
            byte[] inner = ZipMember.head(probe.path(), ".json", Detection.HEAD_BYTES);
            return inner.length == 0 ? 0 : Math.max(0, looksLikeAvala(new String(inner, StandardCharsets.UTF_8)) - 5);
        }
        return looksLikeAvala(probe.headText());
    }

    private static int looksLikeAvala(String text) {
        String head = text.startsWith("\uFEFF") ? text.substring(1).stripLeading() : text.stripLeading();
        if (!head.startsWith("{")) {
            return 0;
        }
        if (head.contains("\"scheme_version\"") || head.contains("\"" + EXPORT_FORMAT + "\"")) {
            return 90;
        }
        if (head.contains("\"datasets\"") && head.contains("\"results\"")) {
            return 90;
        }
        return 0;
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        context.options().requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToRead).toList());
        if (ZipMember.isZip(input)) { // exports are downloaded as a zip holding one JSON file
            return ZipMember.open(input, ".json", context, AvalaSource::open);
        }
        return AvalaSource.open(input, context);
    }

    @Override
    public ExportWriter createWriter(Path output, WriteContext context) {
        context.options().requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToWrite).toList());
        return new AvalaWriter(output, context);
    }
}
