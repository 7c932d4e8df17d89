package io.counterpower.collect.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/**
 * One answer of a platform API.
 *
 * @param body the parsed JSON body; null when {@link #notModified()}
 * @param etag the validator to send back as {@code If-None-Match} next time, or null
 * @param next the next page ({@code Link: <…>; rel="next"}), or null on the last page
 * @param notModified true for a {@code 304}: nothing changed since the ETag sent
 */
public record PlatformResponse(JsonNode body, String etag, URI next, boolean notModified) {
}
