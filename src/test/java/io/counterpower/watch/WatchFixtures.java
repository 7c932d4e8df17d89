package io.counterpower.watch;

import io.restassured.path.json.JsonPath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Fixtures.source;

/** Records the watch tests need, written through the API. */
final class WatchFixtures {
    private WatchFixtures() {
    }

    static long body(String project) {
        return admin().body(Map.of("project", project, "kind", "steering-committee", "name", "Steering of " + project,
                        "source", source()))
                .post("/api/v1/governance-bodies").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A seat held by an organisation from 2020 (the role keeps two seats of one organisation apart). */
    static void seat(long body, String organisation, String role) {
        admin().body(Map.of("body", body, "holderOrganisation", organisation, "role", role, "from", "2020-01-01",
                "source", source())).post("/api/v1/governance-seats").then().statusCode(201);
    }

    static void governanceEvent(String project, String date) {
        admin().body(Map.of("project", project, "kind", "governance-doc-change", "date", date, "source", source()))
                .post("/api/v1/governance-events").then().statusCode(201);
    }

    static Map<String, Object> watchBody(String project, String organisation, String url, List<Map<String, Object>> conditions) {
        Map<String, Object> in = new HashMap<>();
        in.put("name", "Watch of " + (project != null ? project : organisation));
        if (project != null) {
            in.put("project", project);
        }
        if (organisation != null) {
            in.put("organisation", organisation);
        }
        in.put("url", url);
        in.put("conditions", conditions);
        return in;
    }

    static JsonPath watch(String project, String url, Map<String, Object> condition) {
        return admin().body(watchBody(project, null, url, List.of(condition))).post("/api/v1/watches")
                .then().statusCode(201).extract().jsonPath();
    }
}
