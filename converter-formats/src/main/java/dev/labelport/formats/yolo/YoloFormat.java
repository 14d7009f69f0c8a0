package dev.labelport.formats.yolo;

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
 * YOLO label folders (Ultralytics, Darknet / CVAT "YOLO 1.1", plain): detect, segment, pose,
 * OBB and classify. See the package documentation for layouts, options and decisions.
 */
public final class YoloFormat implements FormatProvider {
    /** The format id, also the key of the header and annotation extensions. */
    public static final String ID = "yolo";

    /**
     * A normalised coordinate outside [0, 1] was written as it is (trainers may reject the line).
     * A note, not a loss: the value is kept, so a YOLO → YOLO write of such a file passes strict
     * mode; {@code clamp=true} clamps instead and reports the loss as {@code CLAMPED}.
     */
    public static final LossCode OUT_OF_RANGE = LossCode.of("OUT_OF_RANGE", LossCode.Severity.NOTE,
            "a normalised coordinate outside [0, 1] was written as it is (clamp=true clamps it)");
    /** An annotation whose category is missing from the names file given with classes=PATH was left out. */
    public static final LossCode UNKNOWN_CLASS = LossCode.of("UNKNOWN_CLASS", LossCode.Severity.LOSS,
            "an annotation whose category is not in the given names file (or has no category) was left out");
    /** A split declared in data.yaml or obj.data was not found; splits were taken from the folder names. */
    public static final LossCode SPLIT_NOT_FOUND = LossCode.of("SPLIT_NOT_FOUND", LossCode.Severity.NOTE,
            "a split path declared in data.yaml / obj.data does not exist; the whole folder was read instead");
    /** A classify write could not lay some images out in class folders (or was asked not to): they are only listed. */
    public static final LossCode IMAGES_NOT_COPIED = LossCode.of("IMAGES_NOT_COPIED", LossCode.Severity.NOTE,
            "a classify write lists <split>/<class>/<image> in classify/<split>.txt; these images were not copied"
                    + " into the class folders (unreachable, a name taken, or classify-images=list)");

