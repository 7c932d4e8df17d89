package io.counterpower.collect.github;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.agroal.api.AgroalDataSource;
import io.counterpower.support.GitHubStubs;
import io.counterpower.support.PlatformServer;
import io.counterpower.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.counterpower.collect.git.CollectionJobs.await;
import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the GitHub collector does when GitHub does not simply answer: an exhausted rate limit (stop
 * cleanly, resume later), a short one (wait), 5xx answers (retry), a malformed body, a refused token
 * and a missing repository (clear job errors that never show the token).
 */
@QuarkusTest
class GitHubFailuresTest {

    @Inject
    AgroalDataSource db;

    Sql sql() {
        return new Sql(db);
    }

    @Test
    void anExhaustedRateLimitStopsTheJobCleanlyAndTheNextRunResumesFromTheCursor() throws SQLException {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        StubMapping limit = GitHubStubs.stub(get(urlPathEqualTo(github.path() + "/issues")).withQueryParam("page", equalTo("2"))
                .atPriority(GitHubStubs.OVERRIDE).willReturn(github.rateLimited(3600)));
        String slug = project(null);

        long id = GitHubCollectionTest.post(slug, github);
        JsonPath job = await(id);

        assertEquals("failed", job.getString("state"));
        String error = job.getString("error");
        assertTrue(error.contains("rate limit is used up until"), error);
        assertTrue(error.contains("resumes where this one stopped"), error);
        // The first page is recorded, and the cursor points after it.
        long projectId = sql().number("select id from project where slug = ?", slug);
        assertEquals(2L, sql().number("select count(*) from contribution where project_id = ? and kind = 'issue'", projectId));
        assertEquals(1L, sql().number("select count(*) from contribution where project_id = ? and kind = 'merge'", projectId));
        assertEquals(3L, sql().number("select count(*) from contribution where project_id = ? and kind = 'review'", projectId));
        assertEquals("2026-09-09T08:00:00Z", sql().text("""
                select position from collection_cursor where project_id = ? and source = 'github' and repository_url like 'since:%'""",
                projectId));

        // The limit has reset: the next run asks from the cursor and completes the collection.
        PlatformServer.server().removeStubMapping(limit);
        JsonPath rerun = succeeded(GitHubCollectionTest.post(slug, github));
        PlatformServer.server().verify(getRequestedFor(urlPathEqualTo(github.path() + "/issues"))
                .withQueryParam("since", equalTo("2026-09-09T08:00:00Z")));
        assertEquals("2026-09-09T08:00:00Z", rerun.getString("stats.repositories[0].since"));
        assertEquals(Map.of("review", 5L, "merge", 2L, "issue", 3L, "release", 2L),
                sql().countsBy("""
                        select kind, count(*) from contribution where project_id = ? and superseded_at is null group by kind""",
                        projectId));
    }

