package io.counterpower.common.version;

import io.counterpower.common.http.HttpConfig;
import io.counterpower.common.time.HttpDates;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * HTTP validators for public reads. An anonymous {@code GET} under {@code /api/v1} is a function of
 * the data version, the UTC day (a default {@code at} is today) and the representation asked for,
 * so its weak {@code ETag} is made of those three and its {@code Last-Modified} is the later of the
 * version's change and the day's start. A matching {@code If-None-Match} (or, without one, an
 * {@code If-Modified-Since} not older) is answered {@code 304} before the resource runs. A resource
 * that sets its own {@code ETag} (a fact's revision, the risk ranking's snapshot) keeps it.
 * Reads with an API key may differ by key (curators see emails), so they are {@code private}.
 * Every date it writes is an IMF-fixdate ({@link HttpDates}), and "today" is the injected {@link Clock}'s.
 */
public class HttpCaching {
    /** Reads that do not follow the data version: job progress, and admin-only records. */
    private static final List<String> UNCACHED = List.of("/api/v1/jobs", "/api/v1/audit", "/api/v1/api-keys",
            "/api/v1/collections");

    @Inject
    DataVersions versions;
    @Inject
    Clock clock;
    @Inject
    HttpConfig http;

    @ServerRequestFilter
    Response notModified(ContainerRequestContext request) {
        if (!cacheable(request)) {
            return null;
        }
        DataVersions.Version v;
        try {
            v = versions.served();
        } catch (RuntimeException e) {
            return null; // without a version the resource answers, and reports the outage itself
        }
        EntityTag tag = tag(v, request);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        boolean notModified;
        if (ifNoneMatch != null) {
            notModified = matches(ifNoneMatch, tag);
        } else {
            Instant since = ifModifiedSince(request);
            notModified = since != null && !lastModified(v).isAfter(since);
        }
        if (!notModified) {
            return null;
        }
        Instant pinned = DataVersionHeader.pinnedTo(request);
        Long reported = pinned == null ? Long.valueOf(v.version()) : versions.at(pinned);
        var notModifiedResponse = Response.notModified(tag).header(HttpHeaders.LAST_MODIFIED, HttpDates.format(lastModified(v)))
                .header(HttpHeaders.CACHE_CONTROL, publicCacheControl())
                .header(HttpHeaders.VARY, "Accept, Authorization");
        return (reported == null ? notModifiedResponse : notModifiedResponse.header(DataVersionHeader.NAME, String.valueOf(reported)))
                .build();
    }

    @ServerResponseFilter
    void validators(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getMethod().equals(HttpMethod.GET) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        var headers = response.getHeaders();
        if (!cacheable(request) || response.getStatus() != 200) {
            headers.putIfAbsent(HttpHeaders.CACHE_CONTROL, List.of(request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                    ? "private, no-cache" : "no-cache"));
            return;
        }
        try {
            DataVersions.Version v = versions.served();
            headers.putIfAbsent(HttpHeaders.ETAG, List.of(tag(v, request)));
            headers.putIfAbsent(HttpHeaders.LAST_MODIFIED, List.of(HttpDates.format(lastModified(v))));
        } catch (RuntimeException e) {
            return; // validators are an optimisation: the answer itself is never lost for want of them
        }
        headers.putIfAbsent(HttpHeaders.CACHE_CONTROL, List.of(publicCacheControl()));
        headers.putIfAbsent(HttpHeaders.VARY, List.of("Accept, Authorization"));
    }

    /** The weak tag of a public read: data version, UTC day and representation ({@code json}, {@code csv} or {@code svg}). */
    EntityTag tag(DataVersions.Version v, ContainerRequestContext request) {
        return tag(v, representation(request));
    }

    public EntityTag tag(DataVersions.Version v, boolean csv) {
        return tag(v, csv ? "csv" : "json");
    }

    private EntityTag tag(DataVersions.Version v, String representation) {
        return new EntityTag(v.version() + "-" + today().toString().replace("-", "") + "-" + representation, true);
    }

    /** The UTC day of the clock: the day in a tag, the earliest Last-Modified. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Whether the client's {@code If-None-Match} lists {@code tag} (weak comparison, RFC 9110). */
    public static boolean matches(String ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    public String publicCacheControl() {
        return "public, max-age=" + http.maxAge().toSeconds() + ", stale-while-revalidate=" + http.staleWhileRevalidate().toSeconds();
    }

    /** The later of the data's last change and the start of the UTC day, in whole seconds. */
    public Instant lastModified(DataVersions.Version v) {
        Instant dayStart = today().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant changed = v.changedAt().truncatedTo(ChronoUnit.SECONDS);
        return changed.isAfter(dayStart) ? changed : dayStart;
    }

    private static boolean cacheable(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return request.getMethod().equals(HttpMethod.GET) && path.startsWith("/api/v1/")
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                && UNCACHED.stream().noneMatch(path::startsWith);
    }

    /**
     * CSV, HTML and JSON of one URL are different representations: the tag names which one was asked
     * for. Charts and badges are only SVG and the affiliations export only CSV, whatever the request asks.
     */
    private static String representation(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.endsWith(".svg")) {
            return "svg";
        }
        if (path.endsWith("/affiliations/export")) {
            return "csv";
        }
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if (format != null) {
            String f = format.trim().toLowerCase(java.util.Locale.ROOT);
            return f.equals("csv") || f.equals("html") ? f : "json";
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv") ? "csv" : "json";
    }

    private static Instant ifModifiedSince(ContainerRequestContext request) {
        String value = request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        // An invalid date is ignored (RFC 9110 section 13.1.3): parse gives null.
        return value == null ? null : HttpDates.parse(value);
    }
}
