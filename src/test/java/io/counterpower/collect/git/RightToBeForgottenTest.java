package io.counterpower.collect.git;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.post;
import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 17: a person asks to be forgotten. A curator erases the contributor's names, emails and
 * logins (a pseudonym instead), the contributions keep counting (the indicators do not move), the
 * erasure is in /changes without the erased data, and a later collection of the same repository
 * does not bring the address back: its hash is blocked and its commits go to the pseudonym.
 */
@QuarkusTest
class RightToBeForgottenTest {
    private static final String NAMES = "contributors_active,top_org_share,affiliation_coverage,org_count";

    @TempDir
    Path dir;

    private static Map<String, Object> indicators(String slug) {
        JsonPath body = anonymous().queryParams(Map.of("at", "2022-12-31", "names", NAMES))
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().jsonPath();
        Map<String, Object> values = new java.util.TreeMap<>();
        for (String name : NAMES.split(",")) {
            values.put(name, body.get("indicators.find { it.name == '" + name + "' }.value"));
        }
        return values;
    }

    @Test
    void anErasedContributorKeepsCountingAndALaterCollectionDoesNotBringTheAddressBack() throws Exception {
        String org = organisation("company");
        String slug = project(org);
        String name = "Ada " + unique("Lovelace");
        String email = unique("ada.lovelace") + "@" + org + ".example";
        Path repo = dir.resolve("forget.git");
        try (HistoryFixture r = HistoryFixture.bare(repo)) {
            r.commit("main").by(name, email, "2022-02-01T10:00:00Z").put("a.txt", "a\n").create();
            r.commit("main").by(name, email, "2022-03-01T10:00:00Z").put("b.txt", "b\n").create();
            r.commit("main").by(name, email, "2022-04-01T10:00:00Z").put("c.txt", "c\n").create();
            r.commit("main").by("Bob Other", "bob.other@gmail.com", "2022-05-01T10:00:00Z").put("d.txt", "d\n").create();
        }
        succeeded(post(slug, repo));
        long ada = admin().queryParam("email", email).get("/api/v1/contributors").then().statusCode(200)
                .body("totalItems", equalTo(1)).extract().jsonPath().getLong("items[0].id");
        Map<String, Object> before = indicators(slug);
        assertEquals(2, ((Number) before.get("contributors_active")).intValue(), before.toString());

        // Only a curator erases, and only with a reason.
        String steward = key("steward:" + org);
        as(steward).body(Map.of("reason", "she asked")).post("/api/v1/contributors/" + ada + "/erasure").then().statusCode(403);
        invalid().header("Authorization", "Bearer " + io.counterpower.support.Api.ADMIN_KEY).contentType("application/json")
                .body(Map.of()).post("/api/v1/contributors/" + ada + "/erasure").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        String pseudonym = admin().body(Map.of("reason", "GDPR article 17 request of 2026-01-05"))
                .post("/api/v1/contributors/" + ada + "/erasure").then().statusCode(200)
                .body("identitiesErased", equalTo(1)).body("addressesBlocked", equalTo(1))
                .extract().jsonPath().getString("pseudonym");

        // Nothing shows the name or the address any more, to a curator either, "as recorded" before included.
        List<String> reads = List.of(
                admin().get("/api/v1/contributors/" + ada).asString(),
                admin().get("/api/v1/contributors/" + ada + "/history").asString(),
                admin().get("/api/v1/contributors/" + ada + "/identities").asString(),
                admin().queryParam("asRecordedOn", "2020-01-01T00:00:00Z").get("/api/v1/contributors/" + ada).asString(),
                admin().queryParam("entityType", "contributor").queryParam("entityId", String.valueOf(ada)).get("/api/v1/audit").asString(),
                anonymous().queryParam("kind", "contributor").queryParam("size", "200").get("/api/v1/changes").asString(),
                admin().queryParam("q", name).get("/api/v1/contributors").asString());
        for (String read : reads) {
            assertFalse(read.toLowerCase(Locale.ROOT).contains(email.toLowerCase(Locale.ROOT)), read);
            assertFalse(read.contains(name), read);
        }
        admin().get("/api/v1/contributors/" + ada).then().statusCode(200).body("displayName", equalTo(pseudonym));
        admin().queryParam("email", email).get("/api/v1/contributors").then().statusCode(200).body("totalItems", equalTo(0));
        // The erasure is in /changes, with its reason and without the erased data.
        anonymous().queryParam("kind", "contributor").queryParam("size", "200").get("/api/v1/changes").then().statusCode(200)
                .body("items.find { it.action == 'erase' && it.factId == '" + ada + "' }.reason",
                        equalTo("GDPR article 17 request of 2026-01-05"));
        // The contributions keep counting: the figures are the same.
        assertEquals(before, indicators(slug));

        // A later collection meets the address again: it is not stored again, and the new commit
        // counts for the pseudonymous contributor (still two active contributors).
        try (HistoryFixture r = HistoryFixture.existing(repo)) {
            r.commit("main").by(name, email, "2022-06-01T10:00:00Z").put("e.txt", "e\n").create();
        }
        succeeded(post(slug, repo));
        admin().queryParam("email", email).get("/api/v1/contributors").then().statusCode(200).body("totalItems", equalTo(0));
        admin().queryParam("q", name).get("/api/v1/contributors").then().statusCode(200).body("totalItems", equalTo(0));
        admin().get("/api/v1/contributors/" + ada + "/identities").then().statusCode(200).body("size()", equalTo(1));
        Map<String, Object> after = indicators(slug);
        assertEquals(before.get("contributors_active"), after.get("contributors_active"), after.toString());
        assertEquals(before.get("top_org_share"), after.get("top_org_share"), after.toString());
        long quoted = ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get().createNativeQuery("""
                        select count(*) from audit_log where lower(cast(before as text)) like ?1 or lower(cast(after as text)) like ?1
                           or lower(reason) like ?1""").setParameter(1, "%" + email.toLowerCase(Locale.ROOT) + "%")
                        .getSingleResult())).longValue();
        assertEquals(0, quoted, "no audit row quotes the erased address");
        long stored = ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get().createNativeQuery(
                        "select count(*) from identity where lower(email) = ?1 or name = ?2")
                        .setParameter(1, email.toLowerCase(Locale.ROOT)).setParameter(2, name).getSingleResult())).longValue();
        assertEquals(0, stored, "no identity holds the erased address or name");
    }

    private static long erase(long contributor) {
        admin().body(Map.of("reason", "asked to be forgotten")).post("/api/v1/contributors/" + contributor + "/erasure")
                .then().statusCode(200);
        return contributor;
    }

    private static long count(String sql, Object... params) {
        return ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            var query = io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getSingleResult();
        })).longValue();
    }

    /**
     * A CODEOWNERS handle (a GitHub login the git collector records as a seat holder) of an erased
     * person is not stored again: the seat goes to the pseudonymous contributor.
     */
    @Test
    void aGovernanceFileHandleOfAnErasedPersonIsNotStoredAgain() throws Exception {
        String slug = project(null);
        String handle = unique("dora-gh");
        long dora = erase(admin().body(Map.of("displayName", "Dora " + handle,
                        "identities", List.of(Map.of("platform", "github", "username", handle)), "source", io.counterpower.support.Fixtures.source()))
                .post("/api/v1/contributors").then().statusCode(201).extract().jsonPath().getLong("id"));
        Path repo = dir.resolve("owners.git");
        try (HistoryFixture r = HistoryFixture.bare(repo)) {
            r.commit("main").by("Eve Other", "eve.other@gmail.com", "2022-02-01T10:00:00Z")
                    .put("CODEOWNERS", "* @" + handle + "\n").create();
            // A GitHub noreply address spells the erased login: it is blocked too, and its commit counts for the pseudonym.
            r.commit("main").by("Dora " + handle, "4711+" + handle + "@users.noreply.github.com", "2022-03-01T10:00:00Z")
                    .put("d.txt", "d\n").create();
        }
        succeeded(post(slug, repo));
        assertEquals(0, count("select count(*) from identity where lower(username) = lower(?1) or name = ?1 or name = ?2 "
                + "or lower(email) like ?3", handle, "Dora " + handle, "%" + handle.toLowerCase(Locale.ROOT) + "%"));
        assertEquals(1, count("""
                select count(*) from contribution c join identity_link l on l.id = c.identity_id and l.superseded_at is null
                join project p on p.id = c.project_id where p.slug = ?1 and c.kind = 'commit' and l.contributor_id = ?2""", slug, dora));
        assertEquals(0, count("select count(*) from contributor_version where display_name like ?1", "%" + handle + "%"));
        long projectId = count("select id from project where slug = ?1", slug);
        assertEquals(1, count("""
                select count(*) from governance_seat s join governance_body b on b.id = s.body_id and b.superseded_at is null
                where b.project_id = ?1 and s.superseded_at is null and s.holder_contributor_id = ?2""", projectId, dora));
        String seats = anonymous().queryParam("project", slug).get("/api/v1/governance-seats").asString();
        assertFalse(seats.contains(handle), seats);
    }

    /**
     * A gitdm or SortingHat import naming an erased address does not bring the person back: no name
     * and no address is stored, no contributor is created, and its enrolments count for the
     * pseudonymous contributor.
     */
    @Test
    void anEnrolmentImportNamingAnErasedAddressDoesNotBringThePersonBack() {
        String org = organisation("company");
        String name = "Fay " + unique("Forgotten");
        String email = unique("fay") + "@" + org + ".example";
        String other = unique("fay.private") + "@gmail.example";
        long fay = erase(io.counterpower.support.Fixtures.contributor(email));
        String gitdm = name + ": " + email.replace('@', '!') + ", " + other.replace('@', '!') + "\n\t" + org + "\n";
        admin().contentType("text/plain").queryParam("format", "gitdm").queryParam("reason", "the foundation's roster")
                .body(gitdm).post("/api/v1/affiliations/import").then().statusCode(200)
                .body("contributorsCreated", equalTo(0)).body("identitiesCreated", equalTo(0)).body("affiliationsCreated", equalTo(1));
        assertEquals(0, count("select count(*) from identity where lower(email) in (lower(?1), lower(?2)) or name = ?3", email, other, name));
        assertEquals(0, count("select count(*) from contributor_version where display_name = ?1", name));
        anonymous().get("/api/v1/contributors/" + fay + "/affiliations").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].organisation", equalTo(org))
                .body("[0].version.reason", equalTo("the foundation's roster"));
        Map<String, Object> person = Map.of("uuid", "x", "profile", Map.of("name", name, "email", email),
                "identities", List.of(Map.of("email", email, "name", name, "source", "git")),
                "enrollments", List.of(Map.of("organization", org, "start", "1900-01-01T00:00:00", "end", "2100-01-01T00:00:00")));
        admin().contentType("application/json").queryParam("format", "sortinghat")
                .body(Map.of("uidentities", Map.of("x", person), "organizations", Map.of(org, List.of(Map.of("domain", org + ".example")))))
                .post("/api/v1/affiliations/import").then().statusCode(200).body("contributorsCreated", equalTo(0))
                .body("identitiesCreated", equalTo(0));
        assertEquals(0, count("select count(*) from identity where name = ?1", name));
    }
}
