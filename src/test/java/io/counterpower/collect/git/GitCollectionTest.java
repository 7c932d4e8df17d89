package io.counterpower.collect.git;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.counterpower.license.LicenseExpressions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.collect;
import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.organisationBody;
import static io.counterpower.support.Fixtures.projectBody;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collections of real repositories built with JGit in the test, through the API and on the real
 * database: people at two companies and on public mail, a mailmap, a co-author, a merge made
 * through the web UI, a bot, noreply addresses, a license changed from MIT to a non-commercial
 * license and back, a renamed license file, an unrecognised weights license, CODEOWNERS, a CLA, a
 * fork point; then reruns.
 */
@QuarkusTest
class GitCollectionTest {

    static final String MIT = spdxText("MIT").replace("<year> <copyright holders>", "2021 Acme Labs");
    static final String CC_BY_NC = spdxText("CC-BY-NC-4.0");
    static final String MODEL_TERMS = "Example Model Terms\n\nYou may use the weights for research. You may not use "
            + "them to train another model.\n";

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;
    @Inject
    LicenseExpressions expressions;

    /** What {@link #buildHistory} made, for the assertions. */
    record History(String orgA, String orgB, String domainA, String domainB, long carol, ObjectId first,
                   ObjectId nonCommercial, ObjectId backToMit, ObjectId renamed, ObjectId model, ObjectId codeowners,
                   ObjectId codeownersChanged, ObjectId cla, ObjectId governance, ObjectId merge) {
    }

