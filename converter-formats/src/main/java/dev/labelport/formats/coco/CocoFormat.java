package dev.labelport.formats.coco;

import dev.labelport.Limits;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.internal.JsonSupport;
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
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * COCO object detection, segmentation, keypoints and captions JSON, and the COCO results array.
 * See the package documentation for the fields read and written and the decisions taken.
 */
public final class CocoFormat implements FormatProvider {
    static final OptionSpec FLAVOUR = new OptionSpec("flavour", OptionSpec.Direction.WRITE, "auto",
            "dataset (images/annotations/categories object) or results (a bare array of detections); auto keeps"
                    + " the flavour read from COCO, else dataset");
    static final OptionSpec PRETTY = new OptionSpec("pretty", OptionSpec.Direction.WRITE, "false",
            "indent the JSON output");

    static final OptionSpec SECTIONS = new OptionSpec("sections", OptionSpec.Direction.WRITE, "images-first",
            "images-first (the usual order; annotations are spilled to a temporary file and copied after the"
                    + " images) or annotations-first (images are spilled instead: far less disk traffic on big files;"
                    + " JSON key order means nothing to COCO readers)");

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor("coco", List.of("coco-json"), "COCO",
            List.of("json"), FormatDescriptor.Layout.FILE, Set.of(MediaKind.IMAGE),
            EnumSet.of(GeometryKind.BOX, GeometryKind.POLYGON, GeometryKind.MASK, GeometryKind.KEYPOINTS,
                    GeometryKind.CAPTION, GeometryKind.TAG),
            true, true,
            "rotated boxes become polygons; polylines, points, cuboids, text spans, token tags and polygon holes are"
                    + " dropped; annotator, status, timestamps, group and track ids are dropped",
            List.of(FLAVOUR, PRETTY, SECTIONS));

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }


    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            return 0;
        }
        byte[] head = probe.head();
        JsonParser p = null;
        int seen = 0;
        boolean images = false;
        try {
            p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), head, 0, head.length);
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                return p.nextToken() == JsonToken.START_OBJECT && hasTopLevelKey(p, "image_id") ? 70 : 0;
            }
            if (t != JsonToken.START_OBJECT) {
                return 0;
            }
            String name;
            while ((name = p.nextName()) != null) {
                switch (name) {
                    case "images" -> {
                        images = true;
                        seen++;
                    }
                    case "annotations", "categories" -> seen++;
                    default -> {
                        // another key
                    }
                }
                p.nextToken();
                p.skipChildren();
            }
            return score(images, seen);
        } catch (RuntimeException e) {
            // the head ends mid-file or is not JSON: judge by the keys seen so far
            return score(images, seen);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (RuntimeException ignored) {
                    // nothing to release
                }
            }
        }
    }

    private static int score(boolean images, int seen) {
        return images || seen >= 2 ? 90 : seen == 1 ? 50 : 0;
    }

    private static boolean hasTopLevelKey(JsonParser p, String key) {
        String name;
        while ((name = p.nextName()) != null) {
            if (name.equals(key)) {
                return true;
            }
            p.nextToken();
            p.skipChildren();
        }
        return false;
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        context.options().requireKnown(DESCRIPTOR.id(), DESCRIPTOR.options().stream().filter(OptionSpec::appliesToRead).toList());
        return CocoReader.open(input, context);
    }

    @Override
    public ExportWriter createWriter(Path output, WriteContext context) {
        context.options().requireKnown(DESCRIPTOR.id(), DESCRIPTOR.options().stream().filter(OptionSpec::appliesToWrite).toList());
        String flavour = context.options().get(FLAVOUR.name(), "auto").trim().toLowerCase(Locale.ROOT);
        CocoWriter.Flavour f = switch (flavour) {
            case "auto" -> null;
            case "dataset" -> CocoWriter.Flavour.DATASET;
            case "results" -> CocoWriter.Flavour.RESULTS;
            default -> throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "option flavour=" + flavour + ": expected dataset, results or auto");
        };
        boolean annotationsFirst = switch (context.options().get(SECTIONS.name(), "images-first").trim()) {
            case "images-first" -> false;
            case "annotations-first" -> true;
            default -> throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "option sections=" + context.options().get(SECTIONS.name(), "") + ": expected images-first or annotations-first");
        };
        return new CocoWriter(output, context, context.options().getBoolean(PRETTY.name(), false), f, annotationsFirst);
    }
}
