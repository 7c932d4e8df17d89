package io.counterpower.collect.github;

import io.agroal.api.AgroalDataSource;
import io.counterpower.support.GitHubStubs;
import io.counterpower.support.PlatformFixtures;
import io.counterpower.support.PlatformServer;
import io.counterpower.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GitHub collection over recorded responses (fixtures/github, served by WireMock): exact counts of
 * what it records, identities and organisation hints, the license, and reruns that add nothing.
 */
@QuarkusTest
class GitHubCollectionTest {

    @Inject
    AgroalDataSource db;

    Sql sql() {
        return new Sql(db);
    }

    /** Posts a GitHub collection of the stubbed repository as admin; returns the job id. */
    static long post(String slug, GitHubStubs github) {
        return admin().body(Map.of("source", "github", "url", github.url()))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    @Test
    void aCollectionRecordsExactlyTheReviewsMergesIssuesReleasesAndLicenseAndARerunAddsNothing() throws SQLException {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        String orgA = PlatformFixtures.organisationWithAlias(github.fixtures.value("orgA"));
        PlatformFixtures.organisationWithAlias(github.fixtures.value("orgB"));
        String slug = project(null);

        JsonPath job = succeeded(post(slug, github));

        assertEquals("github", job.getString("source"));
        assertEquals("done", job.getString("phase"));
        assertEquals(6, job.getInt("progress.done"));                         // 4 + 2 issues and pull requests
        assertEquals(5, job.getInt("stats.platform.reviewContributionsAdded")); // bob twice on #2 counts once
        assertEquals(2, job.getInt("stats.mergeContributionsAdded"));
        assertEquals(3, job.getInt("stats.platform.issueContributionsAdded"));
        assertEquals(2, job.getInt("stats.platform.releaseContributionsAdded")); // the draft is not a release
        assertEquals(1, job.getInt("stats.licensePeriodsAdded"));
        assertEquals(1, job.getInt("stats.platform.orgAffiliationsAdded"));  // grace; bob is in two recorded organisations
        assertEquals(0, job.getInt("stats.commitContributionsAdded"));
        assertEquals(6, job.getInt("stats.identitiesAdded"));                // five people and a bot
        assertEquals(6, job.getInt("stats.contributorsAdded"));
        assertEquals(Map.of("commitContributions", 0, "mergeContributions", 2, "identities", 6, "contributors", 6,
                "botIdentities", 1), job.getMap("stats.totals"));
        assertEquals("2026-09-11T07:00:00Z", job.getString("stats.repositories[0].tip"));
        assertTrue(job.getList("warnings", String.class).stream().anyMatch(w -> w.contains("several recorded organisations")),
                job.getList("warnings").toString());

        long projectId = sql().number("select id from project where slug = ?", slug);
        assertEquals(Map.of("review", 5L, "merge", 2L, "issue", 3L, "release", 2L), sql().countsBy("""
                select kind, count(*) from contribution where project_id = ? and superseded_at is null
                  and source_kind = 'github' group by kind""", projectId));
        // Who merged, with the merge commit as reference: the git collector's reference for the same merge.
        assertEquals(List.of(List.of(github.login("grace"), "2".repeat(40)), List.of(github.login("bob-gh"), "3".repeat(40))),
                sql().rows("""
                        select i.username, c.reference from contribution c join identity i on i.id = c.identity_id
                        where c.project_id = ? and c.kind = 'merge' order by c.at""", projectId));
        assertEquals(Map.of(github.login("bob-gh"), 1L, github.login("carol-gh"), 2L, github.login("grace"), 1L,
                github.login("alice-gh"), 1L), sql().countsBy("""
                select i.username, count(*) from contribution c join identity i on i.id = c.identity_id
                where c.project_id = ? and c.kind = 'review' group by 1""", projectId));
        assertEquals(List.of(List.of(github.login("triage") + "[bot]", "bot-suffix")), sql().rows("""
                select i.username, l.bot_reason from contribution c join identity i on i.id = c.identity_id
                join identity_link l on l.id = i.id and l.superseded_at is null
                where c.project_id = ? and l.is_bot""", projectId));
        assertEquals(List.of(List.of("code", "MIT", "2024-03-01", "initial", "github", "verified")), sql().rows("""
                select artifact, expression, valid_from::text, change_kind, source_kind, confidence from license_period
                where project_id = ? and superseded_at is null""", projectId));
        // Grace's public membership of a recorded organisation: a hint of its own kind, tier 4, from today.
        assertEquals(List.of(List.of(orgA, "github-org", 4, "inferred", true)), sql().rows("""
                select o.key, a.source_kind, a.source_tier, a.confidence, a.valid_from = current_date and a.valid_to is null
                from affiliation a join organisation o on o.id = a.organisation_id
                join identity_link l on l.contributor_id = a.contributor_id and l.superseded_at is null
                join identity i on i.id = l.id
                where i.platform = 'github' and i.username = ? and a.superseded_at is null""", github.login("grace")));

        // The token went to GitHub, in the Authorization header.
        PlatformServer.server().verify(getRequestedFor(urlPathEqualTo(github.path()))
                .withHeader("Authorization", equalTo("Bearer " + PlatformServer.GITHUB_TOKEN)));

        // A rerun starts from the last update read and records nothing new.
        JsonPath rerun = succeeded(post(slug, github));
        PlatformServer.server().verify(getRequestedFor(urlPathEqualTo(github.path() + "/issues"))
                .withQueryParam("since", equalTo("2026-09-11T07:00:00Z")));
        for (String added : List.of("mergeContributionsAdded", "licensePeriodsAdded", "identitiesAdded", "contributorsAdded",
                "platform.reviewContributionsAdded", "platform.issueContributionsAdded",
                "platform.releaseContributionsAdded", "platform.orgAffiliationsAdded", "platform.orgAffiliationsClosed")) {
            assertEquals(0, rerun.getInt("stats." + added), added);
        }
        assertTrue(rerun.getInt("stats.platform.notModified") >= 3, rerun.getString("stats.platform")); // repository, releases, orgs
        // The third run finds the issues unchanged too: GitHub answers 304 to the ETag of the second.
        JsonPath third = succeeded(post(slug, github));
        assertEquals(0, third.getInt("progress.done"));
        assertEquals(Map.of("review", 5L, "merge", 2L, "issue", 3L, "release", 2L), sql().countsBy("""
                select kind, count(*) from contribution where project_id = ? and superseded_at is null group by kind""",
                projectId));
        assertEquals(1L, sql().number("""
                select count(*) from affiliation a where a.source_kind = 'github-org' and a.contributor_id in (
                    select l.contributor_id from identity_link l join identity i on i.id = l.id
                    where i.username = ? and l.superseded_at is null)""", github.login("grace")));
    }

    @Test
    void aMembershipNoLongerPublicEndsTheHintAndAnotherOrganisationStartsOne() throws SQLException {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        PlatformFixtures.organisationWithAlias(github.fixtures.value("orgA"));
        String slug = project(null);
        succeeded(post(slug, github));
        // Grace now shows no recorded organisation: her open hint is closed (it began today, so it is withdrawn).
        GitHubStubs.stub(com.github.tomakehurst.wiremock.client.WireMock
                .get(urlPathEqualTo("/github/users/" + github.login("grace") + "/orgs")).atPriority(GitHubStubs.CONDITIONAL)
                .willReturn(github.json("github/orgs-unrecorded.json").withHeader("ETag", "\"moved\"")));

        JsonPath rerun = succeeded(post(slug, github));

        assertEquals(1, rerun.getInt("stats.platform.orgAffiliationsClosed"));
        assertEquals(0L, sql().number("""
                select count(*) from affiliation a where a.source_kind = 'github-org' and a.superseded_at is null
                  and a.contributor_id in (select l.contributor_id from identity_link l join identity i on i.id = l.id
                                           where i.username = ? and l.superseded_at is null)""", github.login("grace")));
    }

    @Test
    void withoutAUrlEachPlatformReadsTheRecordedRepositoriesOfItsOwnShape() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        String slug = unique("proj");
        Map<String, Object> body = io.counterpower.support.Fixtures.projectBody(slug);
        body.put("repositories", List.of(Map.of("url", github.url(), "role", "code"),
                Map.of("url", "https://huggingface.co/" + github.owner + "/" + github.repo, "role", "weights")));
        admin().body(body).post("/api/v1/projects").then().statusCode(201);

        JsonPath fromGitHub = admin().body(Map.of("source", "github")).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(202).extract().jsonPath();
        assertEquals(List.of(Map.of("url", github.url(), "role", "code")),
                fromGitHub.getList("repositories").stream().map(r -> withoutNulls((Map<?, ?>) r)).toList());
        succeeded(fromGitHub.getLong("id"));
        JsonPath fromHub = admin().body(Map.of("source", "huggingface")).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(202).extract().jsonPath();
        assertEquals(List.of(Map.of("url", "https://huggingface.co/" + github.owner + "/" + github.repo, "role", "weights")),
                fromHub.getList("repositories").stream().map(r -> withoutNulls((Map<?, ?>) r)).toList());
        io.counterpower.collect.git.CollectionJobs.await(fromHub.getLong("id")); // nothing is stubbed for it: it fails, 404
    }

    private static Map<Object, Object> withoutNulls(Map<?, ?> map) {
        Map<Object, Object> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    @Test
    void theJobViewNeverShowsTheToken() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        String slug = project(null);
        long id = post(slug, github);
        succeeded(id);
        String view = anonymous().get("/api/v1/jobs/" + id).then().statusCode(200).extract().asString();
        assertFalse(view.contains(PlatformServer.GITHUB_TOKEN));
        assertFalse(view.contains("ghp_"));
    }
}
