package io.counterpower.query;

import io.counterpower.common.version.RenderedBodies;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rendered pages of the stored ranking, keyed by everything they depend on (the snapshot, the data
 * version, the format and the request's URL): a new snapshot or data version makes new keys. Least
 * recently used pages are dropped beyond {@code counterpower.risk.rendered-pages}.
 */
@Singleton
class RenderedPages extends RenderedBodies {
    RenderedPages(@ConfigProperty(name = "counterpower.risk.rendered-pages", defaultValue = "256") int size) {
        super(size);
    }
}
