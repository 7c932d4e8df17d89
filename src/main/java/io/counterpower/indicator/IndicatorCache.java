package io.counterpower.indicator;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Results keyed by everything they depend on: the project's data version (which every write of the
 * project's facts or of shared facts increases), the methodology version and the parameters. A
 * write therefore never serves a stale number: the next read has a new key. Least recently used
 * entries are dropped beyond the configured size.
 */
@ApplicationScoped
class IndicatorCache {
    private final Map<Object, Object> entries;

    IndicatorCache(IndicatorsConfig config) {
        int size = config.cacheSize();
        this.entries = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > size;
            }
        });
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        Object hit = entries.get(key);
        if (hit != null) {
            return (T) hit;
        }
        T value = compute.get();
        entries.put(key, value);
        return value;
    }

    void clear() {
        entries.clear();
    }
}
