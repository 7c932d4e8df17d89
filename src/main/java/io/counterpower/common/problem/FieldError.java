package io.counterpower.common.problem;

/** One field at fault in a rejected request; {@code field} is a JSON path such as {@code source.url}. */
public record FieldError(String field, String message) {
}
