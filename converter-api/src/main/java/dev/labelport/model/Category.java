package dev.labelport.model;

import dev.labelport.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A label class. Ids stay as read. Keypoint skeleton edges are 0-based indices into
 * {@link #keypointNames()} (COCO's 1-based skeleton is converted at the format edge).
 *
 * @param id              the id as read (COCO {@code id}, a synthesised one for name-only formats)
 * @param name            exact name, case preserved
 * @param supercategory   or {@code null}
 * @param color           colour as written by the source (e.g. {@code #ff0000}), or {@code null}
 * @param keypointNames   keypoint names, empty when not a keypoint class
 * @param skeleton        0-based edges between keypoints
 * @param attributeSchema free-form attribute definitions, or empty
 * @param extensions      fields of a format the model has no slot for, by format id
 */
public record Category(Id id, String name, String supercategory, String color, List<String> keypointNames,
                       List<Edge> skeleton, JsonObject attributeSchema, JsonObject extensions) {

    public Category {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        keypointNames = List.copyOf(keypointNames);
        skeleton = List.copyOf(skeleton);
        attributeSchema = attributeSchema == null ? JsonObject.EMPTY : attributeSchema;
        extensions = extensions == null ? JsonObject.EMPTY : extensions;
    }

    public static Category of(Id id, String name) {
        return new Category(id, name, null, null, List.of(), List.of(), JsonObject.EMPTY, JsonObject.EMPTY);
    }

    public Category withId(Id newId) {
        return new Category(newId, name, supercategory, color, keypointNames, skeleton, attributeSchema, extensions);
    }

    /** The extension fields of one format, or an empty object. */
    public JsonObject extension(String formatId) {
        return extensions.object(formatId);
    }

    /** A keypoint skeleton edge, 0-based. */
    public record Edge(int from, int to) {
        public Edge {
            if (from < 0 || to < 0) {
                throw new IllegalArgumentException("skeleton indices are 0-based and not negative: " + from + "-" + to);
            }
        }
    }
}
