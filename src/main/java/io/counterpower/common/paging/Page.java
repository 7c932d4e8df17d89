package io.counterpower.common.paging;

import java.util.List;
import java.util.function.Function;

/** The list envelope of every collection endpoint. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems);
    }
}
