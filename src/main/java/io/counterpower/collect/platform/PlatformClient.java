package io.counterpower.collect.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.collect.CollectionFailure;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JSON from a platform's public API (GitHub, the Hugging Face Hub) with {@link HttpClient}:
 * timeouts, retries with exponential backoff on 5xx and failed connections, the rate-limit headers
 * ({@code x-ratelimit-remaining}, {@code x-ratelimit-reset}, {@code retry-after}: wait when the reset
 * is near, otherwise stop with {@link RateLimitExhausted}), conditional requests ({@code If-None-Match}
 * with a stored ETag) and {@code Link} pagination.
 *
 * <p>Errors say which request failed by its path and what to do, never with the token: the token
 * is only ever put in the {@code Authorization} header, and a {@code next} link to another origin
 * is not followed (it would carry the token elsewhere).
 */
public final class PlatformClient {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    /**
     * One platform.
     *
     * @param name          as errors name it, e.g. {@code GitHub}
     * @param apiUrl        the API's base URL, e.g. {@code https://api.github.com}
     * @param token         the access token, if configured
     * @param tokenVariable the environment variable that sets the token, for error messages
     * @param accept        the {@code Accept} header
     */
    public record Platform(String name, URI apiUrl, Optional<String> token, String tokenVariable, String accept) {
    }

    /** Requests made, answered {@code 304}, retried, and seconds waited for a rate limit. */
    record Usage(long requests, long notModified, long retries, long rateLimitWaitSeconds) {
    }

    private final Platform platform;
    private final PlatformHttpConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final String origin;
    private long requests;
    private long notModified;
    private long retries;
    private long waitedSeconds;

    public PlatformClient(Platform platform, PlatformHttpConfig config, ObjectMapper json) {
        this.platform = platform;
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.origin = originOf(platform.apiUrl());
    }

    Usage usage() {
        return new Usage(requests, notModified, retries, waitedSeconds);
    }

    /** GETs a path of the API (with its query), sending {@code etag} as {@code If-None-Match} when given. */
    public PlatformResponse get(String pathAndQuery, String etag) throws CollectionFailure {
        String base = platform.apiUrl().toString().replaceAll("/+$", "");
        return get(URI.create(base + pathAndQuery), etag);
    }

    /** GETs an absolute URL of the API, e.g. a {@code next} link. */
    public PlatformResponse get(URI uri, String etag) throws CollectionFailure {
        // The whole URL: it names the service asked, and a bare path would read as a file path on the
        // service's disk, which public job views hide (collect/LocalPaths).
        String what = "GET " + uri;
        int attempt = 0;
        while (true) {
            attempt++;
            HttpResponse<byte[]> response;
            try {
                requests++;
                response = http.send(request(uri, etag), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= config.maxAttempts()) {
                    throw new CollectionFailure(platform.name() + " could not be reached for " + what + " after " + attempt
                            + " attempts (" + e.getClass().getSimpleName() + "); try again later", e);
                }
                backOff(attempt, what, e.getClass().getSimpleName());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CollectionFailure("Interrupted while waiting for " + platform.name() + " (" + what + ")", e);
            }
            int status = response.statusCode();
            if (status == 304) {
                notModified++;
                return new PlatformResponse(null, etag, null, true);
            }
            if (status >= 200 && status < 300) {
                return new PlatformResponse(parse(response.body(), what), response.headers().firstValue("etag").orElse(null),
                        next(response), false);
            }
            Duration rateLimitWait = rateLimitWait(response);
            if (rateLimitWait != null) {
                if (rateLimitWait.compareTo(config.maxRateLimitWait()) > 0) {
                    Instant reset = Instant.now().plus(rateLimitWait).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                    throw new RateLimitExhausted(platform.name() + "'s rate limit is used up until " + reset
                            + " (" + what + ")", reset);
                }
                Log.infof("%s rate limit reached; waiting %d s for it to reset", platform.name(), rateLimitWait.toSeconds());
                sleep(rateLimitWait);
                waitedSeconds += rateLimitWait.toSeconds();
                attempt--; // a rate-limit wait is not a failed attempt
                continue;
            }
            if (status >= 500) {
                if (attempt >= config.maxAttempts()) {
                    throw new CollectionFailure(platform.name() + " answered " + status + " to " + what + " " + attempt
                            + " times; it seems to be having trouble, try again later");
                }
                backOff(attempt, what, "status " + status);
                continue;
            }
            throw new CollectionFailure(clientError(status, what));
        }
    }

