package io.counterpower.common.problem;

import java.util.List;
import java.util.Map;

/**
 * An error meant for the client: it carries the status and a message that is safe to show.
 * Anything else that escapes a resource is reported as a generic 500 without details.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public static ApiProblem badRequest(String field, String message) {
        return new ApiProblem(400, "Invalid request", field + ": " + message, List.of(new FieldError(field, message)), Map.of());
    }

    static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiProblem(400, "Invalid request", detail, errors, Map.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    public static ApiProblem conflict(String field, String detail) {
        return new ApiProblem(409, "Conflict", detail, List.of(new FieldError(field, detail)), Map.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail, List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"counterpower\""));
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail);
    }

    public static ApiProblem preconditionFailed(String detail) {
        return new ApiProblem(412, "Precondition failed", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
