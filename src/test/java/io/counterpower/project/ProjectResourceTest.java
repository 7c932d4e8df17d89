package io.counterpower.project;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.projectBody;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProjectResourceTest {

    @Test
    void createsAProjectWithRepositoriesAndAStewardAndListsItByFilters() {
        String steward = organisation("company");
        String slug = unique("llama");
        Map<String, Object> body = projectBody(slug);
        body.put("origin", "corporate");
        body.put("repositories", List.of(Map.of("url", "https://github.com/meta-llama/llama"),
                Map.of("url", "https://huggingface.co/meta-llama/Llama-2-7b", "role", "weights")));
        body.put("steward", Map.of("organisation", steward, "from", "2023-02-24"));
        admin().body(body).post("/api/v1/projects").then().statusCode(201)
                .body("slug", equalTo(slug))
                .body("steward", equalTo(steward))
                .body("repositories", hasSize(2))
                .body("repositories.role", hasItem("weights"))
                .body("stewards[0].from", equalTo("2023-02-24"));

        anonymous().queryParam("steward", steward).get("/api/v1/projects").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].slug", equalTo(slug));
        anonymous().queryParam("kind", "model").queryParam("origin", "corporate").queryParam("q", slug)
                .get("/api/v1/projects").then().body("items.slug", hasItem(slug));
        anonymous().queryParam("kind", "library").queryParam("q", slug).get("/api/v1/projects")
                .then().body("totalItems", equalTo(0));
        anonymous().queryParam("sort", "-name").queryParam("size", "5").get("/api/v1/projects")
                .then().statusCode(200).body("size", equalTo(5));
    }

    @Test
    void editsAreVersionedAndAsRecordedOnReturnsTheOldValue() {
        String slug = project(null);
        Instant before = Moments.between();
        Map<String, Object> edit = projectBody(slug);
        edit.put("kind", "library");
        edit.put("reason", "reclassified");
        admin().body(edit).put("/api/v1/projects/" + slug).then().statusCode(200).body("kind", equalTo("library"));
        anonymous().queryParam("asRecordedOn", before.toString()).get("/api/v1/projects/" + slug)
                .then().statusCode(200).body("kind", equalTo("model"));
        anonymous().get("/api/v1/projects/" + slug + "/history").then().body("$", hasSize(2));
        anonymous().queryParam("asRecordedOn", "2000-01-01").get("/api/v1/projects/" + slug).then().statusCode(404);
    }

    @Test
    void slugsAreUniqueAndRepositoriesAndStewardPeriodsDoNotCollide() {
        String org = organisation("foundation");
        String other = organisation("company");
        String slug = project(org);
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(409).body("errors[0].field", equalTo("slug"));

        admin().body(Map.of("url", "https://github.com/example/" + slug, "source", source()))
                .post("/api/v1/projects/" + slug + "/repositories").then().statusCode(201);
        admin().body(Map.of("url", "https://github.com/example/" + slug, "source", source()))
                .post("/api/v1/projects/" + slug + "/repositories").then().statusCode(409);
        admin().body(Map.of("url", "not a url", "source", source()))
                .post("/api/v1/projects/" + slug + "/repositories").then().statusCode(400).body("errors[0].field", equalTo("url"));

        admin().body(Map.of("organisation", other, "from", "2021-06-01", "source", source()))
                .post("/api/v1/projects/" + slug + "/stewards").then().statusCode(409)
                .body("detail", containsString("one steward at a time"));
        long stewardId = anonymous().get("/api/v1/projects/" + slug + "/stewards").then().extract().jsonPath().getLong("[0].id");
        admin().body(Map.of("organisation", org, "from", "2020-01-01", "to", "2021-05-31", "source", source(),
                        "reason", "the project moved on 2021-06-01"))
                .put("/api/v1/projects/" + slug + "/stewards/" + stewardId).then().statusCode(200);
        admin().body(Map.of("organisation", other, "from", "2021-06-01", "source", source()))
                .post("/api/v1/projects/" + slug + "/stewards").then().statusCode(201);
        anonymous().get("/api/v1/projects/" + slug).then().body("steward", equalTo(other)).body("stewards", hasSize(2));
        anonymous().queryParam("asRecordedOn", "2021-01-01").get("/api/v1/projects/" + slug).then().statusCode(404);
    }

    @Test
    void aForkNamesItsUpstreamAndItsForkPoint() {
        String upstream = project(null);
        String slug = unique("fork");
        Map<String, Object> body = projectBody(slug);
        body.put("upstream", upstream);
        body.put("forkPointCommit", "4f1d2c3b");
        body.put("forkPointDate", "2023-08-25");
        admin().body(body).post("/api/v1/projects").then().statusCode(201)
                .body("upstream", equalTo(upstream)).body("forkPointCommit", equalTo("4f1d2c3b"));

        Map<String, Object> orphan = projectBody(unique("fork"));
        orphan.put("forkPointDate", "2023-08-25");
        admin().body(orphan).post("/api/v1/projects").then().statusCode(400).body("errors[0].field", equalTo("upstream"));
        Map<String, Object> unknown = projectBody(unique("fork"));
        unknown.put("upstream", "no-such-project");
        admin().body(unknown).post("/api/v1/projects").then().statusCode(400).body("errors[0].field", equalTo("upstream"));
    }

    @Test
    void aStewardKeyEditsTheProjectsItStewardsAndNoOthers() {
        String org = organisation("foundation");
        String mine = project(org);
        String notMine = project(organisation("company"));
        String steward = key("steward:" + org);

        // The project was recorded manually: a steward's edit of that version is a dispute (issue 17)...
        as(steward).body(io.counterpower.support.Fixtures.withReason(projectBody(mine), "our name")).put("/api/v1/projects/" + mine)
                .then().statusCode(202).body("kind", equalTo("project"));
        // ...but adds a repository of its own project, recorded as self-reported.
        as(steward).body(Map.of("url", "https://github.com/" + org + "/" + mine, "source", Map.of("quote", "The sentence.", "confidence", "verified")))
                .post("/api/v1/projects/" + mine + "/repositories").then().statusCode(201)
                .body("source.kind", equalTo("self-reported"));
        as(steward).body(Map.of("url", "https://github.com/" + org + "/x", "source", source()))
                .post("/api/v1/projects/" + notMine + "/repositories").then().statusCode(403);
        as(steward).body(Map.of("organisation", org, "from", "2020-01-01", "source", source()))
                .post("/api/v1/projects/" + notMine + "/stewards").then().statusCode(403);
        as(steward).body(projectBody(unique("new"))).post("/api/v1/projects").then().statusCode(403);
        as(steward).queryParam("reason", "recorded in error").delete("/api/v1/projects/" + mine).then().statusCode(202)
                .body("action", equalTo("close"));
        as(steward).queryParam("reason", "recorded in error").delete("/api/v1/projects/" + notMine).then().statusCode(403);
        anonymous().get("/api/v1/projects/" + mine).then().statusCode(200);
    }

    @Test
    void closingAProjectHidesItFromCurrentListsOnly() {
        String slug = project(null);
        Instant before = Moments.between();
        admin().queryParam("reason", "recorded in error").delete("/api/v1/projects/" + slug).then().statusCode(204);
        anonymous().get("/api/v1/projects/" + slug).then().statusCode(404);
        anonymous().queryParam("q", slug).get("/api/v1/projects").then().body("items.slug", not(hasItem(slug)));
        anonymous().queryParam("q", slug).queryParam("asRecordedOn", before.toString()).get("/api/v1/projects")
                .then().body("items.slug", hasItem(slug)).body("items[0].version.supersededAt", not(nullValue()));
    }

    @Test
    void invalidProjectsAreRejected() {
        Map<String, Object> body = projectBody(unique("bad"));
        body.put("kind", "app");
        invalidAsAdmin().contentType("application/json").body(body).post("/api/v1/projects")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        Map<String, Object> steward = projectBody(unique("bad"));
        steward.put("steward", Map.of("organisation", "no-such-org"));
        admin().body(steward).post("/api/v1/projects").then().statusCode(400)
                .body("errors[0].field", equalTo("steward.organisation"));
        Map<String, Object> future = projectBody(unique("bad"));
        future.put("steward", Map.of("organisation", organisation("company"), "from", "2999-01-01"));
        admin().body(future).post("/api/v1/projects").then().statusCode(400).body("errors.field", hasItem("steward.from"));
        anonymous().get("/api/v1/projects/no-such-project").then().statusCode(404);
    }
}
