package dev.labelport.formats.csv;

import java.util.List;
import java.util.Locale;

/**
 * The column layouts the {@code csv} format reads and writes. {@link #LABELPORT} holds every
 * geometry kind of an image item; the others are the box-per-row layouts of other tools and lose
 * most fields on a write.
 */
enum Preset {
    /** Labelport's own long format: one row per annotation, JSON cells for points and attributes. */
    LABELPORT("labelport", List.of(Columns.IMAGE, Columns.WIDTH, Columns.HEIGHT, Columns.SPLIT, Columns.ITEM_ID,
            Columns.ANNOTATION_ID, Columns.LABEL, Columns.CATEGORY_ID, Columns.TYPE, Columns.X, Columns.Y, Columns.W,
            Columns.H, Columns.ANGLE, Columns.POINTS, Columns.TEXT, Columns.ATTRIBUTES, Columns.SCORE, Columns.CROWD,
            Columns.STATUS, Columns.ANNOTATOR, Columns.CREATED, Columns.UPDATED, Columns.EXTRA),
            List.of(Columns.TYPE)),
    /** TensorFlow Object Detection CSV (Roboflow, datitran's raccoon set): pixel corners. */
    TENSORFLOW("tensorflow", List.of("filename", "width", "height", "class", "xmin", "ymin", "xmax", "ymax"),
            List.of("filename", "class", "xmin", "ymin", "xmax", "ymax")),
    /** VoTT's CSV export: pixel corners, no image size. */
    VOTT("vott", List.of("image", "xmin", "ymin", "xmax", "ymax", "label"),
            List.of("image", "xmin", "ymin", "xmax", "ymax", "label")),
    /** Open Images boxes (or image-level labels when the box columns are absent): normalised. */
    OPENIMAGES("openimages", List.of("ImageID", "Source", "LabelName", "Confidence", "XMin", "XMax", "YMin", "YMax",
            "IsOccluded", "IsTruncated", "IsGroupOf", "IsDepiction", "IsInside"),
            List.of("ImageID", "LabelName"));

    /** The Open Images flags kept as integer attributes under their column names. */
    static final List<String> OPENIMAGES_FLAGS = List.of("IsOccluded", "IsTruncated", "IsGroupOf", "IsDepiction", "IsInside");

    final String id;
    /** The columns a writer writes, in order. */
    final List<String> columns;
    /** The columns whose presence in a header selects the preset. */
    final List<String> required;

    Preset(String id, List<String> columns, List<String> required) {
        this.id = id;
        this.columns = columns;
        this.required = required;
    }

    /** The preset named {@code name} (case-insensitive), or {@code null}. */
    static Preset named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Preset p : values()) {
            if (p.id.equals(n)) {
                return p;
            }
        }
        return n.equals("tf") || n.equals("tensorflow-object-detection") ? TENSORFLOW
                : n.equals("open-images") ? OPENIMAGES : null;
    }

    /** Whether {@code header} has the columns this preset needs. */
    boolean matches(List<String> header) {
        if (this == LABELPORT) {
            return header.contains(Columns.TYPE) && (header.contains(Columns.IMAGE) || header.contains(Columns.ITEM_ID));
        }
        return header.containsAll(required);
    }

    /**
     * The preset a header belongs to: the most specific match first (Open Images, TensorFlow,
     * Labelport, VoTT, whose columns are a subset of no other), or {@code null}.
     */
    static Preset detect(List<String> header) {
        for (Preset p : List.of(OPENIMAGES, TENSORFLOW, LABELPORT, VOTT)) {
            if (p.matches(header)) {
                return p;
            }
        }
        return null;
    }

    /** Whether coordinates are fractions of the image size. */
    boolean normalized() {
        return this == OPENIMAGES;
    }
}
