package io.counterpower.collect.git;

import io.agroal.api.AgroalDataSource;
import io.counterpower.support.GitHubStubs;
import io.counterpower.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The git and GitHub collectors over one project: GitHub logins meet the contributors the git
 * collector found through noreply addresses, and a merge read from both counts once, for the person
 * GitHub says merged it, in {@code gatekeeper_top_org_share}.
 */
@QuarkusTest
class GitAndGitHubMergersTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;

    @Test
    void gitHubLoginsJoinNoreplyContributorsAndTheGatekeeperShareCountsGitHubsMergersOnce() throws Exception {
        String run = unique("t");
        String graceNoreply = "12345+grace-" + run + "@users.noreply.github.com";
        ObjectId m2;
        ObjectId m3;
        try (HistoryFixture git = HistoryFixture.bare(dir.resolve("model.git"))) {
            git.commit("main").by("Grace", graceNoreply, "2026-09-01T10:00:00Z").put("README.md", "A model\n").create();
            ObjectId tokenizer = git.commit("f2").orphan().by("Hana", "hana@hana.example", "2026-09-03T09:00:00Z")
                    .put("tokenizer.py", "pass\n").create();
            m2 = git.commit("main").merging(tokenizer).by("Grace", graceNoreply, "2026-09-05T12:00:00Z")
                    .message("Merge pull request #2").create();
            ObjectId loader = git.commit("f3").orphan().by("Alice", "alice@alice.example", "2026-09-08T09:00:00Z")
                    .put("loader.py", "pass\n").create();
            // The merge commit's author is whoever git was told; GitHub says bob-gh merged it.
            m3 = git.commit("main").merging(loader).by("Bob Git", "bob@bob-home.example", "2026-09-10T16:00:00Z")
                    .message("Merge pull request #3").create();
        }
        GitHubStubs github = new GitHubStubs(run);
        github.fixtures.with("mergeSha2", m2.name()).with("mergeSha3", m3.name());
        github.stubAll();
        String slug = project(null);

        succeeded(CollectionJobs.post(slug, dir.resolve("model.git")));
        JsonPath job = succeeded(admin().body(Map.of("source", "github", "url", github.url()))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(202).extract().jsonPath().getLong("id"));

        Sql sql = new Sql(db);
        long grace = sql.number("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where lower(i.email) = ?""", graceNoreply);
        // The login GitHub reports as merger is the contributor of the noreply address: one person.
        assertEquals(grace, sql.number("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where i.platform = 'github' and i.username = ?""", github.login("grace")));
        // Each merge is recorded by both collectors, with the same reference.
        long projectId = sql.number("select id from project where slug = ?", slug);
        assertEquals(Map.of("git", 2L, "github", 2L), sql.countsBy("""
                select source_kind, count(*) from contribution where project_id = ? and kind = 'merge'
                  and reference = any(?) group by 1""", projectId, new String[] {m2.name(), m3.name()}));

        // Grace and bob-gh work for A; the author of the web-UI merge commit, Bob Git, for C.
        String a = organisation("company");
        String c = organisation("company");
        long bobGitHub = sql.number("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where i.platform = 'github' and i.username = ?""", github.login("bob-gh"));
        long bobGit = sql.number("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where i.email = 'bob@bob-home.example'""");
        affiliate(grace, a);
        affiliate(bobGitHub, a);
        affiliate(bobGit, c);

        JsonPath indicators = anonymous().queryParams(Map.of("at", "2026-09-30", "window", "P12M"))
                .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().jsonPath();
        Map<String, Object> gatekeeper = indicators.getMap("indicators.find { it.name == 'gatekeeper_top_org_share' }");
        // GitHub's mergers, each merge once: A merged both. Git's authors would give 1/2 (A and C), both
        // records together 3/4.
        assertEquals(1.0, ((Number) gatekeeper.get("value")).doubleValue(), gatekeeper.toString());
        assertEquals(2, ((Number) gatekeeper.get("n")).intValue(), gatekeeper.toString());
        // Git found no license file, which records nothing (METHODOLOGY.md section 2: before the first file nothing is
        // known, not "no license"); GitHub's report is then the artifact's first, initial period, with no conflict.
        assertTrue(job.getList("warnings", String.class).stream().noneMatch(w -> w.contains("GitHub reports the license")),
                job.getList("warnings").toString());
        assertEquals(List.of(List.of("MIT", "github", "initial")), sql.rows("""
                select expression, source_kind, change_kind from license_period
                where project_id = ? and artifact = 'code' and superseded_at is null""", projectId));
    }

    private static void affiliate(long contributor, String organisation) {
        Map<String, Object> body = new HashMap<>();
        body.put("contributor", contributor);
        body.put("organisation", organisation);
        body.put("from", "2020-01-01");
        body.put("source", source());
        admin().body(body).post("/api/v1/affiliations").then().statusCode(201);
    }
}
