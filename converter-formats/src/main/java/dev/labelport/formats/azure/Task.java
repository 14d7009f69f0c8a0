package dev.labelport.formats.azure;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Azure AutoML tasks, each with the file it trains on. */
enum Task {
    IMAGE_CLASSIFICATION(Family.IMAGE, false),
    IMAGE_MULTILABEL(Family.IMAGE, true),
    OBJECT_DETECTION(Family.IMAGE, true),
    INSTANCE_SEGMENTATION(Family.IMAGE, true),
    TEXT_CLASSIFICATION(Family.CSV, false),
    TEXT_MULTILABEL(Family.CSV, true),
    NER(Family.NER, false);

    /** The three files: JSON Lines of images, a CSV of texts, a two-column CoNLL file. */
    enum Family { IMAGE, CSV, NER }

    private final Family family;
    private final boolean labelList;

    Task(Family family, boolean labelList) {
        this.family = family;
        this.labelList = labelList;
    }

    Family family() {
        return family;
    }

    /** Whether the label is a list (a JSON array, a Python list literal). */
    boolean labelList() {
        return labelList;
    }

    /** The option value, e.g. {@code object-detection}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Task fromId(String id) {
        for (Task t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** The task an option names, or {@code null} for {@code auto}/absent. */
    static Task option(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        Task t = fromId(value.trim().toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN, "option task=" + value
                    + ": expected auto or one of " + Arrays.stream(values()).map(Task::id).collect(Collectors.joining(", ")));
        }
        return t;
    }
}
