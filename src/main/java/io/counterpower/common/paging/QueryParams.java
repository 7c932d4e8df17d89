package io.counterpower.common.paging;

import io.counterpower.common.problem.ApiProblem;

import java.util.function.Function;

/** Reads optional query parameters into typed values, failing with a 400 that names the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    public static <T> T code(String value, String field, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, e.getMessage());
        }
    }

    /**
     * A value that must be one of {@code allowed} (trimmed; null when absent or blank); anything else is a 400
     * naming the parameter and listing the allowed values in order.
     */
    public static String oneOf(String value, String field, java.util.Set<String> allowed) {
        String given = io.counterpower.common.text.Texts.trimmedOrNull(value);
        if (given != null && !allowed.contains(given)) {
            throw ApiProblem.badRequest(field, "must be one of " + new java.util.TreeSet<>(allowed));
        }
        return given;
    }

    public static Long id(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(field, "must be an integer id");
        }
    }

    /** A free-text search term turned into a case-insensitive LIKE pattern (wildcards escaped). */
    public static String likePattern(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > 200) {
            throw ApiProblem.badRequest("q", "must be at most 200 characters");
        }
        String escaped = q.trim().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
