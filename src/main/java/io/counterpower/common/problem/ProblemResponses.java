package io.counterpower.common.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds problem+json responses; shared by the JAX-RS mapper and the Vert.x failure handler. */
final class ProblemResponses {
    private ProblemResponses() {
    }

    static String typeFor(int status) {
        String slug = switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
        return "urn:counterpower:problem:" + slug;
    }

    static ProblemDetails details(int status, String title, String detail, String instance, List<FieldError> errors) {
        return new ProblemDetails(typeFor(status), title, status, detail, instance,
                errors == null || errors.isEmpty() ? null : errors);
    }

    static Response response(ProblemDetails problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(ProblemDetails.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "Client error";
        };
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
