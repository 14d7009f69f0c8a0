package dev.labelport.model;

import dev.labelport.json.JsonObject;
import java.util.Objects;

/**
 * One annotation of an item. Create with {@link #builder(Geometry)}; instances are immutable.
 * The owning item is the one whose {@link Item#annotations()} holds it.
 */
public final class Annotation {
    private final Id id;
    private final Category category;
    private final Geometry geometry;
    private final Box objectBox;
    private final JsonObject attributes;
    private final Double score;
    private final boolean crowd;
    private final String groupId;
    private final String trackId;
    private final Annotator annotator;
    private final WorkflowStatus status;
    private final Timestamp created;
    private final Timestamp updated;
    private final boolean removed;
    private final JsonObject extensions;

    private Annotation(Builder b) {
        this.id = b.id;
        this.category = b.category;
        this.geometry = Objects.requireNonNull(b.geometry, "geometry");
        this.objectBox = b.geometry instanceof Box ? null : b.objectBox;
        this.attributes = b.attributes;
        this.score = b.score;
        this.crowd = b.crowd;
        this.groupId = b.groupId;
        this.trackId = b.trackId;
        this.annotator = b.annotator;
        this.status = b.status;
        this.created = b.created;
        this.updated = b.updated;
        this.removed = b.removed;
        this.extensions = b.extensions;
    }

    public static Builder builder(Geometry geometry) {
        return new Builder().geometry(geometry);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.category = category;
        b.geometry = geometry;
        b.objectBox = objectBox;
        b.attributes = attributes;
        b.score = score;
        b.crowd = crowd;
        b.groupId = groupId;
        b.trackId = trackId;
        b.annotator = annotator;
        b.status = status;
        b.created = created;
        b.updated = updated;
        b.removed = removed;
        b.extensions = extensions;
        return b;
    }

    /** The id as read, or {@code null} when the source has none (COCO results). */
    public Id id() {
        return id;
    }

    /** The category, or {@code null} for uncategorised geometry such as captions. */
    public Category category() {
        return category;
    }

    public Geometry geometry() {
        return geometry;
    }

    /**
     * The object's box as the source states it beside a geometry that is not a box (COCO's
     * {@code bbox} beside a segmentation or keypoints, the box of a YOLO pose line), in the same
     * coordinates as the geometry; {@code null} when the source states none. A reader may leave it
     * {@code null} when it equals {@link Geometries#bounds(Geometry)} of the geometry. Always
     * {@code null} when the geometry is a box.
     */
    public Box objectBox() {
        return objectBox;
    }

    /**
     * The box a box-only target writes for this annotation (the one rule every such writer
     * follows): the geometry when it is a box, else the {@link #objectBox() box the source
     * stated}, else the geometry's {@link Geometries#bounds(Geometry) bounds}; {@code null} when
     * there is none (a tag, an empty shape).
     */
    public Box box() {
        if (geometry instanceof Box b) {
            return b;
        }
        return objectBox != null ? objectBox : Geometries.bounds(geometry);
    }

    public JsonObject attributes() {
        return attributes;
    }

    /** Model confidence, or {@code null} for ground truth. */
    public Double score() {
        return score;
    }

    public boolean crowd() {
        return crowd;
    }

    public String groupId() {
        return groupId;
    }

    public String trackId() {
        return trackId;
    }

    public Annotator annotator() {
        return annotator;
    }

    public WorkflowStatus status() {
        return status;
    }

    public Timestamp created() {
        return created;
    }

    public Timestamp updated() {
        return updated;
    }

    /** True for an annotation marked deleted by an incremental export. */
    public boolean removed() {
        return removed;
    }

    public JsonObject extensions() {
        return extensions;
    }

    /** The extension fields of one format, or an empty object. */
    public JsonObject extension(String formatId) {
        return extensions.object(formatId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Annotation a && Objects.equals(id, a.id) && Objects.equals(category, a.category)
                && geometry.equals(a.geometry) && Objects.equals(objectBox, a.objectBox) && attributes.equals(a.attributes) && Objects.equals(score, a.score)
                && crowd == a.crowd && Objects.equals(groupId, a.groupId) && Objects.equals(trackId, a.trackId)
                && Objects.equals(annotator, a.annotator) && Objects.equals(status, a.status)
                && Objects.equals(created, a.created) && Objects.equals(updated, a.updated) && removed == a.removed
                && extensions.equals(a.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, geometry, score, crowd);
    }

    @Override
    public String toString() {
        return "Annotation[id=" + id + ", category=" + (category == null ? null : category.name()) + ", " + geometry
                + (objectBox == null ? "" : ", objectBox=" + objectBox)
                + (score == null ? "" : ", score=" + score) + (crowd ? ", crowd" : "")
                + (attributes.isEmpty() ? "" : ", attributes=" + attributes)
                + (extensions.isEmpty() ? "" : ", extensions=" + extensions) + "]";
    }

    /** Builds an {@link Annotation}; every setter accepts {@code null} for "absent". */
    public static final class Builder {
        private Id id;
        private Category category;
        private Geometry geometry;
        private Box objectBox;
        private JsonObject attributes = JsonObject.EMPTY;
        private Double score;
        private boolean crowd;
        private String groupId;
        private String trackId;
        private Annotator annotator;
        private WorkflowStatus status;
        private Timestamp created;
        private Timestamp updated;
        private boolean removed;
        private JsonObject extensions = JsonObject.EMPTY;

        private Builder() {
        }

        public Builder id(Id v) { this.id = v; return this; }
        public Builder category(Category v) { this.category = v; return this; }
        public Builder geometry(Geometry v) { this.geometry = Objects.requireNonNull(v, "geometry"); return this; }
        /** The box the source states beside a geometry that is not a box; ignored when the geometry is one. */
        public Builder objectBox(Box v) { this.objectBox = v; return this; }
        public Builder attributes(JsonObject v) { this.attributes = v == null ? JsonObject.EMPTY : v; return this; }
        public Builder score(Double v) {
            if (v != null && !Double.isFinite(v)) {
                throw new IllegalArgumentException("score must be finite: " + v);
            }
            this.score = v;
            return this;
        }
        public Builder crowd(boolean v) { this.crowd = v; return this; }
        public Builder groupId(String v) { this.groupId = v; return this; }
        public Builder trackId(String v) { this.trackId = v; return this; }
        public Builder annotator(Annotator v) { this.annotator = v; return this; }
        public Builder status(WorkflowStatus v) { this.status = v; return this; }
        public Builder created(Timestamp v) { this.created = v; return this; }
        public Builder updated(Timestamp v) { this.updated = v; return this; }
        public Builder removed(boolean v) { this.removed = v; return this; }
        public Builder extensions(JsonObject v) { this.extensions = v == null ? JsonObject.EMPTY : v; return this; }

        public Annotation build() {
            return new Annotation(this);
        }
    }
}
