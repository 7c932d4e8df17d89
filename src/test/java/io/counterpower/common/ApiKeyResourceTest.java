package io.counterpower.common;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class ApiKeyResourceTest {
    @Inject
    EntityManager em;

    @Test
    void anAdminCreatesAKeyWhoseSecretIsShownOnceAndStoredHashed() throws Exception {
        String name = unique("dashboard");
        var created = admin().body(Map.of("name", name, "scopes", List.of("curator")))
                .post("/api/v1/api-keys").then().statusCode(201)
                .body("key", startsWith("cp_")).body("scopes", equalTo(List.of("curator")))
                .extract().jsonPath();
        String secret = created.getString("key");
        long id = created.getLong("id");

        admin().get("/api/v1/api-keys/" + id).then().statusCode(200).body("key", nullValue()).body("name", equalTo(name));
        admin().queryParam("size", "200").get("/api/v1/api-keys").then().statusCode(200)
                .body("items.key", everyItem(nullValue())).body("items.name", hasItem(name));
        as(secret).get("/api/v1/api-keys/me").then().statusCode(200).body("id", equalTo((int) id));

        String stored = (String) em.createNativeQuery("select key_hash from api_key where id = ?1").setParameter(1, id).getSingleResult();
        assertNotEquals(secret, stored);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))), stored);
        long clear = ((Number) em.createNativeQuery("select count(*) from api_key where key_hash = ?1 or key_prefix = ?1")
                .setParameter(1, secret).getSingleResult()).longValue();
        assertEquals(0, clear);
    }

    @Test
    void aRevokedKeyNoLongerAuthenticates() {
        String secret = key("curator");
        long id = as(secret).get("/api/v1/api-keys/me").then().extract().jsonPath().getLong("id");
        admin().queryParam("reason", "rotated").delete("/api/v1/api-keys/" + id).then().statusCode(204);
        as(secret).get("/api/v1/api-keys/me").then().statusCode(401).contentType("application/problem+json");
        admin().get("/api/v1/api-keys/" + id).then().body("revokedAt", not(nullValue()));
    }

    @Test
    void onlyAnAdminManagesKeys() {
        String curator = key("curator");
        as(curator).body(Map.of("name", "x", "scopes", List.of("admin"))).post("/api/v1/api-keys").then().statusCode(403);
        as(curator).get("/api/v1/api-keys").then().statusCode(403);
        io.counterpower.support.Api.invalid().get("/api/v1/api-keys").then().statusCode(401)
                .contentType("application/problem+json");
        as(key("steward:" + organisation("company"))).get("/api/v1/audit").then().statusCode(403);
        admin().queryParam("entityType", "api-key").get("/api/v1/audit").then().statusCode(200)
                .body("items[0].entityType", equalTo("api-key"));
    }

    @Test
    void scopesAreValidated() {
        admin().body(Map.of("name", "x", "scopes", List.of("root"))).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes[0]"));
        admin().body(Map.of("name", "x", "scopes", List.of("steward:no-such-org"))).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors[0].message", org.hamcrest.Matchers.containsString("no-such-org"));
        admin().body(Map.of("name", "x", "scopes", List.of())).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes"));
    }

    @Test
    void everyWriteIsAudited() {
        String org = organisation("academic");
        admin().queryParam("entityType", "organisation").queryParam("entityId", org).get("/api/v1/audit")
                .then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].action", equalTo("create"))
                .body("items[0].after.key", equalTo(org))
                .body("items[0].actor", startsWith("bootstrap admin"));
    }
}