    @Test
    void aHistoryBecomesContributionsIdentitiesAffiliationsLicensePeriodsAndSeats() throws Exception {
        String slug = project();
        History h = buildHistory(dir.resolve("acme.git"));

        JsonPath job = collect(slug, dir.resolve("acme.git"));

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals("done", job.getString("phase"));
        assertEquals(20, job.getInt("progress.done"));
        assertEquals(20, job.getInt("progress.total"));
        assertNull(job.get("error"));
        assertEquals(List.of(), job.getList("warnings"));
        assertEquals(20, job.getInt("stats.commitsRead"));
        assertEquals(20, job.getInt("stats.commitContributionsAdded"));   // 19 authored + 1 co-authored
        assertEquals(1, job.getInt("stats.mergeContributionsAdded"));
        assertEquals(12, job.getInt("stats.identitiesAdded"));            // 9 git, github:grace, github:dependabot[bot], github:alice-gh
        assertEquals(10, job.getInt("stats.contributorsAdded"));          // Carol existed; GitHub (web UI) and alice-gh are new
        assertEquals(7, job.getInt("stats.affiliationsAdded"));
        assertEquals(4, job.getInt("stats.licensePeriodsAdded"));
        assertEquals(4, job.getInt("stats.governanceEventsAdded"));
        assertEquals(2, job.getInt("stats.seatsAdded"));
        assertEquals(Map.of("commitContributions", 20, "mergeContributions", 1, "identities", 10, "contributors", 9,
                "botIdentities", 1), job.getMap("stats.totals"));
        assertEquals("refs/heads/main", job.getString("stats.repositories[0].branch"));
        assertNull(job.get("stats.repositories[0].since"));
        assertEquals(true, job.getBoolean("stats.repositories[0].historyComplete"));

        long projectId = number("select id from project where slug = ?", slug);
        // Contributions by kind and person; the merge is Bob's, made through the web UI.
        assertEquals(Map.of("commit", 20L, "merge", 1L), countsBy(
                "select kind, count(*) from contribution where project_id = ? and superseded_at is null group by kind", projectId));
        assertEquals(List.of(List.of("Bob", "merge", "GitHub", "noreply@github.com", "web-ui")), rows("""
                select i.name, c.kind, ci.name, ci.email, cl.bot_reason from contribution c
                join identity i on i.id = c.identity_id join identity ci on ci.id = c.committer_identity_id
                join identity_link cl on cl.id = ci.id and cl.superseded_at is null
                where c.project_id = ? and c.kind = 'merge'""", projectId));
        assertEquals(h.merge().name(), string("select reference from contribution where project_id = ? and kind = 'merge'", projectId));
        assertEquals(Map.of("Alice", 7L, "Carol", 4L, "Bob", 2L, "Dan", 1L, "Erin", 2L, "Hana", 1L, "Frank", 1L,
                "Grace", 1L, "dependabot[bot]", 1L), countsBy("""
                select i.name, count(*) from contribution c join identity i on i.id = c.identity_id
                where c.project_id = ? and c.kind = 'commit' group by i.name""", projectId));
        assertEquals(List.of(List.of("git", "verified", 120)), rows("""
                select distinct source_kind, confidence, at_offset_minutes from contribution
                where project_id = ? and reference = ?""", projectId, h.first().name()));

        // The mailmap makes Erin's old address her company one: one identity, one contributor.
        assertEquals(0L, number("select count(*) from identity where email = 'erin@oldmail.example'"));
        long erin = contributorOfEmail("erin@" + h.domainB());
        // Grace's noreply address gives a GitHub identity linked to the same contributor.
        long grace = contributorOfEmail("12345+grace@users.noreply.github.com");
        admin().queryParam("platform", "github").queryParam("username", "grace").get("/api/v1/identities")
                .then().statusCode(200).body("totalItems", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].contributor", org.hamcrest.Matchers.equalTo((int) grace))
                .body("items[0].source.kind", org.hamcrest.Matchers.equalTo("git"));
        // Bots are kept and flagged.
        admin().queryParam("email", "49699333+dependabot[bot]@users.noreply.github.com").get("/api/v1/identities")
                .then().statusCode(200).body("items[0].bot", org.hamcrest.Matchers.equalTo(true))
                .body("items[0].botReason", org.hamcrest.Matchers.equalTo("bot-suffix"));
        admin().queryParam("platform", "github").queryParam("username", "dependabot[bot]").get("/api/v1/identities")
                .then().statusCode(200).body("items[0].bot", org.hamcrest.Matchers.equalTo(true));
        admin().queryParam("email", "noreply@github.com").get("/api/v1/identities")
                .then().statusCode(200).body("items[0].botReason", org.hamcrest.Matchers.equalTo("web-ui"));
        // Carol's two addresses were already hers: git adds no contributor for them.
        assertEquals(h.carol(), contributorOfEmail("carol@" + h.domainA()));
        assertEquals(h.carol(), contributorOfEmail("carol@" + h.domainB()));

        // Affiliations from email domains; gmail, noreply and bots give none.
        assertEquals(List.of(h.orgA() + " 2021-01-10..2021-10-06"), affiliations(contributorOfEmail("alice@" + h.domainA())));
        assertEquals(List.of(h.orgA() + " 2021-01-20..2021-06-15", h.orgB() + " 2021-06-16..2021-09-30"), affiliations(h.carol()));
        assertEquals(List.of(h.orgB() + " 2021-02-01..2021-07-10"), affiliations(contributorOfEmail("bob@" + h.domainB())));
        assertEquals(List.of(h.orgB() + " 2021-03-01..2021-07-05"), affiliations(erin));
        assertEquals(List.of(h.orgA() + " 2021-03-05..2021-03-05"), affiliations(contributorOfEmail("hana@research." + h.domainA())));
        assertEquals(List.of(h.orgB() + " 2021-04-01..2021-04-01"), affiliations(contributorOfEmail("frank@" + h.domainB())));
        assertEquals(List.of(), affiliations(contributorOfEmail("dan@gmail.com")));
        assertEquals(List.of(), affiliations(grace));
        assertEquals(List.of(), affiliations(contributorOfEmail("49699333+dependabot[bot]@users.noreply.github.com")));
        anonymous().queryParam("contributor", h.carol()).queryParam("sourceKind", "email-domain").get("/api/v1/affiliations")
                .then().statusCode(200).body("totalItems", org.hamcrest.Matchers.equalTo(2))
                .body("items[0].source.confidence", org.hamcrest.Matchers.equalTo("inferred"))
                .body("items[0].tier", org.hamcrest.Matchers.equalTo(5));

        // License periods: MIT, then non-commercial, then MIT again; the rename continues the period.
        String unrecognised = "LicenseRef-Unrecognised-" + LicenseHistoryTest.sha256(MODEL_TERMS).substring(0, 12);
        assertEquals(List.of(
                List.of("code", "2021-01-10", "MIT", "initial", level("MIT"), h.first().name()),
                List.of("code", "2021-07-01", "CC-BY-NC-4.0", "relicense", level("CC-BY-NC-4.0"), h.nonCommercial().name()),
                List.of("code", "2021-09-01", "MIT", "relicense", level("MIT"), h.backToMit().name()),
                List.of("weights", "2021-10-06", unrecognised, "initial", -1, h.model().name())), rows("""
                select artifact, valid_from::text, expression, change_kind, coalesce(level, -1), evidence_ref from license_period
                where project_id = ? and superseded_at is null order by artifact, valid_from""", projectId));
        assertEquals(1, level("MIT"));
        assertEquals(6, level("CC-BY-NC-4.0"));
        assertEquals(List.of(List.of(LicenseHistoryTest.sha256(MODEL_TERMS), 0, 7, "git", "inferred")), rows("""
                select text_sha256, level_lower, level_upper, source_kind, confidence from license_period
                where project_id = ? and artifact = 'weights'""", projectId));

        // Governance: document changes, a CLA, and CODEOWNERS seats with their dates.
        assertEquals(List.of(
                List.of("governance-doc-change", "2021-04-01", "CODEOWNERS added: CODEOWNERS", h.codeowners().name()),
                List.of("governance-doc-change", "2021-08-01", "CODEOWNERS modified: CODEOWNERS", h.codeownersChanged().name()),
                List.of("cla-introduced", "2021-10-05",
                        "CONTRIBUTING added: CONTRIBUTING.md; a Contributor License Agreement is now mentioned", h.cla().name()),
                List.of("governance-doc-change", "2021-10-06", "GOVERNANCE added: GOVERNANCE.md", h.governance().name())),
                rows("""
                        select kind, event_date::text, note, evidence_ref from governance_event
                        where project_id = ? and superseded_at is null order by event_date, row_id""", projectId));
        long aliceGh = number("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where i.platform = 'github' and i.username = 'alice-gh'""");
        assertEquals(List.of(
                List.of("maintainers", "Code owners (CODEOWNERS)", aliceGh, "code-owner", "2021-04-01", "2021-07-31"),
                List.of("maintainers", "Code owners (CODEOWNERS)", grace, "code-owner", "2021-04-01", "open")), rows("""
                select b.kind, b.name, s.holder_contributor_id, s.role, s.valid_from::text, coalesce(s.valid_to::text, 'open')
                from governance_seat s join governance_body b on b.id = s.body_id and b.superseded_at is null
                where b.project_id = ? and s.superseded_at is null order by s.valid_from, s.valid_to nulls last""", projectId));

        // A rerun reads nothing new and records nothing, so the data version (every ETag) stays.
        String version = io.counterpower.support.Api.anonymous().get("/api/v1/projects/" + slug).then().statusCode(200)
                .extract().header("Counterpower-Data-Version");
        JsonPath rerun = collect(slug, dir.resolve("acme.git"));
        assertEquals(version, io.counterpower.support.Api.anonymous().get("/api/v1/projects/" + slug).then().statusCode(200)
                .extract().header("Counterpower-Data-Version"), "a rerun that read no commit moved the data version");
        assertEquals("succeeded", rerun.getString("state"));
        assertEquals(0, rerun.getInt("stats.commitsRead"));
        assertEquals(job.getString("stats.repositories[0].tip"), rerun.getString("stats.repositories[0].since"));
        for (String added : List.of("commitContributionsAdded", "mergeContributionsAdded", "identitiesAdded", "contributorsAdded",
                "affiliationsAdded", "affiliationsSuperseded", "licensePeriodsAdded", "governanceEventsAdded", "seatsAdded")) {
            assertEquals(0, rerun.getInt("stats." + added), added);
        }
        assertEquals(job.getMap("stats.totals"), rerun.getMap("stats.totals"));

        // A new commit: only it is read, and Alice's inferred period grows (a new version of the same fact).
        long alicePeriod = number("select id from affiliation where contributor_id = ? and superseded_at is null",
                contributorOfEmail("alice@" + h.domainA()));
        try (HistoryFixture repo = HistoryFixture.existing(dir.resolve("acme.git"))) {
            repo.commit("main").by("Alice", "alice@" + h.domainA(), "2021-11-01T09:00:00Z").put("src/k.py", "k\n").create();
        }
        JsonPath incremental = collect(slug, dir.resolve("acme.git"));
        assertEquals(1, incremental.getInt("stats.commitsRead"));
        assertEquals(1, incremental.getInt("stats.commitContributionsAdded"));
        assertEquals(1, incremental.getInt("stats.affiliationsAdded"));
        assertEquals(1, incremental.getInt("stats.affiliationsSuperseded"));
        assertEquals(List.of(h.orgA() + " 2021-01-10..2021-11-01"), affiliations(contributorOfEmail("alice@" + h.domainA())));
        assertEquals(alicePeriod, number("select id from affiliation where contributor_id = ? and superseded_at is null",
                contributorOfEmail("alice@" + h.domainA())));
        anonymous().get("/api/v1/affiliations/" + alicePeriod + "/history").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.hasSize(2));

