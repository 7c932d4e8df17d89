package io.counterpower.query;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rendered pages of the stored ranking, keyed by everything they depend on (the snapshot, the data
 * version, the format and the request's URL): a key never serves another answer, and a new
 * snapshot or data version makes new keys. Least recently used pages are dropped beyond
 * {@code counterpower.risk.rendered-pages}.
 */
@ApplicationScoped
class RenderedPages {
    private final Map<String, byte[]> pages;

    RenderedPages(@ConfigProperty(name = "counterpower.risk.rendered-pages", defaultValue = "256") int size) {
        this.pages = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > size;
            }
        });
    }

    byte[] get(String key, Supplier<byte[]> render) {
        byte[] hit = pages.get(key);
        if (hit != null) {
            return hit;
        }
        byte[] page = render.get();
        pages.put(key, page);
        return page;
    }
}
