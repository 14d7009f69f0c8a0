package dev.labelport.formats.vertex;

import java.util.Locale;

/**
 * The split column ({@code ML_USE} in CSV, {@code aiplatform.googleapis.com/ml_use} in JSONL)
 * and the model's split. Vertex writes {@code training}, {@code validation}, {@code test};
 * legacy AutoML files (and the salads sample) use upper case and {@code TRAIN}; {@code UNASSIGNED}
 * means "let Vertex split".
 */
final class MlUse {
    /** The data item resource label that holds the split. */
    static final String LABEL = "aiplatform.googleapis.com/ml_use";

    private MlUse() {
    }

    /** Whether a CSV cell is a split value (so that the row has an ML_USE column). */
    static boolean isMlUse(String cell) {
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "training", "train", "validation", "validate", "test", "unassigned" -> true;
            default -> false;
        };
    }

    /** The model's split for a value as read: train, val, test; {@code null} for unassigned; else the value. */
    static String toSplit(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "training", "train" -> "train";
            case "validation", "validate" -> "val";
            case "test" -> "test";
            case "unassigned", "" -> null;
            default -> raw;
        };
    }

    /** Vertex's value for a model split, or {@code null} when Vertex has none for it. */
    static String fromSplit(String split) {
        if (split == null) {
            return null;
        }
        return switch (split.trim().toLowerCase(Locale.ROOT)) {
            case "train", "training" -> "training";
            case "val", "valid", "validation", "dev" -> "validation";
            case "test", "testing" -> "test";
            default -> null;
        };
    }

    /**
     * What to write for an item: the raw value read from Vertex when it still means the item's
     * split (so {@code TRAIN} stays {@code TRAIN}), else Vertex's value for the split, else
     * {@code null} (nothing written).
     */
    static String toWrite(String split, String raw) {
        if (raw != null && java.util.Objects.equals(toSplit(raw), split)) {
            return raw;
        }
        return fromSplit(split);
    }
}
