package io.counterpower.common.version;

import io.counterpower.common.time.HttpDates;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * HTTP validators for public reads. An anonymous {@code GET} under {@code /api/v1} is a function of
 * the data version, the UTC day (a default {@code at} is today) and the representation asked for,
 * so its weak {@code ETag} is made of those three and its {@code Last-Modified} is the later of the
 * version's change and the day's start. A matching {@code If-None-Match} (or, without one, an
 * {@code If-Modified-Since} not older) is answered {@code 304} before the resource runs. A resource
 * that sets its own {@code ETag} (a fact's revision, the risk ranking's snapshot) keeps it.
 * Reads with an API key may differ by key (curators see emails), so they are {@code private}.
 */
public class HttpCaching {
    /** Reads that do not follow the data version: job progress, and admin-only records. */
    private static final List<String> UNCACHED = List.of("/api/v1/jobs", "/api/v1/audit", "/api/v1/api-keys",
            "/api/v1/collections");

    @Inject
    DataVersions versions;
    @ConfigProperty(name = "counterpower.http.max-age", defaultValue = "60s")
    Duration maxAge;
    @ConfigProperty(name = "counterpower.http.stale-while-revalidate", defaultValue = "300s")
    Duration staleWhileRevalidate;

    @ServerRequestFilter
    public Response notModified(ContainerRequestContext request) {
        if (!cacheable(request)) {
            return null;
        }
        DataVersions.Version v;
        try {
            v = versions.current();
        } catch (RuntimeException e) {
            return null; // without a version the resource answers, and reports the outage itself
        }
        EntityTag tag = tag(v, request);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        boolean notModified;
        if (ifNoneMatch != null) {
            notModified = matches(ifNoneMatch, tag);
        } else {
            Date since = ifModifiedSince(request);
            notModified = since != null && !lastModified(v).isAfter(since.toInstant());
        }
        if (!notModified) {
            return null;
        }
        return Response.notModified(tag).lastModified(Date.from(lastModified(v)))
                .header(HttpHeaders.CACHE_CONTROL, publicCacheControl())
                .header(HttpHeaders.VARY, "Accept, Authorization")
                .header(DataVersionHeader.NAME, String.valueOf(v.version())).build();
    }

    @ServerResponseFilter
    public void validators(ContainerRequestContext request, ContainerResponseContext response) {
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
            DataVersions.Version v = versions.current();
            headers.putIfAbsent(HttpHeaders.ETAG, List.of(tag(v, request)));
            headers.putIfAbsent(HttpHeaders.LAST_MODIFIED, List.of(Date.from(lastModified(v))));
        } catch (RuntimeException e) {
            return; // validators are an optimisation: the answer itself is never lost for want of them
        }
        headers.putIfAbsent(HttpHeaders.CACHE_CONTROL, List.of(publicCacheControl()));
        headers.putIfAbsent(HttpHeaders.VARY, List.of("Accept, Authorization"));
    }

    /** The weak tag of a public read: data version, UTC day and representation. */
    public static EntityTag tag(DataVersions.Version v, ContainerRequestContext request) {
        return tag(v, representation(request).equals("csv"));
    }

    public static EntityTag tag(DataVersions.Version v, boolean csv) {
        return new EntityTag(v.version() + "-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "")
                + "-" + (csv ? "csv" : "json"), true);
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
        return "public, max-age=" + maxAge.toSeconds() + ", stale-while-revalidate=" + staleWhileRevalidate.toSeconds();
    }

    /** The later of the data's last change and the start of the UTC day, in whole seconds. */
    public static Instant lastModified(DataVersions.Version v) {
        Instant dayStart = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant changed = v.changedAt().truncatedTo(ChronoUnit.SECONDS);
        return changed.isAfter(dayStart) ? changed : dayStart;
    }

    private static boolean cacheable(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return request.getMethod().equals(HttpMethod.GET) && path.startsWith("/api/v1/")
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                && UNCACHED.stream().noneMatch(path::startsWith);
    }

    /** CSV and JSON of one URL are different representations: the tag names which one was asked for. */
    private static String representation(ContainerRequestContext request) {
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        boolean csv = format != null ? format.trim().equalsIgnoreCase("csv")
                : accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
        return csv ? "csv" : "json";
    }

    private static Date ifModifiedSince(ContainerRequestContext request) {
        String value = request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        if (value == null) {
            return null;
        }
        Instant since = HttpDates.parse(value);
        return since == null ? null : Date.from(since); // an invalid date is ignored (RFC 9110 section 13.1.3)
    }
}
