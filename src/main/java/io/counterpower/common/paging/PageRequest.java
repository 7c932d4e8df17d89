package io.counterpower.common.paging;

import io.counterpower.common.problem.FieldErrors;

import java.util.Map;

/**
 * A validated {@code ?page=&size=&sort=} triple. Sort fields are named in the API's terms and
 * translated through an allow-list, so that no client text ever reaches a query.
 */
public record PageRequest(int page, int size, String orderBy) {

    /** The contract's page sizes (openapi.yaml says 50 and at most 200): fixed there, so not configuration. */
    static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /**
     * @param sortable API sort field -> query expression
     * @param defaultSort API sort field used when none is given (may start with '-')
     */
    public static PageRequest parse(String page, String size, String sort, Map<String, String> sortable, String defaultSort) {
        FieldErrors errors = new FieldErrors();
        int p = parseInt(page, 0, "page", errors);
        int s = parseInt(size, DEFAULT_SIZE, "size", errors);
        errors.check(p >= 0, "page", "must be 0 or more");
        errors.check(p <= 1_000_000, "page", "must be at most 1000000");
        errors.check(s >= 1 && s <= MAX_SIZE, "size", "must be between 1 and " + MAX_SIZE);
        String requested = sort == null || sort.isBlank() ? defaultSort : sort.trim();
        StringBuilder orderBy = new StringBuilder();
        for (String part : requested.split(",")) {
            String field = part.trim();
            boolean descending = field.startsWith("-");
            if (descending || field.startsWith("+")) {
                field = field.substring(1);
            }
            String expression = sortable.get(field);
            if (expression == null) {
                errors.add("sort", "unknown sort field '" + field + "'; sortable fields are "
                        + new java.util.TreeSet<>(sortable.keySet()) + " (prefix with - for descending)");
                break;
            }
            if (!orderBy.isEmpty()) {
                orderBy.append(", ");
            }
            orderBy.append(expression).append(descending ? " desc" : " asc");
        }
        errors.throwIfAny();
        return new PageRequest(p, s, orderBy.toString());
    }

    private static int parseInt(String value, int fallback, String field, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            errors.add(field, "must be an integer");
            return fallback;
        }
    }

    public int offset() {
        return page * size;
    }
}
