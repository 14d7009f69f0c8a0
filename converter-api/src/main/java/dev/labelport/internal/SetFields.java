package dev.labelport.internal;

import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Names the optional model fields a record has set and a format does not hold, so that a writer
 * reports them as one {@code DROPPED_FIELD} per record. Extension fields are not listed: the
 * pipeline reports other formats' extensions itself.
 */
public final class SetFields {
    private SetFields() {
    }

    /** Optional fields of an {@link Item}. */
    public enum ItemField { FILE_NAME, URI, SIZE, TEXT, DATASET, SPLIT, METADATA, STATUS, TIMESTAMPS, ANNOTATOR }

    /** Optional fields of an {@link Annotation}. */
    public enum AnnotationField { ID, ATTRIBUTES, SCORE, CROWD, GROUP_ID, TRACK_ID, ANNOTATOR, STATUS, TIMESTAMPS, REMOVED }

    /** The set fields of {@code item} not in {@code held}, e.g. {@code [split, status]}. */
    public static List<String> unheld(Item item, Set<ItemField> held) {
        List<String> out = new ArrayList<>(2);
        add(out, held, ItemField.FILE_NAME, item.fileName() != null, "file name");
        add(out, held, ItemField.URI, item.uri() != null, "uri");
        add(out, held, ItemField.SIZE, item.width() != null || item.height() != null, "image size");
        add(out, held, ItemField.TEXT, item.text() != null, "text");
        add(out, held, ItemField.DATASET, item.dataset() != null, "dataset");
        add(out, held, ItemField.SPLIT, item.split() != null, "split");
        add(out, held, ItemField.METADATA, !item.metadata().isEmpty(), "metadata");
        add(out, held, ItemField.STATUS, item.status() != null, "status");
        add(out, held, ItemField.TIMESTAMPS, item.created() != null || item.updated() != null, "timestamps");
        add(out, held, ItemField.ANNOTATOR, item.annotator() != null, "annotator");
        return out;
    }

    /** The set fields of {@code a} not in {@code held}, e.g. {@code [score, track id]}. */
    public static List<String> unheld(Annotation a, Set<AnnotationField> held) {
        List<String> out = new ArrayList<>(2);
        add(out, held, AnnotationField.ID, a.id() != null, "id");
        add(out, held, AnnotationField.ATTRIBUTES, !a.attributes().isEmpty(), "attributes");
        add(out, held, AnnotationField.SCORE, a.score() != null, "score");
        add(out, held, AnnotationField.CROWD, a.crowd(), "crowd");
        add(out, held, AnnotationField.GROUP_ID, a.groupId() != null, "group id");
        add(out, held, AnnotationField.TRACK_ID, a.trackId() != null, "track id");
        add(out, held, AnnotationField.ANNOTATOR, a.annotator() != null, "annotator");
        add(out, held, AnnotationField.STATUS, a.status() != null, "status");
        add(out, held, AnnotationField.TIMESTAMPS, a.created() != null || a.updated() != null, "timestamps");
        add(out, held, AnnotationField.REMOVED, a.removed(), "removed flag");
        return out;
    }

    private static <F> void add(List<String> out, Set<F> held, F field, boolean set, String name) {
        if (set && !held.contains(field)) {
            out.add(name);
        }
    }
}
