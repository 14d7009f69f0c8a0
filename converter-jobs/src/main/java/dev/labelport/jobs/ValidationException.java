package dev.labelport.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request that cannot become a job, field by field, as the REST API's 400 body:
 * {@code {"name": ["This field is required."], "format": ["\"x\" is not a valid choice."]}}.
 */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, List<String>> fieldErrors;

    public ValidationException(Map<String, List<String>> fieldErrors) {
        super(describe(fieldErrors));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fieldErrors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.fieldErrors = java.util.Collections.unmodifiableMap(copy);
    }

    /** Field name (snake_case, as the API names it) → messages, in the order found. */
    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder sb = new StringBuilder("invalid export request:");
        errors.forEach((k, v) -> sb.append(' ').append(k).append(": ").append(String.join(" ", v)).append(';'));
        return sb.toString();
    }
}
