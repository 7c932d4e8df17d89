package io.counterpower.security;

import io.counterpower.support.Fixtures;
import io.counterpower.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collections as an attack surface: a steward's https URL may not reach the service's own network
 * (server-side request forgery), a URL may not carry a token, and the public job views do not show
 * where the service's disk holds a curator's repositories.
 */
@QuarkusTest
class CollectionSecurityTest {

    @TempDir
    Path dir;

    @Test
    void aStewardCannotPointACollectionIntoTheServicesOwnNetwork() {
        String steward = Fixtures.organisation("foundation");
        String slug = Fixtures.project(steward);
        String key = Fixtures.key("steward:" + steward);
        for (String url : List.of("https://127.0.0.1:9/nothing.git", "https://localhost/x.git", "https://app.localhost/x.git",
                "https://10.0.0.8/x.git", "https://172.16.4.1/x.git", "https://192.168.1.1/x.git",
                "https://169.254.169.254/latest/meta-data/", "https://[::1]/x.git", "https://[fd00:ec2::254]/x.git",
                "https://100.100.100.200/x.git", "https://0.0.0.0/x.git", "https://metadata.google.internal/computeMetadata/v1/",
                "https://[::ffff:127.0.0.1]/x.git",
                // Numeric forms that git's resolver reads as 127.0.0.1, and a fully qualified localhost.
                "https://0x7f000001/x.git", "https://0177.0.0.1/x.git", "https://2130706433/x.git", "https://localhost./x.git",
                "https://0xA9FEA9FE/latest/meta-data/")) {
            as(key).body(Map.of("source", "git", "url", url)).post("/api/v1/projects/" + slug + "/collections")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("the service's own network"));
        }
        anonymous().queryParam("project", slug).get("/api/v1/jobs").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void aUrlWithCredentialsIsRefusedAndItsTokenNeverComesBack() {
        String slug = Fixtures.project(null);
        String url = "https://someone:ghp_SECRETtoken123@github.com/a/b.git";
        String answer = admin().body(Map.of("source", "git", "url", url)).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(400).body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("must not carry credentials"))
                .extract().asString();
        assertFalse(answer.contains("ghp_SECRETtoken123"), answer);
        admin().body(Map.of("source", "git", "url", "https://ghp_SECRETtoken123@github.com/a/b.git"))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(400)
                .body("errors[0].field", equalTo("url"));

        // Nor can such a URL be recorded on a project, to be collected (and shown) later.
        Map<String, Object> project = Fixtures.projectBody(unique("tok"));
        project.put("repositories", List.of(Map.of("url", url)));
        String refused = admin().body(project).post("/api/v1/projects").then().statusCode(400)
                .body("errors[0].field", equalTo("repositories[0].url"))
                .body("errors[0].message", containsString("credentials")).extract().asString();
        assertFalse(refused.contains("ghp_SECRETtoken123"), refused);
        admin().body(Map.of("url", url, "source", Fixtures.source())).post("/api/v1/projects/" + slug + "/repositories")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        admin().body(Map.of("url", "ssh://git@github.com/a/b.git", "source", Fixtures.source()))
                .post("/api/v1/projects/" + slug + "/repositories").then().statusCode(201);
    }

    @Test
    void jobViewsShowLocalPathsToCuratorsOnly() throws Exception {
        String slug = Fixtures.project(null);
        Path missing = dir.resolve("private-mirror").resolve("team.git");
        long id = admin().body(Map.of("source", "git", "url", missing.toUri().toString()))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(202)
                .body("repositories[0].url", equalTo(missing.toUri().toString())).extract().jsonPath().getLong("id");
        JsonPath ended = Jobs.ended(id, Duration.ofSeconds(60));
        assertEquals("failed", ended.getString("state"));
        String folder = dir.toString();

        for (JsonPath shown : List.of(ended, // anonymous
                as(Fixtures.key("steward:" + Fixtures.organisation("foundation"))).get("/api/v1/jobs/" + id)
                        .then().statusCode(200).extract().jsonPath(),
                anonymous().queryParam("project", slug).get("/api/v1/jobs").then().statusCode(200)
                        .extract().jsonPath().setRootPath("items[0]"))) {
            assertEquals("\u2026/team.git", shown.getString("repositories[0].url"));
            assertTrue(shown.getString("error").contains("\u2026/team.git"), shown.getString("error"));
            assertFalse(shown.prettify().contains(folder), shown.prettify());
        }
        admin().get("/api/v1/jobs/" + id).then().statusCode(200)
                .body("repositories[0].url", equalTo(missing.toUri().toString()))
                .body("error", containsString(folder));
        as(Fixtures.key("curator")).get("/api/v1/jobs/" + id).then().statusCode(200)
                .body("error", containsString(folder));
        anonymous().get("/api/v1/jobs/" + id).then().body("error", not(containsString(folder)));
    }

}
