package io.counterpower.common.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.counterpower.common.db.DatabaseFailures;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place where exceptions become responses: every error is application/problem+json,
 * and nothing internal (stack trace, class name, SQL) reaches the client.
 */
class ProblemMapper {

    @ServerExceptionMapper
    Response apiProblem(ApiProblem problem, UriInfo uri) {
        return ProblemResponses.response(
                ProblemResponses.details(problem.status(), problem.title(), problem.getMessage(), path(uri), problem.errors()),
                problem.headers());
    }

    @ServerExceptionMapper
    Response violation(ResteasyReactiveViolationException e, UriInfo uri) {
        return constraintViolations(e.getConstraintViolations(), uri);
    }

    @ServerExceptionMapper
    Response violation(ConstraintViolationException e, UriInfo uri) {
        return constraintViolations(e.getConstraintViolations(), uri);
    }

    @ServerExceptionMapper
    Response unreadableJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson((JacksonException) e, uri);
    }

    @ServerExceptionMapper
    Response unreadableJson(JsonParseException e, UriInfo uri) {
        return unreadableJson((JacksonException) e, uri);
    }

    @ServerExceptionMapper
    Response unreadableJson(JsonMappingException e, UriInfo uri) {
        return unreadableJson((JacksonException) e, uri);
    }

    @ServerExceptionMapper
    Response unreadableJson(JacksonException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        String detail;
        if (e instanceof JsonParseException parse && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field '")) {
            // STRICT_DUPLICATE_DETECTION (common/json): name the repeated key.
            String field = e.getOriginalMessage().substring("Duplicate field '".length()).replaceFirst("'.*$", "");
            errors.add(new FieldError(field, "is given more than once"));
            detail = field + ": is given more than once" + location(parse);
        } else if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            detail = "The request body is not valid JSON" + location(e);
        } else {
            String field = fieldPath(mapping);
            String message = mappingMessage(mapping);
            if (field.isEmpty()) {
                detail = "The request body does not have the expected shape: " + message;
            } else {
                errors.add(new FieldError(field, message));
                detail = field + ": " + message;
            }
        }
        return ProblemResponses.response(ProblemResponses.details(400, "Invalid request", detail, path(uri), errors), Map.of());
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JacksonException jackson) {
            return unreadableJson(jackson, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Map<String, String> headers = new HashMap<>();
        String detail = switch (status) {
            case 404 -> "No resource at " + path(uri);
            case 405 -> "This method is not allowed here" + allowed(e, headers);
            case 406 -> "The representation asked for in Accept is not available here";
            case 415 -> "The request's Content-Type is not supported here; the contract lists the accepted types";
            case 400 -> safeMessage(e, "The request could not be read");
            default -> ProblemResponses.titleFor(status);
        };
        return ProblemResponses.response(
                ProblemResponses.details(status, ProblemResponses.titleFor(status), detail, path(uri), List.of()), headers);
    }

    @ServerExceptionMapper
    Response persistence(PersistenceException e, UriInfo uri) {
        SQLException sql = sqlCause(e);
        if (sql != null && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (DatabaseFailures.isUnavailable(sql)) {
                return unavailable(uri);
            }
            if (state.equals("23505") || state.equals("23P01") || state.equals("23503")) {
                return ProblemResponses.response(ProblemResponses.details(409, "Conflict",
                        "The request conflicts with a recorded fact (" + constraintName(sql) + ")", path(uri), List.of()), Map.of());
            }
            if (state.equals("23514") || state.equals("23502") || state.startsWith("22")) {
                return ProblemResponses.response(ProblemResponses.details(400, "Invalid request",
                        "A value is out of the allowed range (" + constraintName(sql) + ")", path(uri), List.of()), Map.of());
            }
        }
        if (isConnectionProblem(e)) {
            return unavailable(uri);
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    Response connection(SQLTransientConnectionException e, UriInfo uri) {
        return unavailable(uri);
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof PersistenceException pe) {
            if (isConnectionProblem(pe)) {
                return unavailable(uri);
            }
        } else if (isConnectionProblem(e)) {
            return unavailable(uri);
        }
        String errorId = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s on %s", errorId, path(uri));
        return ProblemResponses.response(ProblemResponses.details(500, "Internal error",
                "An unexpected error occurred; it was logged as " + errorId, path(uri), List.of()), Map.of());
    }

    private Response unavailable(UriInfo uri) {
        return ProblemResponses.response(ProblemResponses.details(503, "Service unavailable",
                "The database is unavailable; retry shortly", path(uri), List.of()), Map.of("Retry-After", "5"));
    }

    private Response constraintViolations(java.util.Set<? extends ConstraintViolation<?>> violations, UriInfo uri) {
        List<FieldError> errors = violations.stream()
                .map(v -> new FieldError(violationField(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .collect(Collectors.toList());
        return apiProblem(ApiProblem.invalid(errors), uri);
    }

    /** "create.request.source.url" -> "source.url"; "list.size" -> "size" (method and parameter names are ours, not the client's). */
    static String violationField(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        if (parts.length <= 2) {
            return parts[parts.length - 1];
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String mappingMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field; known fields are " + u.getKnownPropertyIds();
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae) {
            return iae.getMessage();
        }
        if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            return iae.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
            }
            return "has the wrong format (" + describe(target) + " expected)";
        }
        if (e instanceof MismatchedInputException m) {
            return "has the wrong type (" + describe(m.getTargetType()) + " expected)";
        }
        return "cannot be read";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an ISO-8601 instant";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String location(JacksonException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String allowed(WebApplicationException e, Map<String, String> headers) {
        if (e instanceof NotAllowedException && e.getResponse() != null && !e.getResponse().getAllowedMethods().isEmpty()) {
            String allow = String.join(", ", new java.util.TreeSet<>(e.getResponse().getAllowedMethods()));
            headers.put("Allow", allow);
            return "; allowed: " + allow;
        }
        return "";
    }

    private static String safeMessage(WebApplicationException e, String fallback) {
        // Our own code never throws WebApplicationException with a message meant for clients; framework
        // messages can name classes, so they are replaced.
        return fallback;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static String constraintName(SQLException e) {
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getConstraint() != null) {
            return "rule " + p.getServerErrorMessage().getConstraint();
        }
        return "a data rule";
    }

    static boolean isConnectionProblem(Throwable e) {
        return DatabaseFailures.isUnavailable(e);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