        // A crash after the commits but before the cursor: the rerun reads everything again and duplicates nothing.
        execute("delete from collection_cursor where project_id = ?", projectId);
        JsonPath afterCrash = collect(slug, dir.resolve("acme.git"));
        assertEquals("succeeded", afterCrash.getString("state"));
        assertEquals(21, afterCrash.getInt("stats.commitsRead"));
        for (String added : List.of("commitContributionsAdded", "mergeContributionsAdded", "identitiesAdded", "contributorsAdded",
                "affiliationsAdded", "licensePeriodsAdded", "licensePeriodsSuperseded", "governanceEventsAdded", "seatsAdded",
                "seatsSuperseded")) {
            assertEquals(0, afterCrash.getInt("stats." + added), added);
        }
        assertEquals(Map.of("commit", 21L, "merge", 1L), countsBy(
                "select kind, count(*) from contribution where project_id = ? and superseded_at is null group by kind", projectId));
        assertEquals(4L, number("select count(*) from license_period where project_id = ? and superseded_at is null", projectId));
    }

    @Test
    void aForkSkipsTheCommitsOfItsUpstream() throws Exception {
        Path upstreamRepo = dir.resolve("upstream");
        ObjectId forkPoint;
        try (HistoryFixture repo = HistoryFixture.withWorkTree(upstreamRepo)) {
            repo.commit("main").by("Up One", "one@upstream.example", "2020-01-01T00:00:00Z").put("a.txt", "a\n").create();
            repo.commit("main").by("Up Two", "two@upstream.example", "2020-02-01T00:00:00Z").put("b.txt", "b\n").create();
            forkPoint = repo.commit("main").by("Up One", "one@upstream.example", "2020-03-01T00:00:00Z").put("c.txt", "c\n").create();
        }
        Path forkRepo = dir.resolve("fork.git");
        Git.cloneRepository().setURI(upstreamRepo.toUri().toString()).setDirectory(forkRepo.toFile()).setBare(true).call().close();
        try (HistoryFixture repo = HistoryFixture.existing(forkRepo)) {
            repo.commit("main").by("Fork One", "one@fork.example", "2020-04-01T00:00:00Z").put("d.txt", "d\n").create();
            repo.commit("main").by("Fork Two", "two@fork.example", "2020-05-01T00:00:00Z")
                    .message("Fork work\n\nCo-authored-by: Up Two <two@upstream.example>").put("e.txt", "e\n").create();
        }
        String upstream = project();
        String fork = unique("fork");
        Map<String, Object> body = projectBody(fork);
        body.put("upstream", upstream);
        body.put("forkPointCommit", forkPoint.name());
        admin().body(body).post("/api/v1/projects").then().statusCode(201);

        JsonPath job = collect(fork, forkRepo);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(2, job.getInt("progress.total"));
        assertEquals(2, job.getInt("stats.commitsRead"));
        assertEquals(3, job.getInt("stats.commitContributionsAdded"));
        long forkId = number("select id from project where slug = ?", fork);
        assertEquals(Map.of("Fork One", 1L, "Fork Two", 1L, "Up Two", 1L), countsBy("""
                select i.name, count(*) from contribution c join identity i on i.id = c.identity_id
                where c.project_id = ? group by i.name""", forkId));
        // Neither side ever held a license file: nothing is known, so no period (METHODOLOGY.md section 2), not level 7.
        assertEquals(List.of(), rows("""
                select artifact, valid_from::text, expression, level from license_period where project_id = ?""", forkId));
    }

    @Test
    void aStewardMayCollectItsProjectAndTheFactsStayCollected() throws Exception {
        String steward = io.counterpower.support.Fixtures.organisation("foundation");
        String slug = io.counterpower.support.Fixtures.project(steward);
        String stewardKey = io.counterpower.support.Fixtures.key("steward:" + steward);
        String outsiderKey = io.counterpower.support.Fixtures.key("steward:" + io.counterpower.support.Fixtures.organisation("company"));
        Path repoPath = dir.resolve("small.git");
        try (HistoryFixture repo = HistoryFixture.bare(repoPath)) {
            repo.commit("main").by("Ann", "ann@example.org", "2022-01-01T00:00:00Z").put("a.txt", "a\n").create();
        }
        io.counterpower.support.Api.as(outsiderKey).body(CollectionJobs.body(repoPath.toUri().toString(), null))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(403);
        io.counterpower.support.Api.invalid().contentType("application/json").body(CollectionJobs.body(repoPath.toUri().toString(), null))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(401);
        // A steward is an outside party: paths on the service's disk are for curators only.
        io.counterpower.support.Api.as(stewardKey).body(CollectionJobs.body(repoPath.toUri().toString(), null))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("https repositories only"));
        // Nor hosts in the service's own network (CollectionSecurityTest has the whole list).
        io.counterpower.support.Api.as(stewardKey).body(CollectionJobs.body("https://127.0.0.1:9/nothing.git", null))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("url"));
        long id = io.counterpower.support.Api.admin().body(CollectionJobs.body(repoPath.toUri().toString(), null))
                .post("/api/v1/projects/" + slug + "/collections").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        succeeded(id);
        long projectId = number("select id from project where slug = ?", slug);
        assertEquals(List.of(List.of("git", "verified")), rows(
                "select distinct source_kind, confidence from contribution where project_id = ?", projectId));
        assertEquals(List.of(List.of("git")), rows("""
                select distinct cv.source_kind from contribution c join identity_link l on l.id = c.identity_id
                join contributor_version cv on cv.id = l.contributor_id where c.project_id = ?""", projectId));
    }

    @Test
    void theRecordedRepositoriesAreCollectedWhenNoUrlIsGiven() throws Exception {
        Path code = dir.resolve("code.git");
        Path weights = dir.resolve("weights.git");
        try (HistoryFixture repo = HistoryFixture.bare(code)) {
            repo.commit("main").by("Ann", "ann@example.org", "2022-01-01T00:00:00Z").put("LICENSE", MIT).create();
        }
        try (HistoryFixture repo = HistoryFixture.bare(weights)) {
            repo.commit("main").by("Ann", "ann@example.org", "2022-02-01T00:00:00Z").put("LICENSE", CC_BY_NC).create();
            repo.commit("main").by("Ben", "ben@example.org", "2022-02-02T00:00:00Z").put("model.bin", "0\n").create();
        }
        String slug = unique("multi");
        Map<String, Object> body = projectBody(slug);
        body.put("repositories", List.of(Map.of("url", code.toUri().toString()),
                Map.of("url", weights.toUri().toString(), "role", "weights")));
        admin().body(body).post("/api/v1/projects").then().statusCode(201);

        long id = admin().body(Map.of("source", "git")).post("/api/v1/projects/" + slug + "/collections").then().statusCode(202)
                .body("repositories", org.hamcrest.Matchers.hasSize(2))
                .body("repositories[1].role", org.hamcrest.Matchers.equalTo("weights"))
                .extract().jsonPath().getLong("id");
        JsonPath job = succeeded(id);

        assertEquals(3, job.getInt("progress.total"));
        assertEquals(2, job.getList("stats.repositories").size());
        long projectId = number("select id from project where slug = ?", slug);
        // The weights repository's plain LICENSE covers its weights.
        assertEquals(List.of(List.of("code", "MIT"), List.of("weights", "CC-BY-NC-4.0")), rows(
                "select artifact, expression from license_period where project_id = ? order by artifact", projectId));
        assertEquals(2L, number("select count(*) from collection_cursor where project_id = ?", projectId));
    }

    @Test
    void curatedFactsWinAndTheChangesOfADayAreOneEvent() throws Exception {
        String slug = project();
        long projectId = number("select id from project where slug = ?", slug);
        // A curator says the code was Apache-2.0 from the first day, whatever the file said.
        execute("""
                insert into license_period (project_id, artifact, expression, valid_from, change_kind, source_kind,
                                            source_url, confidence)
                values (?, 'code', 'Apache-2.0', date '2022-01-01', 'initial', 'manual', 'https://example.org/terms', 'verified')""",
                projectId);
        Path path = dir.resolve("day.git");
        ObjectId codeowners;
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("Ann", "ann@example.org", "2022-01-01T09:00:00Z").put("LICENSE", MIT).create();
            codeowners = repo.commit("main").by("Ann", "ann@example.org", "2022-02-01T09:00:00Z")
                    .put("CODEOWNERS", "* @ann\n").create();
            repo.commit("main").by("Ann", "ann@example.org", "2022-02-01T17:00:00Z")
                    .put("MAINTAINERS", "Ann <ann@example.org>\n").create();
            repo.commit("main").by("Ann", "ann@example.org", "2022-03-01T09:00:00Z").put("LICENSE", CC_BY_NC).create();
        }

        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(List.of(List.of("2022-01-01", "Apache-2.0", "manual"), List.of("2022-03-01", "CC-BY-NC-4.0", "git")), rows("""
                select valid_from::text, expression, source_kind from license_period
                where project_id = ? and superseded_at is null order by valid_from""", projectId));
        assertEquals(List.of(List.of("governance-doc-change", "2022-02-01",
                "CODEOWNERS added: CODEOWNERS; MAINTAINERS added: MAINTAINERS", codeowners.name())), rows("""
                select kind, event_date::text, note, evidence_ref from governance_event
                where project_id = ? and superseded_at is null""", projectId));
        assertEquals(1, job.getInt("stats.governanceEventsAdded"));
        assertEquals(1, job.getInt("stats.licensePeriodsAdded"));
        // In every reader the curated period covers the dates it spans: the git period inside it is not in force.
        assertEquals(List.of(List.of("2022-01-01", "Apache-2.0", "manual")), rows("""
                select valid_from::text, expression, source_kind from license_periods_effective(?, null) order by valid_from""",
                projectId));
        // Two bodies, one seat each, both held by Ann.
        long ann = contributorOfEmail("ann@example.org");
        assertEquals(List.of(List.of("Code owners (CODEOWNERS)", "code-owner"), List.of("Maintainers (MAINTAINERS)", "maintainer")),
                rows("""
                        select b.name, s.role from governance_seat s join governance_body b on b.id = s.body_id
                        where b.project_id = ? and s.holder_contributor_id in (?, (select l.contributor_id from identity i
                              join identity_link l on l.id = i.id and l.superseded_at is null
                              where i.platform = 'github' and i.username = 'ann'))
                        order by b.name""", projectId, ann));
    }

    // ---- the history ----------------------------------------------------------------------------

    private History buildHistory(Path path) throws Exception {
        String orgA = unique("acme");
        String orgB = unique("beta");
        String domainA = orgA + ".example";
        String domainB = orgB + ".example";
        admin().body(organisationBody(orgA, "company", List.of(domainA))).post("/api/v1/organisations").then().statusCode(201);
        admin().body(organisationBody(orgB, "company", List.of(domainB))).post("/api/v1/organisations").then().statusCode(201);
        // Carol is recorded by a curator with both her addresses before any collection.
        long carol = admin().body(Map.of("displayName", "Carol",
                        "identities", List.of(Map.of("name", "Carol", "email", "carol@" + domainA),
                                Map.of("name", "Carol", "email", "carol@" + domainB)),
                        "source", source()))
                .post("/api/v1/contributors").then().statusCode(201).extract().jsonPath().getLong("id");

        String alice = "alice@" + domainA;
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            ObjectId first = repo.commit("main").by("Alice", alice, "2021-01-10T09:00:00+02:00")
                    .put("LICENSE", MIT).put("README.md", "Acme\n").create();
            repo.commit("main").by("Carol", "carol@" + domainA, "2021-01-20T10:00:00Z").put("src/a.py", "a\n").create();
            repo.commit("main").by("Bob", "bob@" + domainB, "2021-02-01T10:00:00Z").put("src/b.py", "b\n").create();
            repo.commit("main").by("Dan", "dan@gmail.com", "2021-02-15T10:00:00Z").put("src/c.py", "c\n").create();
            repo.commit("main").by("Erin Old", "erin@oldmail.example", "2021-03-01T10:00:00Z").put("src/d.py", "d\n").create();
            repo.commit("main").by("Hana", "hana@research." + domainA, "2021-03-05T10:00:00Z").put("src/e.py", "e\n").create();
            ObjectId codeowners = repo.commit("main").by("Alice", alice, "2021-04-01T10:00:00Z")
                    .message("Add owners and the mailmap\n\nCo-authored-by: Frank <frank@" + domainB + ">")
                    .put(".mailmap", "Erin <erin@" + domainB + "> <erin@oldmail.example>\n")
                    .put("CODEOWNERS", "* @alice-gh @grace\n").create();
            repo.commit("main").by("Carol", "carol@" + domainB, "2021-05-01T10:00:00Z").put("src/f.py", "f\n").create();
            repo.commit("main").by("Grace", "12345+grace@users.noreply.github.com", "2021-05-10T10:00:00Z")
                    .put("src/g.py", "g\n").create();
            repo.commit("main").by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "2021-06-01T10:00:00Z")
                    .put("requirements.txt", "torch==2.0\n").create();
            repo.commit("main").by("Carol", "carol@" + domainA, "2021-06-15T10:00:00Z").put("src/h.py", "h\n").create();
            ObjectId nonCommercial = repo.commit("main").by("Bob", "bob@" + domainB, "2021-07-01T10:00:00Z")
                    .put("LICENSE", CC_BY_NC).create();
            repo.moveBranch("feature", nonCommercial);
            ObjectId feature = repo.commit("feature").by("Erin Old", "erin@oldmail.example", "2021-07-05T10:00:00Z")
                    .put("src/i.py", "i\n").create();
            ObjectId merge = repo.commit("main").by("Bob", "bob@" + domainB, "2021-07-10T10:00:00Z")
                    .committedBy("GitHub", "noreply@github.com", "2021-07-10T10:00:00Z")
                    .message("Merge pull request #1 from acme/feature").merging(feature).put("src/i.py", "i\n").create();
            ObjectId codeownersChanged = repo.commit("main").by("Alice", alice, "2021-08-01T10:00:00Z")
                    .put("CODEOWNERS", "* @grace\n").create();
            ObjectId backToMit = repo.commit("main").by("Alice", alice, "2021-09-01T10:00:00Z").put("LICENSE", MIT).create();
            repo.commit("main").by("Carol", "carol@" + domainB, "2021-09-30T10:00:00Z").put("src/j.py", "j\n").create();
            ObjectId renamed = repo.commit("main").by("Alice", alice, "2021-10-01T10:00:00Z").rename("LICENSE", "LICENSE.md").create();
            ObjectId cla = repo.commit("main").by("Alice", alice, "2021-10-05T10:00:00Z")
                    .put("CONTRIBUTING.md", "# Contributing\n\nPlease sign our Contributor License Agreement (CLA) first.\n").create();
            ObjectId governance = repo.commit("main").by("Alice", alice, "2021-10-06T10:00:00Z")
                    .put("GOVERNANCE.md", "# Governance\n\nAcme decides.\n").put("LICENSE-MODEL", MODEL_TERMS).create();
            return new History(orgA, orgB, domainA, domainB, carol, first, nonCommercial, backToMit, renamed, governance,
                    codeowners, codeownersChanged, cla, governance, merge);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String project() {
        String slug = unique("git");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        return slug;
    }

    static String spdxText(String id) {
        try (InputStream in = GitCollectionTest.class.getClassLoader().getResourceAsStream("resources/stdlicenses/" + id + ".json")) {
            return new ObjectMapper().readTree(in).get("licenseText").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private int level(String expression) {
        return expressions.evaluate(expression).level();
    }

    private long contributorOfEmail(String email) throws SQLException {
        return number("""
                select l.contributor_id from identity i join identity_link l on l.id = i.id and l.superseded_at is null
                where lower(i.email) = ? order by i.id limit 1""", email);
    }

    private List<String> affiliations(long contributor) {
        JsonPath page = anonymous().queryParam("contributor", contributor).queryParam("sort", "from")
                .get("/api/v1/affiliations").then().statusCode(200).extract().jsonPath();
        List<String> periods = new ArrayList<>();
        for (int i = 0; i < page.getList("items").size(); i++) {
            assertEquals("email-domain", page.getString("items[" + i + "].source.kind"));
            periods.add(page.getString("items[" + i + "].organisation") + " " + page.getString("items[" + i + "].from")
                    + ".." + page.getString("items[" + i + "].to"));
        }
        return periods;
    }

    long number(String sql, Object... params) throws SQLException {
        List<List<Object>> rows = rows(sql, params);
        assertTrue(rows.size() == 1, "one row expected from " + sql + ", got " + rows);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    String string(String sql, Object... params) throws SQLException {
        return (String) rows(sql, params).get(0).get(0);
    }

    void execute(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    Map<String, Long> countsBy(String sql, Object... params) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<Object> row : rows(sql, params)) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return counts;
    }

    List<List<Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        Object value = r.getObject(i);
                        row.add(value instanceof Short s2 ? (int) s2 : value instanceof Integer n ? n : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
