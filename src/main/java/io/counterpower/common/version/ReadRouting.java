package io.counterpower.common.version;

import io.counterpower.common.db.ReadReplica;
import io.counterpower.common.db.ReadRoute;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Sends the public reads that tolerate replication lag (risk ranking, comparisons, assessments,
 * indicators and their series and exports, charts, badges) to the read replica, when one is
 * configured and answers; everything else goes to the primary: writes, reads with an API key (the
 * writers), jobs, audit and the rest.
 *
 * <p>Read-your-writes: a client presents the data version it saw, as the {@code Counterpower-Data-Version}
 * request header (every response carries it, writes included) or in an {@code If-None-Match} tag
 * (weak tags begin with the version). A replica that has not replayed that version is not used for the
 * request. A read pinned with {@code asRecordedOn} goes to the replica only if it has replayed a change
 * recorded at or after that moment. Runs before the validators ({@code HttpCaching}), which then report
 * the version of the copy that answers ({@code DataVersions.served()}). It lives with the data versions it reads;
 * the database package only holds the replica and the route, so that neither package depends on the other both ways.
 */
class ReadRouting {
    /** Raw paths of lag-tolerant reads (query/, indicator/): nothing else is ever routed to the replica. */
    static final Pattern LAG_TOLERANT = Pattern.compile("/api/v1/(risk|compare|projects/[^/]+/(assessment|indicators(/series)?"
            + "|charts/[^/]+\\.svg|badge\\.svg))/?");
    /** The request header of read-your-writes: the newest data version the client saw. */
    static final String SEEN_VERSION = "Counterpower-Data-Version";
    private static final Pattern TAG_VERSION = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})-");

    @Inject
    ReadReplica replica;
    @Inject
    ReadRoute route;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    void route(ContainerRequestContext request) {
        if (!replica.configured() || !request.getMethod().equals(HttpMethod.GET)
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || !LAG_TOLERANT.matcher(request.getUriInfo().getPath()).matches() || !replica.usable()) {
            return;
        }
        long seen = seenVersion(request);
        if (seen < 0) {
            return; // a version the client claims to have seen that we cannot read: play safe
        }
        ReadReplica.Replayed replayed = replica.replayed(seen);
        if (replayed == null || replayed.version() < seen) {
            return;
        }
        Instant pinned = DataVersionHeader.pinnedTo(request);
        if (pinned != null && replayed.changedAt().isBefore(pinned)) {
            return;
        }
        route.toReplica(replayed);
    }

    /** The newest version the request says its client saw; 0 when it says none, -1 when it is unreadable. */
    static long seenVersion(ContainerRequestContext request) {
        long seen = 0;
        String header = request.getHeaderString(SEEN_VERSION);
        if (header != null && !header.isBlank()) {
            try {
                seen = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                var m = TAG_VERSION.matcher(tag);
                if (m.lookingAt()) {
                    seen = Math.max(seen, Long.parseLong(m.group(1)));
                }
            }
        }
        return seen;
    }
}
