package io.counterpower.collect.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.counterpower.collect.CollectionFailure;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading platform answers field by field: an answer of the wrong shape is a clear job error, not a 500. */
public final class Json {
    private Json() {
    }

    /** The text of a field, or null when it is absent, null or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** The login of a user object ({@code user}, {@code merged_by}, {@code author}), or null. */
    public static String login(JsonNode node, String field) {
        JsonNode user = node == null ? null : node.get(field);
        return user == null || !user.isObject() ? null : text(user, "login");
    }

    /** An ISO-8601 instant field, or null when absent; a malformed one fails the job with where it was. */
    public static Instant instant(JsonNode node, String field, String platform, String where) throws CollectionFailure {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CollectionFailure(platform + " answered " + where + " with '" + field + "' = '" + value
                    + "', which is not an ISO-8601 instant; nothing from it was recorded", e);
        }
    }

    /** The answer as an array, or a clear job error saying what was expected. */
    public static JsonNode array(JsonNode body, String platform, String where) throws CollectionFailure {
        if (body == null || !body.isArray()) {
            throw new CollectionFailure(platform + " answered " + where + " with " + shape(body)
                    + " where a JSON array was expected; nothing from it was recorded");
        }
        return body;
    }

    /** The answer as an object, or a clear job error saying what was expected. */
    public static JsonNode object(JsonNode body, String platform, String where) throws CollectionFailure {
        if (body == null || !body.isObject()) {
            throw new CollectionFailure(platform + " answered " + where + " with " + shape(body)
                    + " where a JSON object was expected; nothing from it was recorded");
        }
        return body;
    }

    private static String shape(JsonNode body) {
        return body == null ? "nothing" : "a JSON " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