    private HttpRequest request(URI uri, String etag) throws CollectionFailure {
        if (!origin.equals(originOf(uri))) {
            throw new CollectionFailure(platform.name() + " pointed the collector to another server (" + originOf(uri)
                    + "); it only reads " + origin);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).GET()
                .header("Accept", platform.accept())
                .header("User-Agent", "counterpower-collector");
        platform.token().filter(t -> !t.isBlank()).ifPresent(t -> builder.header("Authorization", "Bearer " + t.strip()));
        if (etag != null) {
            builder.header("If-None-Match", etag);
        }
        return builder.build();
    }

    private JsonNode parse(byte[] body, String what) throws CollectionFailure {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new CollectionFailure(platform.name() + " answered " + what + " with an empty body where JSON was "
                        + "expected; nothing from it was recorded");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CollectionFailure(platform.name() + " answered " + what + " with a body that is not valid JSON "
                    + "(line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "); nothing from it was recorded, what was read before stays", e);
        } catch (IOException e) {
            throw new CollectionFailure(platform.name() + " answered " + what + " with a body that cannot be read", e);
        }
    }

    /** How long to wait for a rate limit the answer reports, or null when it is not a rate-limit answer. */
    private static Duration rateLimitWait(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return null;
        }
        OptionalLong retryAfter = header(response, "retry-after");
        if (retryAfter.isPresent()) {
            return Duration.ofSeconds(Math.max(1, retryAfter.getAsLong()));
        }
        OptionalLong remaining = header(response, "x-ratelimit-remaining");
        if (remaining.isPresent() && remaining.getAsLong() == 0) {
            OptionalLong reset = header(response, "x-ratelimit-reset");
            long seconds = reset.isPresent() ? reset.getAsLong() - Instant.now().getEpochSecond() + 1 : 60;
            return Duration.ofSeconds(Math.max(1, seconds));
        }
        return status == 429 ? Duration.ofSeconds(60) : null;
    }

    private String clientError(int status, String what) {
        return switch (status) {
            case 401 -> platform.name() + " refused the credentials (401) for " + what + ": "
                    + (platform.token().filter(t -> !t.isBlank()).isPresent()
                    ? "the token is invalid or expired; set a valid one in " + platform.tokenVariable()
                    : "this request needs a token; set one in " + platform.tokenVariable());
            case 403 -> platform.name() + " forbids " + what + " (403): the token lacks the permission, or the "
                    + "resource is not public; check the token in " + platform.tokenVariable();
            case 404 -> platform.name() + " has no " + what + " (404): the repository or model does not exist, was "
                    + "renamed, or is private; check the URL recorded for the project";
            default -> platform.name() + " refused " + what + " (" + status + ")";
        };
    }

    private URI next(HttpResponse<?> response) {
        for (String link : response.headers().allValues("link")) {
            Matcher m = NEXT_LINK.matcher(link);
            if (m.find()) {
                URI next = URI.create(m.group(1));
                return next.isAbsolute() ? next : platform.apiUrl().resolve(next);
            }
        }
        return null;
    }

    private void backOff(int attempt, String what, String reason) throws CollectionFailure {
        retries++;
        Duration wait = config.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        Log.infof("%s: %s failed (%s); retrying in %d ms", platform.name(), what, reason, wait.toMillis());
        sleep(wait);
    }

    private void sleep(Duration wait) throws CollectionFailure {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectionFailure("Interrupted while waiting for " + platform.name(), e);
        }
    }

    private static OptionalLong header(HttpResponse<?> response, String name) {
        Optional<String> value = response.headers().firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String originOf(URI uri) {
        int port = uri.getPort();
        return (uri.getScheme() + "://" + uri.getHost()).toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }
}