    @Test
    void aRateLimitThatResetsSoonIsWaitedFor() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        String scenario = "limit-" + github.owner;
        GitHubStubs.stub(get(urlPathEqualTo(github.path() + "/pulls/5/reviews")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset").atPriority(GitHubStubs.OVERRIDE)
                .willReturn(github.rateLimited(1)));
        String slug = project(null);

        JsonPath job = succeeded(GitHubCollectionTest.post(slug, github));

        assertTrue(job.getInt("stats.platform.rateLimitWaitSeconds") >= 1, job.getString("stats.platform"));
        assertEquals(5, job.getInt("stats.platform.reviewContributionsAdded"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilGitHubAnswers() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        String scenario = "flaky-" + github.owner;
        GitHubStubs.stub(get(urlPathEqualTo(github.path() + "/pulls/3")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("one failure").atPriority(GitHubStubs.OVERRIDE)
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
        GitHubStubs.stub(get(urlPathEqualTo(github.path() + "/pulls/3")).inScenario(scenario)
                .whenScenarioStateIs("one failure").willSetStateTo("answering").atPriority(GitHubStubs.OVERRIDE)
                .willReturn(aResponse().withStatus(503)));
        String dropped = "dropped-" + github.owner;
        GitHubStubs.stub(get(urlPathEqualTo(github.path() + "/releases")).inScenario(dropped)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answering").atPriority(GitHubStubs.OVERRIDE)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String slug = project(null);

        JsonPath job = succeeded(GitHubCollectionTest.post(slug, github));

        assertEquals(3, job.getInt("stats.platform.retries"));          // 502, 503 and a reset connection
        assertEquals(2, job.getInt("stats.platform.releaseContributionsAdded"));
        assertEquals(2, job.getInt("stats.mergeContributionsAdded"));
    }

    @Test
    void serverErrorsThatLastFailTheJobAfterTheLastAttempt() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        GitHubStubs.stub(get(urlPathEqualTo(github.path() + "/releases")).atPriority(GitHubStubs.OVERRIDE)
                .willReturn(aResponse().withStatus(500)));

        JsonPath job = await(GitHubCollectionTest.post(project(null), github));

        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").contains("answered 500 to GET " + PlatformServer.githubBase() + "/repos/" + github.owner + "/" + github.repo
                + "/releases?per_page=100 4 times"), job.getString("error"));
    }

    @Test
    void aMalformedBodyFailsTheJobWithAClearErrorAndRecordsNothingFromIt() throws SQLException {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        GitHubStubs.stub(get(urlPathEqualTo(github.path() + "/issues")).atPriority(GitHubStubs.OVERRIDE)
                .willReturn(github.json("github/malformed.json")));
        String slug = project(null);

        JsonPath job = await(GitHubCollectionTest.post(slug, github));

        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").startsWith("GitHub answered GET " + PlatformServer.githubBase() + "/repos/" + github.owner + "/" + github.repo
                + "/issues?state=all&sort=updated&direction=asc&per_page=100 with a body that is not valid JSON"),
                job.getString("error"));
        assertEquals(0L, sql().number("select count(*) from contribution c join project p on p.id = c.project_id where p.slug = ?",
                slug));
    }

    @Test
    void aRefusedTokenFailsTheJobNamingTheVariableNeverTheTokenNorLogsIt() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        GitHubStubs.stub(get(urlPathEqualTo(github.path())).atPriority(GitHubStubs.OVERRIDE)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(github.fixtures.body("github/bad-credentials.json"))));

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                logged.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        JsonPath job;
        long id;
        try {
            id = GitHubCollectionTest.post(project(null), github);
            job = await(id);
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }

        assertTrue(logged.stream().anyMatch(m -> m.contains("failed: GitHub refused the credentials")), logged.toString());
        assertTrue(logged.stream().noneMatch(m -> m.contains(PlatformServer.GITHUB_TOKEN)), "the token was logged");
        assertEquals("failed", job.getString("state"));
        assertEquals("GitHub refused the credentials (401) for GET " + PlatformServer.githubBase() + "/repos/" + github.owner + "/" + github.repo
                + ": the token is invalid or expired; set a valid one in COUNTERPOWER_GITHUB_TOKEN", job.getString("error"));
        String view = anonymous().get("/api/v1/jobs/" + id).then().statusCode(200).extract().asString();
        assertFalse(view.contains(PlatformServer.GITHUB_TOKEN));
        String list = anonymous().get("/api/v1/jobs").then().statusCode(200).extract().asString();
        assertFalse(list.contains(PlatformServer.GITHUB_TOKEN));
    }

    @Test
    void aMissingRepositoryFailsTheJobSayingSo() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        GitHubStubs.stub(get(urlPathEqualTo(github.path())).atPriority(GitHubStubs.OVERRIDE)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(github.fixtures.body("github/not-found.json"))));

        JsonPath job = await(GitHubCollectionTest.post(project(null), github));

        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").startsWith("GitHub has no GET " + PlatformServer.githubBase() + "/repos/" + github.owner + "/" + github.repo
                + " (404)"), job.getString("error"));
    }

    @Test
    void aForbiddenRepositoryIsNotARateLimit() {
        GitHubStubs github = new GitHubStubs(unique("t")).stubAll();
        GitHubStubs.stub(get(urlPathEqualTo(github.path())).atPriority(GitHubStubs.OVERRIDE)
                .willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "4000")
                        .withBody("{\"message\": \"Resource not accessible by personal access token\"}")));

        JsonPath job = await(GitHubCollectionTest.post(project(null), github));

        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").contains("(403)"), job.getString("error"));
        assertTrue(job.getString("error").contains("COUNTERPOWER_GITHUB_TOKEN"), job.getString("error"));
    }
}