    /** classify-images asked for links the output cannot make (a zip, another file system): the images were copied. */
    public static final LossCode LINKS_COPIED = LossCode.of("LINKS_COPIED", LossCode.Severity.NOTE,
            "classify-images=hardlink|symlink: the output cannot link to the source's images, so they were copied");

    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("task", Direction.BOTH, "auto",
                    "detect, segment, pose, obb or classify; reading: auto detects it from the layout, data.yaml and "
                            + "the first label line; writing: auto = as read, else from the first annotation"),
            new OptionSpec("layout", Direction.WRITE, "auto",
                    "ultralytics (data.yaml, images/ + labels/), darknet (obj.data, obj.names, train.txt, obj_train_data/) "
                            + "or plain (labels next to images, classes.txt); auto = as read, else ultralytics"),
            new OptionSpec("classes", Direction.WRITE, "by-id",
                    "class index of each category: by-id (as read from YOLO; else the rank in category id order), "
                            + "by-name (rank in name order) or a path to a names file (line i = class i)"),
            new OptionSpec("precision", Direction.WRITE, "auto",
                    "decimals of the normalised coordinates: 0-20, shortest (the shortest decimal that reads back as the"
                            + " same double), or auto (6; shortest when the YOLO files read had more than 6 decimals)"),
            new OptionSpec("clamp", Direction.WRITE, "false",
                    "clamp coordinates into [0, 1] (reported as CLAMPED) instead of writing them as they are (OUT_OF_RANGE)"),
            new OptionSpec("predictions", Direction.WRITE, "auto",
                    "write each annotation's score as a trailing confidence column; auto = as read"),
            new OptionSpec("classify-images", Direction.WRITE, "copy",
                    "task classify: lay the source's images out as <split>/<class>/<image> by copy, hardlink or symlink"
                            + " (a link that cannot be made is a copy), or list (only classify/<split>.txt manifests)"),
            new OptionSpec("kpt-shape", Direction.BOTH, "auto",
                    "keypoints per instance and values per keypoint, e.g. 17x3 (pose); auto = from data.yaml / the items"));

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("ultralytics", "darknet"),
            "YOLO (Ultralytics / Darknet)", List.of("txt", "yaml"), FormatDescriptor.Layout.DIRECTORY,
            Set.of(MediaKind.IMAGE),
            Set.of(GeometryKind.BOX, GeometryKind.POLYGON, GeometryKind.KEYPOINTS, GeometryKind.ROTATED_BOX, GeometryKind.TAG),
            true, true,
            "keeps class indices, normalised boxes, one-ring polygons, keypoints, OBB corners, splits and scores "
                    + "(predictions); loses ids, attributes, crowd flags, holes and extra polygon parts, masks (task segment writes the polygon of their pixel outline), "
                    + "captions, image sizes, metadata and workflow fields; coordinates are rounded to 6 decimals (longer ones read from YOLO are kept)",
            OPTIONS);

    /** What a YOLO dataset is labelled for; decides the shape of each label line. */
    public enum Task {
        DETECT, SEGMENT, POSE, OBB, CLASSIFY;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Task fromId(String s) {
            return byId(Task.class, s);
        }
    }

    /** How the files of a dataset are laid out. */
    public enum Layout {
        ULTRALYTICS, DARKNET, PLAIN;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Layout fromId(String s) {
            return byId(Layout.class, s);
        }
    }

    /** The constant whose lower-case name is {@code id}, or {@code null}. */
    private static <E extends Enum<E>> E byId(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(id)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean writesNormalized() {
        return true;
    }

    /**
     * Directories only: 95 with a {@code data.yaml} beside label files or a classify manifest,
     * 90 with {@code obj.data}/{@code obj.names}, 80 with label {@code .txt} files under a
     * {@code labels} folder or beside a {@code classes.txt}, 60 when {@code .txt} files share
     * their stem with images, 40 when the first {@code .txt} file starts with a label line.
     */
    @Override
    public int detect(Detection probe) {
        return YoloDetection.score(probe);
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToRead).toList());
        try {
            String config = configFileName(input);
            if (config != null) {
                // one file of the layout: the dataset is the folder that holds it
                Path root = input.toAbsolutePath().getParent();
                String name = root.getFileName() == null ? root.toString() : root.getFileName().toString();
                ReadContext inFolder = new ReadContext(name, context.options(), context.limits(), context.errorPolicy(),
                        context.reporter(), context.tempDirectory());
                context.reporter().loss(LossCode.FILES_BESIDE, Location.of(context.sourceName()), config
                        + " was given: the dataset is the folder that holds it (" + name + "), read with " + config);
                return new YoloSource(root, inFolder, task(o), kptShape(o), config);
            }
            return new YoloSource(input, context, task(o), kptShape(o), null);
        } catch (java.nio.file.InvalidPathException e) {
            throw YoloSource.badPath(context.sourceName(), e);
        }
    }

    /** The name of {@code input} when it is a dataset's config file (a {@code .yaml}/{@code .yml} or Darknet {@code .data}); else null. */
    static String configFileName(Path input) {
        if (!Files.isRegularFile(input) || input.getFileName() == null) {
            return null;
        }
        String name = input.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".data") ? name : null;
    }

    @Override
    public ExportWriter createWriter(OutputFolder output, WriteContext context) {
        FormatOptions o = context.options();
        o.requireKnown(ID, OPTIONS.stream().filter(OptionSpec::appliesToWrite).toList());
        String layout = o.get("layout", "auto").trim().toLowerCase(Locale.ROOT);
        Layout l = layout.equals("auto") ? null : Layout.fromId(layout);
        if (l == null && !layout.equals("auto")) {
            throw invalidOption("layout", layout, "auto, ultralytics, darknet or plain");
        }
        String predictions = o.get("predictions", "auto").trim().toLowerCase(Locale.ROOT);
        Boolean p = predictions.equals("auto") ? null : o.getBoolean("predictions", false);
        YoloWriter.Settings s = new YoloWriter.Settings(task(o), l, o.get("classes", "by-id").trim(),
                precision(o), o.getBoolean("clamp", false), p, kptShape(o), classifyImages(o));
        return new YoloWriter(output, context, s);
    }

    private static int precision(FormatOptions o) {
        String v = o.get("precision", "auto").trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return YoloWriter.AUTO_PRECISION;
        }
        if (v.equals("shortest")) {
            return YoloWriter.SHORTEST;
        }
        return o.getInt("precision", 6, 0, FixedDecimal.MAX_DECIMALS);
    }

    private static YoloWriter.ClassifyImages classifyImages(FormatOptions o) {
        String v = o.get("classify-images", "copy").trim().toLowerCase(Locale.ROOT);
        for (YoloWriter.ClassifyImages c : YoloWriter.ClassifyImages.values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(v)) {
                return c;
            }
        }
        throw invalidOption("classify-images", v, "copy, hardlink, symlink or list");
    }

    private static Task task(FormatOptions o) {
        String v = o.get("task", "auto").trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return null;
        }
        Task t = Task.fromId(v);
        if (t == null) {
            throw invalidOption("task", v, "auto, detect, segment, pose, obb or classify");
        }
        return t;
    }

    /** {@code KxD} as {@code {K, D}}, or {@code null} for auto. */
    private static int[] kptShape(FormatOptions o) {
        String v = o.get("kpt-shape", "auto").trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return null;
        }
        int x = v.indexOf('x');
        try {
            int k = Integer.parseInt(v.substring(0, Math.max(0, x)));
            int d = Integer.parseInt(v.substring(x + 1));
            if (k > 0 && k <= 10_000 && (d == 2 || d == 3)) {
                return new int[] {k, d};
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // fall through to the error
        }
        throw invalidOption("kpt-shape", v, "KxD with K keypoints (1-10000) and D = 2 or 3, e.g. 17x3");
    }

    static LabelportException invalidOption(String key, String value, String expected) {
        return new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                "option " + key + "=" + value + ": expected " + expected);
    }
}
