package dev.labelport.jobs;

import java.util.List;

/**
 * How to list jobs: an ordering ({@code created_at}, {@code updated_at}, {@code name} or
 * {@code status}; a leading {@code -} means descending; default {@code -created_at}, most recent
 * first), a page size ({@value #DEFAULT_LIMIT} by default, at most {@value #MAX_LIMIT}) and a
 * cursor from a previous {@link Page}.
 */
public record ListQuery(String ordering, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;
    public static final List<String> FIELDS = List.of("created_at", "updated_at", "name", "status");
    public static final ListQuery FIRST_PAGE = new ListQuery("-created_at", DEFAULT_LIMIT, null);

    public ListQuery {
        ordering = ordering == null || ordering.isBlank() ? "-created_at" : ordering.trim();
        String field = ordering.startsWith("-") ? ordering.substring(1) : ordering;
        if (!FIELDS.contains(field)) {
            throw new ValidationException(java.util.Map.of("ordering",
                    List.of("\"" + ordering + "\" is not a valid ordering: one of " + String.join(", ", FIELDS) + ", optionally with a leading -.")));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException(java.util.Map.of("limit", List.of("Ensure this value is between 1 and " + MAX_LIMIT + ".")));
        }
    }

    public static ListQuery of(String ordering, Integer limit, String cursor) {
        return new ListQuery(ordering, limit == null ? DEFAULT_LIMIT : limit, cursor);
    }

    /** The ordering's field, without the sign. */
    public String field() {
        return ordering.startsWith("-") ? ordering.substring(1) : ordering;
    }

    public boolean descending() {
        return ordering.startsWith("-");
    }
}
