package io.counterpower.common.version;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serialised response bodies, keyed by everything they depend on (a data version among them): a key
 * never serves another answer, and a write makes new keys rather than invalidating old ones. Least
 * recently used bodies are dropped beyond the size given.
 */
public class RenderedBodies {
    private final Map<String, byte[]> bodies;

    protected RenderedBodies(int size) {
        this.bodies = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > size;
            }
        });
    }

    /** The body held under {@code key}, or null; never renders. */
    public byte[] held(String key) {
        return bodies.get(key);
    }

    public byte[] get(String key, Supplier<byte[]> render) {
        byte[] hit = bodies.get(key);
        if (hit != null) {
            return hit;
        }
        // Held bodies are served to any reader: local paths are redacted in them whatever the key.
        byte[] body = io.counterpower.common.text.LocalPathRedaction.publicly(render);
        bodies.put(key, body);
        return body;
    }
}
