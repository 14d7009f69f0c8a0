package dev.labelport.server;

import java.util.List;
import java.util.Map;

/** An answer other than success, with the body Avala's API gives for it. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    /** {@code {"detail": ...}} or, for 400, field → messages. */
    final transient Map<String, List<String>> fields;

    private HttpError(int status, String detail, Map<String, List<String>> fields) {
        super(detail, null, false, false);
        this.status = status;
        this.fields = fields;
    }

    static HttpError detail(int status, String detail) {
        return new HttpError(status, detail, null);
    }

    /** A 400 with field errors: {@code {"name": ["This field is required."]}}. */
    static HttpError fields(Map<String, List<String>> fields) {
        return new HttpError(400, "invalid fields", fields);
    }

    static HttpError notFound() {
        return detail(404, "Not found.");
    }

    static HttpError missingKey() {
        return detail(401, "Authentication credentials were not provided.");
    }

    static HttpError invalidKey() {
        return detail(401, "Invalid API key.");
    }

    static HttpError forbidden() {
        return detail(403, "You do not have permission to perform this action.");
    }

    static HttpError methodNotAllowed(String method) {
        return detail(405, "Method \"" + method + "\" not allowed.");
    }
}
