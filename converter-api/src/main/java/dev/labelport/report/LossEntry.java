package dev.labelport.report;

import java.util.List;

/**
 * All occurrences of one {@link LossCode} in a conversion: how many, and the first few with where
 * they happened.
 */
public record LossEntry(LossCode code, long count, List<Example> examples) {
    public LossEntry {
        examples = List.copyOf(examples);
    }

    /** One occurrence: where (a location string) and what. */
    public record Example(String location, String detail) {
    }
}
