package io.counterpower.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.organisationBody;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17, attacks by a steward key on the evidence about others (attack 4, alias hijack): names,
 * keys and aliases are unique across organisations whatever the case, and an import matches the
 * employer a row names by key, name or alias before it would create a near-duplicate.
 * (Watch ownership, attack 1, is {@code io.counterpower.watch.WatchOwnershipTest}.)
 */
@QuarkusTest
class HostileStewardTest {

    @Test
    void aStewardCannotClaimAnotherOrganisationsKeyNameOrAliasInAnyCase() {
        // The steward's organisation as it reported itself (a steward edits self-reported records only).
        String mine = unique("org");
        Map<String, Object> reported = organisationBody(mine, "company", List.of(mine + ".example"));
        reported.put("source", Map.of("kind", "self-reported", "url", "https://example.org/about", "confidence", "reported"));
        admin().body(reported).post("/api/v1/organisations").then().statusCode(201);
        String theirs = organisation("company");
        String steward = key("steward:" + mine);
        // Another organisation's key, its name, and a case variant of either: 409 on the field, nothing written.
        for (Map.Entry<String, List<String>> attempt : Map.of(
                "theirKey", List.of(theirs),
                "theirKeyUpper", List.of(theirs.toUpperCase()),
                "theirName", List.of("Org " + theirs),
                "theirNameLower", List.of(("Org " + theirs).toLowerCase())).entrySet()) {
            Map<String, Object> edit = organisationBody(mine, "company", List.of(mine + ".example"));
            edit.put("aliases", attempt.getValue());
            edit.put("reason", "we are them");
            invalid().header("Authorization", "Bearer " + steward).contentType("application/json").body(edit)
                    .put("/api/v1/organisations/" + mine).then().statusCode(409)
                    .body("errors[0].field", equalTo("aliases"))
                    .body("detail", containsString(theirs));
        }
        anonymous().get("/api/v1/organisations/" + mine).then().statusCode(200).body("aliases.size()", equalTo(0));

        // Nor may a name be another's, and a curator's new organisation may not reuse a name in another case.
        Map<String, Object> renamed = organisationBody(mine, "company", List.of(mine + ".example"));
        renamed.put("name", ("ORG " + theirs).toUpperCase());
        renamed.put("reason", "rename");
        invalid().header("Authorization", "Bearer " + steward).contentType("application/json").body(renamed)
                .put("/api/v1/organisations/" + mine).then().statusCode(409).body("errors[0].field", equalTo("name"));
        String copy = unique("org");
        Map<String, Object> duplicate = organisationBody(copy, "company", List.of());
        duplicate.put("name", "org " + theirs);
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType("application/json")
                .body(duplicate).post("/api/v1/organisations").then().statusCode(409).body("errors[0].field", equalTo("name"));
        anonymous().get("/api/v1/organisations/" + copy).then().statusCode(404);

        // Its own distinct aliases are fine.
        Map<String, Object> own = organisationBody(mine, "company", List.of(mine + ".example"));
        own.put("aliases", List.of(unique("Brand")));
        own.put("reason", "our brand name");
        // A valid edit of a version the steward's own key did not record is a dispute for a curator (issue 17).
        as(steward).body(own).put("/api/v1/organisations/" + mine).then().statusCode(202).body("kind", equalTo("organisation"));
    }

    @Test
    void anImportMatchesTheNamedEmployerByKeyInAnyCaseAndCreatesNoNearDuplicate() {
        String google = organisation("company");
        String person = unique("p") + "@" + google + ".example";
        // gitdm: the row names the employer by its key, in capitals (as "Google" would name google).
        String gitdm = "Import Person: " + person + "\n\t" + google.toUpperCase() + "\n";
        admin().contentType("text/plain").queryParam("format", "gitdm").body(gitdm).post("/api/v1/affiliations/import")
                .then().statusCode(200).body("organisationsCreated.size()", equalTo(0)).body("affiliationsCreated", equalTo(1));
        long id = admin().queryParam("email", person).get("/api/v1/contributors").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        anonymous().get("/api/v1/contributors/" + id + "/affiliations").then().statusCode(200)
                .body("[0].organisation", equalTo(google));
        assertEquals(0, anonymous().queryParam("q", google + "-").get("/api/v1/organisations").then().statusCode(200)
                .extract().jsonPath().getInt("totalItems"), "no " + google + "-2 was created");
    }
}
