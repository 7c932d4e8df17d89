package io.counterpower.query;

import io.counterpower.common.version.DataVersions;
import io.counterpower.common.version.RenderedBodies;
import io.counterpower.common.version.WarmReads;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.EntityTag;

/**
 * Rendered pages of the stored ranking, keyed by everything they depend on (the snapshot, the data
 * version, the format and the request's URL): a new snapshot or data version makes new keys. Least
 * recently used pages are dropped beyond {@code counterpower.risk.rendered-pages}. Held JSON pages
 * are answered from here on the I/O thread ({@link WarmReads}).
 */
@Singleton
class RenderedPages extends RenderedBodies implements WarmReads.Source {
    @Inject
    RiskSnapshots snapshots;

    RenderedPages(RiskConfig config) {
        super(config.renderedPages());
    }

    /** The request's own URL is part of the key: the answer quotes it (query, reproduce). */
    static String key(EntityTag tag, HttpServerRequest request) {
        return tag.getValue() + " " + request.absoluteURI();
    }

    @Override
    public String paths() {
        return "/api/v1/risk";
    }

    @Override
    public WarmReads.Held held(HttpServerRequest request, DataVersions.Version version) {
        // A pinned ranking is computed on demand and never held: its URL is never a key.
        RiskSnapshots.Snapshot s = snapshots.held(version);
        if (s == null) {
            return null;
        }
        EntityTag tag = RiskResource.tag(s, version.version(), false);
        byte[] body = held(key(tag, request));
        return body == null ? null : new WarmReads.Held(body, tag, s.generatedAt());
    }
}
