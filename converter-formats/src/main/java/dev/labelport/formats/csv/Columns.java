package dev.labelport.formats.csv;

/** Column names of the {@link Preset#LABELPORT labelport} layout and keys of its {@code extra} cell. */
final class Columns {
    static final String IMAGE = "image";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String SPLIT = "split";
    static final String ITEM_ID = "item_id";
    static final String ANNOTATION_ID = "annotation_id";
    static final String LABEL = "label";
    static final String CATEGORY_ID = "category_id";
    static final String TYPE = "type";
    static final String X = "x";
    static final String Y = "y";
    static final String W = "w";
    static final String H = "h";
    static final String ANGLE = "angle";
    static final String POINTS = "points";
    static final String TEXT = "text";
    static final String ATTRIBUTES = "attributes";
    static final String SCORE = "score";
    static final String CROWD = "crowd";
    static final String STATUS = "status";
    static final String ANNOTATOR = "annotator";
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String EXTRA = "extra";

    // keys of the extra cell
    static final String X_ITEM = "item";
    static final String X_CATEGORY = "category";
    static final String X_GROUP_ID = "group_id";
    static final String X_TRACK_ID = "track_id";
    static final String X_REMOVED = "removed";
    static final String X_ANNOTATOR_NAME = "annotator_name";
    static final String X_STATUS_CANONICAL = "status_canonical";
    static final String X_ID_TYPES = "id_types";
    // keys of extra.item
    static final String XI_URI = "uri";
    static final String XI_DATASET = "dataset";
    static final String XI_METADATA = "metadata";
    static final String XI_STATUS = "status";
    static final String XI_CREATED = "created";
    static final String XI_UPDATED = "updated";
    static final String XI_ANNOTATOR = "annotator";
    static final String XI_NORMALIZED = "normalized";
    static final String XI_COLUMNS = "columns";
    // keys of extra.category
    static final String XC_SUPERCATEGORY = "supercategory";
    static final String XC_COLOR = "color";
    static final String XC_KEYPOINTS = "keypoints";
    static final String XC_SKELETON = "skeleton";
    static final String XC_ATTRIBUTE_SCHEMA = "attribute_schema";
    // extension keys (under "csv")
    static final String EXT_COLUMNS = "columns";
    static final String EXT_PRESET = "preset";
    static final String EXT_BOM = "bom";
    static final String EXT_CRLF = "crlf";
    static final String EXT_QUOTED = "quoted";

    private Columns() {
    }
}
