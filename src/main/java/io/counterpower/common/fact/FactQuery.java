package io.counterpower.common.fact;

import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.time.Instants;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;

/** The query parameters of a fact list, read on demand by each kind of fact with field-named errors. */
public record FactQuery(Map<String, String> params) {

    public String text(String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public <T> T code(String name, Function<String, T> parser) {
        return QueryParams.code(params.get(name), name, parser);
    }

    /** A filter value that must be one of {@code allowed}; anything else is a 400 naming the parameter. */
    public String oneOf(String name, java.util.Set<String> allowed) {
        String value = text(name);
        if (value != null && !allowed.contains(value)) {
            throw io.counterpower.common.problem.ApiProblem.badRequest(name, "must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    public LocalDate date(String name) {
        return Instants.parseDate(params.get(name), name);
    }

    public Long id(String name) {
        return QueryParams.id(params.get(name), name);
    }
}
