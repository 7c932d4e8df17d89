package io.counterpower.watch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.watch.WatchFixtures.watchBody;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating, reading, replacing and deleting watches; who may; and bad input, which stores nothing. */
@QuarkusTest
class WatchResourceTest {
    /** Port 9 (discard) on the loopback: nothing listens, so a stray delivery fails at once. */
    static final String URL = "http://127.0.0.1:9/hook";
    static final Map<String, Object> STAGE = Map.of("type", "stage-change");

    private static long count(String project) {
        return admin().queryParam("project", project).get("/api/v1/watches").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
    }

    @Test
    void theSecretIsShownOnceAndTheWatchReadsBack() {
        String slug = project(organisation("foundation"));
        JsonPath created = admin().body(watchBody(slug, null, URL, List.of(STAGE,
                        Map.of("type", "capture-risk-threshold", "threshold", 60),
                        Map.of("type", "top-org-seat-share-above", "limit", 0.5),
                        Map.of("type", "funding-event", "minUsd", 100000),
                        Map.of("type", "governance-event", "kinds", List.of("cla-introduced", "trademark")))))
                .post("/api/v1/watches").then().statusCode(201)
                .header("Location", containsString("/api/v1/watches/"))
                .extract().jsonPath();
        assertTrue(created.getString("secret").startsWith("whsec_"));
        long id = created.getLong("id");
        admin().get("/api/v1/watches/" + id).then().statusCode(200)
                .body("secret", nullValue()).body("project", equalTo(slug)).body("conditions.size()", equalTo(5))
                .body("conditions[3].minUsd", equalTo(100000));
        admin().queryParam("project", slug).get("/api/v1/watches").then().statusCode(200)
                .body("items.secret", hasItem(nullValue()));
        // Replacing keeps the target and the secret; the target cannot change.
        Map<String, Object> replaced = watchBody(slug, null, URL, List.of(STAGE));
        replaced.put("name", "Renamed");
        replaced.put("active", false);
        admin().body(replaced).put("/api/v1/watches/" + id).then().statusCode(200)
                .body("name", equalTo("Renamed")).body("active", equalTo(false)).body("conditions.size()", equalTo(1));
        Map<String, Object> moved = watchBody(project(organisation("foundation")), null, URL, List.of(STAGE));
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType(ContentType.JSON)
                .body(moved).put("/api/v1/watches/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("project"));
        admin().delete("/api/v1/watches/" + id).then().statusCode(204);
        admin().get("/api/v1/watches/" + id).then().statusCode(404);
    }

    @Test
    void aStewardsReceiverMayNotBeAHostOfTheServicesOwnNetwork() {
        String mine = organisation("foundation");
        String slug = project(mine);
        String steward = key("steward:" + mine);
        // The test profile allows 127.0.0.1 (the test receivers); these are not allowed.
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hook", "http://localhost:8080/hook",
                "https://metadata.google.internal/computeMetadata/v1/", "http://[::1]:9/hook",
                // Numeric forms of 127.0.0.1 and 169.254.169.254, and a fully qualified localhost.
                "http://0x7f000001:9/hook", "http://0177.0.0.1:9/hook", "http://2130706433:9/hook", "http://localhost.:9/hook",
                "http://0xA9FEA9FE/hook", "http://[::ffff:127.0.0.1]:9/hook")) {
            invalid().header("Authorization", "Bearer " + steward).contentType(ContentType.JSON)
                    .body(watchBody(slug, null, url, List.of(STAGE))).post("/api/v1/watches").then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("the service's own network"));
        }
        assertEquals(0, count(slug));
        // Curator and admin keys are operators: they may name an internal receiver.
        admin().body(watchBody(slug, null, "http://10.1.2.3/hook", List.of(STAGE))).post("/api/v1/watches")
                .then().statusCode(201);
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        String slug = project(organisation("foundation"));
        Map<String, List<Object>> cases = new HashMap<>();
        // field at fault -> [url, conditions]
        cases.put("url|ftp", List.of("ftp://hooks.example.org/x", List.of(STAGE)));
        cases.put("url|credentials", List.of("https://user:secret@hooks.example.org/x", List.of(STAGE)));
        cases.put("url|no host", List.of("https:///x", List.of(STAGE)));
        cases.put("url|javascript", List.of("javascript:alert(1)", List.of(STAGE)));
        cases.put("url|relative", List.of("/hook", List.of(STAGE)));
        cases.put("url|fragment", List.of("https://hooks.example.org/x#frag", List.of(STAGE)));
        cases.put("url|spaces", List.of("https://hooks.example.org/a b", List.of(STAGE)));
        cases.put("conditions[0].threshold|zero", List.of(URL, List.of(Map.of("type", "capture-risk-threshold", "threshold", 0))));
        cases.put("conditions[0].threshold|101", List.of(URL, List.of(Map.of("type", "capture-risk-threshold", "threshold", 101))));
        cases.put("conditions[0].threshold|missing", List.of(URL, List.of(Map.of("type", "capture-risk-threshold"))));
        cases.put("conditions[0].limit|1.5", List.of(URL, List.of(Map.of("type", "top-org-seat-share-above", "limit", 1.5))));
        cases.put("conditions[0].limit|0", List.of(URL, List.of(Map.of("type", "top-org-seat-share-above", "limit", 0))));
        cases.put("conditions[0].minUsd|negative", List.of(URL, List.of(Map.of("type", "funding-event", "minUsd", -1))));
        cases.put("conditions[0].type|unknown", List.of(URL, List.of(Map.of("type", "weather-change"))));
        cases.put("conditions[0].rule|unknown", List.of(URL, List.of(Map.of("type", "rule", "rule", "half-the-seats"))));
        cases.put("conditions[0].threshold|not applicable", List.of(URL, List.of(Map.of("type", "stage-change", "threshold", 5))));
        cases.put("conditions[0].kinds|unknown kind", List.of(URL, List.of(Map.of("type", "governance-event", "kinds", List.of("coup")))));
        cases.put("conditions|empty", List.of(URL, List.of()));
        cases.put("conditions|too many", List.of(URL, java.util.Collections.nCopies(21, STAGE)));
        cases.put("url|too long", List.of("https://hooks.example.org/" + "a".repeat(2000), List.of(STAGE)));
        for (Map.Entry<String, List<Object>> c : cases.entrySet()) {
            String field = c.getKey().split("\\|")[0];
            invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType(ContentType.JSON)
                    .body(watchBody(slug, null, (String) c.getValue().get(0), (List<Map<String, Object>>) c.getValue().get(1)))
                    .post("/api/v1/watches").then().statusCode(400).contentType(containsString("application/problem+json"))
                    .body("errors.field", hasItem(field));
        }
        // Both targets, or neither; an unknown project; an unknown field.
        Map<String, Object> both = watchBody(slug, organisation("foundation"), URL, List.of(STAGE));
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType(ContentType.JSON)
                .body(both).post("/api/v1/watches").then().statusCode(400);
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType(ContentType.JSON)
                .body(watchBody("no-such-project-x", null, URL, List.of(STAGE))).post("/api/v1/watches").then().statusCode(400)
                .body("errors.field", hasItem("project"));
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"project\":\"" + slug + "\",\"url\":\"" + URL + "\",\"conditions\":[{\"type\":\"stage-change\",\"colour\":\"red\"}]}")
                .post("/api/v1/watches").then().statusCode(400);
        invalid().contentType(ContentType.JSON).body(watchBody(slug, null, URL, List.of(STAGE)))
                .post("/api/v1/watches").then().statusCode(401);
        assertEquals(0, count(slug));
    }

    @Test
    void aStewardKeySeesAndEditsOnlyItsOwnOrganisationsWatches() {
        String mine = organisation("foundation"), theirs = organisation("foundation");
        String myProject = project(mine), theirProject = project(theirs);
        String steward = key("steward:" + mine);
        String other = key("steward:" + theirs);

        long onProject = as(steward).body(watchBody(myProject, null, URL, List.of(STAGE))).post("/api/v1/watches")
                .then().statusCode(201).body("owner", equalTo(mine)).extract().jsonPath().getLong("id");
        long onOrganisation = as(steward).body(watchBody(null, mine, URL, List.of(STAGE))).post("/api/v1/watches")
                .then().statusCode(201).body("organisation", equalTo(mine)).extract().jsonPath().getLong("id");
        long theirWatch = as(other).body(watchBody(theirProject, null, URL, List.of(STAGE))).post("/api/v1/watches")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        // Not on another organisation's project, nor on another organisation: 403, nothing stored.
        as(steward).body(watchBody(theirProject, null, URL, List.of(STAGE))).post("/api/v1/watches").then().statusCode(403);
        as(steward).body(watchBody(null, theirs, URL, List.of(STAGE))).post("/api/v1/watches").then().statusCode(403);
        assertEquals(1, count(theirProject));

        // It lists its own watches only, and another organisation's watch does not exist for it.
        List<Long> listed = as(steward).get("/api/v1/watches").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
        assertEquals(List.of(onProject, onOrganisation), listed);
        as(steward).get("/api/v1/watches/" + theirWatch).then().statusCode(404);
        as(steward).body(watchBody(theirProject, null, URL, List.of(STAGE))).put("/api/v1/watches/" + theirWatch)
                .then().statusCode(404);
        as(steward).delete("/api/v1/watches/" + theirWatch).then().statusCode(404);
        as(steward).get("/api/v1/watches/" + theirWatch + "/deliveries").then().statusCode(404);
        admin().get("/api/v1/watches/" + theirWatch).then().statusCode(200).body("name", equalTo("Watch of " + theirProject));

        // Its own it edits and deletes.
        Map<String, Object> renamed = watchBody(myProject, null, URL, List.of(STAGE));
        renamed.put("name", "Ours");
        as(steward).body(renamed).put("/api/v1/watches/" + onProject).then().statusCode(200).body("name", equalTo("Ours"));
        as(steward).get("/api/v1/watches/" + onProject + "/deliveries").then().statusCode(200).body("totalItems", equalTo(0));
        as(steward).delete("/api/v1/watches/" + onOrganisation).then().statusCode(204);

        // Reading watches needs a key: they name a receiver's URL.
        invalid().get("/api/v1/watches").then().statusCode(401);
        invalid().header("Authorization", "Bearer " + key("curator")).get("/api/v1/watches").then().statusCode(200);
    }
}
