package io.counterpower.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only a change to facts moves the data version (and so every ETag and cached answer): writes that
 * change none (an empty import is refused, a repeated import, an API key, a watch) leave it.
 */
@QuarkusTest
class NoOpWritesTest {
    private static long dataVersion() {
        return Long.parseLong(anonymous().get("/api/v1/methodology").then().statusCode(200).extract()
                .header("Counterpower-Data-Version"));
    }

    @Test
    void anEmptyImportIsA400AndChangesNothing() {
        long before = dataVersion();
        for (String body : List.of("", "# only a comment\n")) {
            invalidAsAdmin().contentType("text/plain").queryParam("format", "gitdm").body(body)
                    .post("/api/v1/affiliations/import").then().statusCode(400)
                    .body("errors.field", hasItem("body"));
        }
        assertEquals(before, dataVersion());
    }

    @Test
    void aRepeatedImportLeavesTheDataVersion() {
        String domain = unique("noop") + ".example";
        String gitdm = "Noor Example: noor!" + domain + "\n\tNoop Test Org " + domain + "\n";
        admin().contentType("text/plain").queryParam("format", "gitdm").body(gitdm).post("/api/v1/affiliations/import")
                .then().statusCode(200).body("affiliationsCreated", equalTo(1));
        long before = dataVersion();
        admin().contentType("text/plain").queryParam("format", "gitdm").body(gitdm).post("/api/v1/affiliations/import")
                .then().statusCode(200).body("affiliationsCreated", equalTo(0)).body("affiliationsUnchanged", equalTo(1));
        assertEquals(before, dataVersion(), "a gitdm import that changed nothing");

        String csv = admin().accept("text/csv").get("/api/v1/affiliations/export").then().statusCode(200).extract().asString();
        admin().contentType("text/csv").body(csv).post("/api/v1/affiliations/import?format=csv")
                .then().statusCode(200).body("created", equalTo(0));
        assertEquals(before, dataVersion(), "re-importing the export");

        // A change to facts still moves it.
        organisation("company");
        assertTrue(dataVersion() > before);
    }

    @Test
    void keysAndWatchesAreNoFacts() {
        long before = dataVersion();
        String id = admin().body(Map.of("name", unique("dashboard"), "scopes", List.of("curator"))).post("/api/v1/api-keys")
                .then().statusCode(201).extract().jsonPath().getString("id");
        admin().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        assertEquals(before, dataVersion(), "creating and revoking a key");

        String slug = project(organisation("foundation"));
        long afterProject = dataVersion();
        long watch = admin().body(Map.of("name", "noop", "project", slug, "url", "http://127.0.0.1:9/hook",
                        "conditions", List.of(Map.of("type", "stage-change"))))
                .post("/api/v1/watches").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().delete("/api/v1/watches/" + watch).then().statusCode(204);
        assertEquals(afterProject, dataVersion(), "creating and deleting a watch");
    }
}
