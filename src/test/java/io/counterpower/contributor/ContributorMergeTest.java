package io.counterpower.contributor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ContributorMergeTest {

    private static long person(String name, Map<String, Object> identity) {
        return admin().body(Map.of("displayName", name, "identities", List.of(identity), "source", source()))
                .post("/api/v1/contributors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** What a contributor is, without the version metadata that a merge and an unmerge renew. */
    private static String state(long id) {
        JsonPath c = admin().get("/api/v1/contributors/" + id).then().statusCode(200).extract().jsonPath();
        return c.getString("displayName") + "|" + c.getList("identities.id") + "|" + c.getList("identities.bot") + "|"
                + c.getList("affiliations.id") + "|" + c.getList("affiliations.organisation") + "|"
                + c.getList("affiliations.from") + "|" + c.getList("affiliations.to") + "|" + c.getList("affiliations.source.kind");
    }

    @Test
    void aMergeMovesIdentitiesAndAffiliationsAndAnUnmergeRestoresTheStateExactly() {
        String org = organisation("company");
        String login = unique("ada");
        long ada = person("Ada Lovelace", Map.of("name", "Ada Lovelace", "email", login + "@example.org"));
        long github = person("ada-gh", Map.of("platform", "github", "username", login));
        admin().body(Map.of("contributor", ada, "organisation", org, "from", "2020-01-01", "to", "2020-12-31", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201);
        admin().body(Map.of("contributor", github, "independent", true, "from", "2021-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201);
        String adaBefore = state(ada);
        String githubBefore = state(github);

        long merge = admin().body(Map.of("into", ada, "from", github, "reason", "the same person"))
                .post("/api/v1/contributor-merges").then().statusCode(201)
                .body("movedIdentities", equalTo(1)).body("movedAffiliations", equalTo(1))
                .extract().jsonPath().getLong("id");
        anonymous().get("/api/v1/contributors/" + ada).then().body("identities", hasSize(2)).body("affiliations", hasSize(2));
        anonymous().get("/api/v1/contributors/" + github).then().statusCode(404);

        admin().body(Map.of("reason", "they were two people after all")).post("/api/v1/contributor-merges/" + merge + "/undo")
                .then().statusCode(200).body("unmergedAt", notNullValue());
        assertEquals(adaBefore, state(ada));
        assertEquals(githubBefore, state(github));
        admin().body(Map.of()).post("/api/v1/contributor-merges/" + merge + "/undo").then().statusCode(409);
    }

    @Test
    void overlappingAffiliationsOfOneTierBlockAMerge() {
        long a = person("A", Map.of("email", unique("a") + "@example.org"));
        long b = person("B", Map.of("email", unique("b") + "@example.org"));
        admin().body(Map.of("contributor", a, "organisation", organisation("company"), "from", "2020-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201);
        admin().body(Map.of("contributor", b, "organisation", organisation("company"), "from", "2021-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201);
        io.counterpower.support.Api.invalidAsAdmin().contentType("application/json").body(Map.of("into", a, "from", b))
                .post("/api/v1/contributor-merges").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        admin().body(Map.of("into", a, "from", b, "reason", "same person")).post("/api/v1/contributor-merges").then().statusCode(409)
                .body("detail", containsString("same source tier"));
        admin().body(Map.of("into", a, "from", a)).post("/api/v1/contributor-merges").then().statusCode(400);
        as(key("steward:" + organisation("company"))).body(Map.of("into", a, "from", b)).post("/api/v1/contributor-merges")
                .then().statusCode(403);
    }

    @Test
    void candidatesShareALocalPartAndNameALoginOrANormalisedName() {
        String local = unique("grace");
        long work = person("Grace Hopper", Map.of("name", "Grace Hopper", "email", local + "@navy.example"));
        long home = person("Grace Hopper", Map.of("name", "Grace Hopper", "email", local + "@gmail.example"));
        String login = unique("octo");
        long noreply = person("Octo", Map.of("name", "Octo Cat", "email", "12345+" + login + "@users.noreply.github.com"));
        long platform = person("octo", Map.of("platform", "github", "username", login));
        long accented = person("José Núñez", Map.of("name", "José Núñez " + local, "email", unique("j") + "@a.example"));
        long plain = person("Jose Nunez", Map.of("name", "jose  nunez " + local, "email", unique("j") + "@b.example"));
        JsonPath page = anonymous().queryParam("size", "200").get("/api/v1/contributors/merge-candidates").then().statusCode(200)
                .extract().jsonPath();
        List<List<Integer>> pairs = page.getList("items.contributors");
        org.hamcrest.MatcherAssert.assertThat(pairs, hasItem(List.of((int) work, (int) home)));
        org.hamcrest.MatcherAssert.assertThat(pairs, hasItem(List.of((int) Math.min(noreply, platform), (int) Math.max(noreply, platform))));
        org.hamcrest.MatcherAssert.assertThat(pairs, hasItem(List.of((int) accented, (int) plain)));
    }
}
