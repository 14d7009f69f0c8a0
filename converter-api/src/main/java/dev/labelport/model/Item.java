package dev.labelport.model;

import dev.labelport.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One unit of data (an image or a text) with its annotations. Create with
 * {@link #image(Id)} or {@link #text(Id, TextContent)}; instances are immutable.
 */
public final class Item {
    private final Id id;
    private final MediaKind kind;
    private final String fileName;
    private final String uri;
    private final Integer width;
    private final Integer height;
    private final boolean normalized;
    private final TextContent text;
    private final String dataset;
    private final String split;
    private final JsonObject metadata;
    private final WorkflowStatus status;
    private final Timestamp created;
    private final Timestamp updated;
    private final Annotator annotator;
    private final List<Annotation> annotations;
    private final JsonObject extensions;

    private Item(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.kind = Objects.requireNonNull(b.kind, "kind");
        if (b.width != null && b.width < 0 || b.height != null && b.height < 0) {
            throw new IllegalArgumentException("negative image size " + b.width + "x" + b.height);
        }
        if (kind == MediaKind.TEXT && b.text == null) {
            throw new IllegalArgumentException("a text item needs text");
        }
        this.fileName = b.fileName;
        this.uri = b.uri;
        this.width = b.width;
        this.height = b.height;
        this.normalized = b.normalized;
        this.text = b.text;
        this.dataset = b.dataset;
        this.split = b.split;
        this.metadata = b.metadata;
        this.status = b.status;
        this.created = b.created;
        this.updated = b.updated;
        this.annotator = b.annotator;
        this.annotations = List.copyOf(b.annotations);
        this.extensions = b.extensions;
    }

    public static Builder image(Id id) {
        Builder b = new Builder();
        b.id = id;
        b.kind = MediaKind.IMAGE;
        return b;
    }

    public static Builder text(Id id, TextContent text) {
        Builder b = new Builder();
        b.id = id;
        b.kind = MediaKind.TEXT;
        b.text = Objects.requireNonNull(text, "text");
        return b;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.kind = kind;
        b.fileName = fileName;
        b.uri = uri;
        b.width = width;
        b.height = height;
        b.normalized = normalized;
        b.text = text;
        b.dataset = dataset;
        b.split = split;
        b.metadata = metadata;
        b.status = status;
        b.created = created;
        b.updated = updated;
        b.annotator = annotator;
        b.annotations = annotations;
        b.extensions = extensions;
        return b;
    }

    public Id id() { return id; }
    public MediaKind kind() { return kind; }
    /** File name or relative path of the media, or {@code null}. */
    public String fileName() { return fileName; }
    /** URI of the media (gs://, s3://, https://...), or {@code null}. */
    public String uri() { return uri; }
    /** Image width in pixels, or {@code null} when unknown. */
    public Integer width() { return width; }
    /** Image height in pixels, or {@code null} when unknown. */
    public Integer height() { return height; }
    /**
     * Whether the image coordinates of this item's geometry are fractions of the image's width
     * and height (YOLO, Vertex, Azure) rather than pixels. Readers of normalised formats set it
     * when they cannot know the pixel size; the pipeline converts such items to pixels (with
     * {@link dev.labelport.model.Geometries#scale}) before a writer that needs pixels sees them.
     */
    public boolean normalized() { return normalized; }
    /** The text of a text item; {@code null} for images. */
    public TextContent text() { return text; }
    /** Name of the dataset the item belongs to, or {@code null}. */
    public String dataset() { return dataset; }
    /** Split such as {@code train}, {@code val}, {@code test}, or {@code null}. */
    public String split() { return split; }
    public JsonObject metadata() { return metadata; }
    public WorkflowStatus status() { return status; }
    public Timestamp created() { return created; }
    public Timestamp updated() { return updated; }
    public Annotator annotator() { return annotator; }
    public List<Annotation> annotations() { return annotations; }
    public JsonObject extensions() { return extensions; }

    /** The extension fields of one format, or an empty object. */
    public JsonObject extension(String formatId) {
        return extensions.object(formatId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Item i && id.equals(i.id) && kind == i.kind && Objects.equals(fileName, i.fileName)
                && Objects.equals(uri, i.uri) && Objects.equals(width, i.width) && Objects.equals(height, i.height) && normalized == i.normalized
                && Objects.equals(text, i.text) && Objects.equals(dataset, i.dataset) && Objects.equals(split, i.split)
                && metadata.equals(i.metadata) && Objects.equals(status, i.status) && Objects.equals(created, i.created)
                && Objects.equals(updated, i.updated) && Objects.equals(annotator, i.annotator)
                && annotations.equals(i.annotations) && extensions.equals(i.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, fileName, annotations);
    }

    @Override
    public String toString() {
        return "Item[id=" + id + ", " + kind + (fileName == null ? "" : ", " + fileName)
                + (width == null ? "" : ", " + width + "x" + height) + (split == null ? "" : ", split=" + split)
                + (text == null ? "" : ", text=" + text.text()) + ", annotations=" + annotations
                + (extensions.isEmpty() ? "" : ", extensions=" + extensions) + "]";
    }

    /** Builds an {@link Item}; every setter accepts {@code null} for "absent". */
    public static final class Builder {
        private Id id;
        private MediaKind kind;
        private String fileName;
        private String uri;
        private Integer width;
        private Integer height;
        private boolean normalized;
        private TextContent text;
        private String dataset;
        private String split;
        private JsonObject metadata = JsonObject.EMPTY;
        private WorkflowStatus status;
        private Timestamp created;
        private Timestamp updated;
        private Annotator annotator;
        private List<Annotation> annotations = List.of();
        private JsonObject extensions = JsonObject.EMPTY;

        private Builder() {
        }

        public Builder id(Id v) { this.id = Objects.requireNonNull(v, "id"); return this; }
        public Builder fileName(String v) { this.fileName = v; return this; }
        public Builder uri(String v) { this.uri = v; return this; }
        public Builder size(Integer w, Integer h) { this.width = w; this.height = h; return this; }
        /** Marks the geometry's image coordinates as fractions of the image size ({@link Item#normalized()}). */
        public Builder normalized(boolean v) { this.normalized = v; return this; }
        public Builder text(TextContent v) { this.text = v; return this; }
        public Builder dataset(String v) { this.dataset = v; return this; }
        public Builder split(String v) { this.split = v; return this; }
        public Builder metadata(JsonObject v) { this.metadata = v == null ? JsonObject.EMPTY : v; return this; }
        public Builder status(WorkflowStatus v) { this.status = v; return this; }
        public Builder created(Timestamp v) { this.created = v; return this; }
        public Builder updated(Timestamp v) { this.updated = v; return this; }
        public Builder annotator(Annotator v) { this.annotator = v; return this; }
        public Builder annotations(List<Annotation> v) { this.annotations = v == null ? List.of() : v; return this; }
        public Builder extensions(JsonObject v) { this.extensions = v == null ? JsonObject.EMPTY : v; return this; }

        public Item build() {
            return new Item(this);
        }
    }
}
