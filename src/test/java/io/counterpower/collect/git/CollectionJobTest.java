package io.counterpower.collect.git;

import io.agroal.api.AgroalDataSource;
import io.counterpower.collect.JobService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.await;
import static io.counterpower.collect.git.CollectionJobs.body;
import static io.counterpower.collect.git.CollectionJobs.collect;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.projectBody;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job side of collections: one at a time per project, interrupted jobs, bad bodies and bad repositories. */
@QuarkusTest
class CollectionJobTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;
    @Inject
    JobService jobs;

    @Test
    void aSecondCollectionWhileOneRunsIsAConflictAndAnInterruptedJobFailsAndCanBeRerun() throws Exception {
        String slug = project();
        Path repo = smallRepository("r.git");
        long projectId = number("select id from project where slug = ?", slug);
        // Another instance is running a collection of this project.
        long running = number("""
                insert into job (kind, project_id, source, state, phase, started_at, heartbeat_at, worker)
                values ('collection', ?, 'git', 'running', 'reading', now(), now(), 'elsewhere') returning id""", projectId);

        admin().body(body(repo.toUri().toString(), null)).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("job " + running));
        anonymous().queryParam("project", slug).queryParam("state", "running").get("/api/v1/jobs")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) running));

        // That instance died: its heartbeat stopped, and the job is failed with a clear error.
        number("update job set heartbeat_at = now() - interval '10 minutes' where id = ? returning id", running);
        assertTrue(jobs.failStale(Duration.ofSeconds(60)) >= 1);
        anonymous().get("/api/v1/jobs/" + running).then().statusCode(200)
                .body("state", equalTo("failed"))
                .body("error", startsWith("Interrupted: the worker running this job stopped"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());

        // It can be asked for again.
        JsonPath again = collect(slug, repo);
        assertEquals("succeeded", again.getString("state"), again.getString("error"));
        assertEquals(2, again.getInt("stats.commitContributionsAdded"));
        // How far the collection reaches (METHODOLOGY.md v2 section 3): the newest commit read, Ben's of 2022-01-02.
        anonymous().get("/api/v1/projects/" + slug).then().statusCode(200).body("collectedThrough", equalTo("2022-01-02"));
        anonymous().queryParam("project", slug).get("/api/v1/jobs").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items[0].state", equalTo("succeeded"))
                .body("items[1].state", equalTo("failed"));
        anonymous().queryParam("project", slug).queryParam("state", "failed").get("/api/v1/jobs")
                .then().statusCode(200).body("totalItems", equalTo(1));
        anonymous().queryParam("state", "paused").get("/api/v1/jobs").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
        anonymous().get("/api/v1/jobs/999999999").then().statusCode(404);
    }

    @Test
    void badBodiesAreRefusedWithTheFieldAtFault() throws Exception {
        String slug = project();
        String url = smallRepository("r.git").toUri().toString();
        for (Object[] c : new Object[][] {
                {Map.of("source", "svn", "url", url), "source", "must be git, github or huggingface"},
                {Map.of("source", "github", "url", url), "url", "a repository on github.com"},
                {Map.of("source", "github"), "url", "no repository recorded that is a repository on github.com"},
                {Map.of("source", "github", "url", "https://github.com/a/b", "branch", "main"), "branch", "git collections only"},
                {Map.of("source", "huggingface", "url", "https://huggingface.co/datasets/a/b"), "url", "a model on the Hugging Face Hub"},
                {Map.of("source", "huggingface", "url", "https://github.com/a/b"), "url", "a model on the Hugging Face Hub"},
                {Map.of("url", url), "source", "is required"},
                {Map.of("source", "git"), "url", "has no repository recorded"},
                {Map.of("source", "git", "url", "repo/relative"), "url", "relative path"},
                {Map.of("source", "git", "url", "http://example.org/r.git"), "url", "use https"},
                {Map.of("source", "git", "url", "ssh://git@github.com/a/b.git"), "url", "ssh"},
                {Map.of("source", "git", "url", "git@github.com:a/b.git"), "url", "ssh"},
                {Map.of("source", "git", "url", url, "branch", "--upload-pack=touch"), "branch", "branch name"}}) {
            admin().body(c[0]).post("/api/v1/projects/" + slug + "/collections").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c[1]))
                    .body("errors[0].message", containsString((String) c[2]));
        }
        io.counterpower.support.Api.invalidAsAdmin().contentType("application/json")
                .body(Map.of("source", "git", "url", url, "depth", 1)).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(400).body("errors[0].field", equalTo("depth"));
        admin().body(Map.of("source", "git", "url", url)).post("/api/v1/projects/" + unique("nope") + "/collections")
                .then().statusCode(404);
        anonymous().queryParam("project", slug).get("/api/v1/jobs").then().body("totalItems", equalTo(0));
    }

    @Test
    void repositoriesThatCannotBeReadFailTheJobWithAClearError() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("notes.txt"), "not a repository\n");
        Path empty = dir.resolve("empty.git");
        Git.init().setBare(true).setDirectory(empty.toFile()).call().close();
        Path repo = smallRepository("r.git");

        assertFailure(Map.of("source", "git", "url", dir.resolve("nowhere").toUri().toString()), "Nothing exists at");
        assertFailure(Map.of("source", "git", "url", plain.toString()), "is not a git repository");
        assertFailure(Map.of("source", "git", "url", empty.toUri().toString()), "The repository has no commit");
        assertFailure(Map.of("source", "git", "url", repo.toUri().toString(), "branch", "nope"), "No branch nope (there are: main)");
        assertFailure(Map.of("source", "git", "url", "https://127.0.0.1:9/nothing.git"), "Cannot clone https://127.0.0.1:9/nothing.git");
    }

    @Test
    void whatWasCollectedBeforeAFailureStaysConsistent() throws Exception {
        Path good = smallRepository("good.git");
        String slug = unique("half");
        Map<String, Object> project = projectBody(slug);
        project.put("repositories", List.of(Map.of("url", good.toUri().toString()),
                Map.of("url", dir.resolve("zz-missing.git").toUri().toString())));
        admin().body(project).post("/api/v1/projects").then().statusCode(201);

        long id = admin().body(Map.of("source", "git")).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath job = await(id);

        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").contains("zz-missing.git"), job.getString("error"));
        assertEquals(2, job.getInt("stats.commitContributionsAdded"));
        long projectId = number("select id from project where slug = ?", slug);
        assertEquals(2L, number("select count(*) from contribution where project_id = ?", projectId));
        assertEquals(1L, number("select count(*) from collection_cursor where project_id = ?", projectId));
    }

    @Test
    void aShallowCloneIsReadAsFarAsItGoesWithAWarning() throws Exception {
        Path source = dir.resolve("source");
        try (HistoryFixture repo = HistoryFixture.withWorkTree(source)) {
            repo.commit("main").by("Ann", "ann@example.org", "2022-01-01T00:00:00Z").put("a.txt", "a\n").create();
            repo.commit("main").by("Ben", "ben@example.org", "2022-01-02T00:00:00Z").put("b.txt", "b\n").create();
            repo.commit("main").by("Cy", "cy@example.org", "2022-01-03T00:00:00Z").put("c.txt", "c\n").create();
        }
        Path shallow = dir.resolve("shallow");
        Git.cloneRepository().setURI(source.toUri().toString()).setDirectory(shallow.toFile()).setDepth(1).call().close();

        JsonPath job = collect(project(), shallow);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(1, job.getInt("stats.commitsRead"));
        assertFalse(job.getBoolean("stats.repositories[0].historyComplete"));
        assertTrue(job.getString("warnings[0]").contains("is a shallow clone"), job.getString("warnings[0]"));
    }

    @Test
    void aRewrittenHistoryIsReadInFullWithAWarning() throws Exception {
        String slug = project();
        Path path = smallRepository("r.git");
        assertEquals(2, collect(slug, path).getInt("stats.commitsRead"));
        try (HistoryFixture repo = HistoryFixture.existing(path)) {
            // A force-push replaces the history with a new root and one commit on top.
            ObjectId root = repo.commit("main").orphan().by("Ann", "ann@example.org", "2022-01-01T00:00:00Z")
                    .put("a.txt", "a, rewritten\n").create();
            repo.moveBranch("main", root);
            repo.commit("main").by("Cy", "cy@example.org", "2022-01-05T00:00:00Z").put("c.txt", "c\n").create();
        }

        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(2, job.getInt("stats.commitsRead"));
        assertTrue(job.getString("warnings[0]").contains("It was read in full"), job.getString("warnings[0]"));
        assertEquals(2, job.getInt("stats.commitContributionsAdded"));
        assertEquals(4L, number("select count(*) from contribution where project_id = (select id from project where slug = ?)", slug));
    }

    /** A full read after a rewrite closes the git license periods the new history no longer holds, and keeps the rest. */
    @Test
    void aRewrittenHistoryClosesTheLicensePeriodsItNoLongerHolds() throws Exception {
        String slug = project();
        Path path = dir.resolve("licensed.git");
        String mit = "MIT License\n\nCopyright (c) 2022 Example\n\nPermission is hereby granted...\n";
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("Ann", "ann@example.org", "2022-01-01T00:00:00Z").put("LICENSE", mit).create();
            repo.commit("main").by("Ben", "ben@example.org", "2022-01-03T00:00:00Z")
                    .put("LICENSE", "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n").create();
        }
        assertEquals("succeeded", collect(slug, path).getString("state"));
        long projectId = number("select id from project where slug = ?", slug);
        String periods = "select count(*) from license_period where project_id = ? and source_kind = 'git'";
        assertEquals(2L, number(periods + " and superseded_at is null", projectId));
        try (HistoryFixture repo = HistoryFixture.existing(path)) {
            // A force-push keeps the first license and drops the change of 2022-01-03.
            ObjectId root = repo.commit("main").orphan().by("Ann", "ann@example.org", "2022-01-01T00:00:00Z")
                    .put("LICENSE", mit).create();
            repo.moveBranch("main", root);
            repo.commit("main").by("Cy", "cy@example.org", "2022-01-05T00:00:00Z").put("c.txt", "c\n").create();
        }

        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertTrue(job.getString("warnings[0]").contains("It was read in full"), job.getString("warnings[0]"));
        assertEquals(1L, number(periods + " and superseded_at is null and valid_from = date '2022-01-01'", projectId));
        assertEquals(0L, number(periods + " and superseded_at is null and valid_from = date '2022-01-03'", projectId));
        assertEquals(1L, number(periods + " and superseded_at is not null and valid_from = date '2022-01-03'", projectId),
                "closed, not deleted");
    }

    @Test
    void namesThatAreNotUtf8AreDecodedAndTheCollectionGoesOn() throws Exception {
        Path path = dir.resolve("latin1.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            ObjectId parent = repo.commit("main").by("Ann", "ann@example.org", "2022-01-01T00:00:00Z").put("a.txt", "a\n").create();
            String raw = "tree " + repo.treeOf(parent).name() + "\nparent " + parent.name() + "\n"
                    + "author Jos\u00e9 M\u00fcller <jose@example.org> 1641081600 +0100\n"
                    + "committer Jos\u00e9 M\u00fcller <jose@example.org> 1641081600 +0100\n\nCaf\u00e9 \u00e0 la carte\n";
            repo.rawCommit("main", raw.getBytes(StandardCharsets.ISO_8859_1), parent);
        }
        String slug = project();

        JsonPath job = collect(slug, path);

        assertEquals("succeeded", job.getString("state"), job.getString("error"));
        assertEquals(2, job.getInt("stats.commitContributionsAdded"));
        assertEquals(1L, number("select count(*) from identity where name = 'Jos\u00e9 M\u00fcller' and email = 'jose@example.org'"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void assertFailure(Map<String, Object> body, String error) {
        String slug = project();
        long id = admin().body(body).post("/api/v1/projects/" + slug + "/collections").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath job = await(id);
        assertEquals("failed", job.getString("state"), "expected a failure for " + body);
        assertTrue(job.getString("error").startsWith("Cannot collect "), job.getString("error"));
        assertTrue(job.getString("error").contains(error), job.getString("error"));
        assertFalse(job.getString("error").contains("Exception"), job.getString("error"));
    }

    private Path smallRepository(String name) throws Exception {
        Path path = dir.resolve(name);
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("Ann", "ann@example.org", "2022-01-01T00:00:00Z").put("a.txt", "a\n").create();
            repo.commit("main").by("Ben", "ben@example.org", "2022-01-02T00:00:00Z").put("b.txt", "b\n").create();
        }
        return path;
    }

    private static String project() {
        String slug = unique("job");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        return slug;
    }

    private long number(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "no row from " + sql);
                return r.getLong(1);
            }
        }
    }
}
