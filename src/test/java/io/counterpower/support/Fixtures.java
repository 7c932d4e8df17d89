package io.counterpower.support;

import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.unique;

/** Builders for request bodies and records the tests need, created through the API. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Map<String, Object> source() {
        return Map.of("url", "https://example.org/evidence", "quote", "The evidence states the fact.", "confidence", "verified");
    }

    public static Map<String, Object> organisationBody(String key, String type, List<String> domains) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", "Org " + key);
        body.put("type", type);
        body.put("domains", domains);
        body.put("source", source());
        return body;
    }

    /** Creates an organisation and returns its key. */
    public static String organisation(String type) {
        String key = unique("org");
        admin().body(organisationBody(key, type, List.of(key + ".example"))).post("/api/v1/organisations")
                .then().statusCode(201);
        return key;
    }

    public static Map<String, Object> projectBody(String slug) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", slug);
        body.put("name", "Project " + slug);
        body.put("kind", "model");
        body.put("origin", "community");
        body.put("source", source());
        return body;
    }

    /** Creates a project stewarded by {@code steward} (may be null) and returns its slug. */
    public static String project(String steward) {
        String slug = unique("proj");
        Map<String, Object> body = projectBody(slug);
        if (steward != null) {
            body.put("steward", Map.of("organisation", steward, "from", "2020-01-01"));
        }
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        return slug;
    }

    /** Creates a contributor with one identity and returns its id. */
    public static long contributor(String email) {
        return admin().body(Map.of("displayName", "Person " + email,
                        "identities", List.of(Map.of("name", "Person", "email", email)),
                        "source", source()))
                .post("/api/v1/contributors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Creates an API key with the given scopes and returns its secret. */
    public static String key(String... scopes) {
        return admin().contentType(ContentType.JSON).body(Map.of("name", unique("key"), "scopes", List.of(scopes)))
                .post("/api/v1/api-keys").then().statusCode(201).extract().jsonPath().getString("key");
    }

    /** A copy of a request body with the reason every edit and close needs (issue 17). */
    public static Map<String, Object> withReason(Map<String, Object> body, String reason) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("reason", reason);
        return copy;
    }
}
