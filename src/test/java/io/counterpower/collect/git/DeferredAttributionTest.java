package io.counterpower.collect.git;

import static io.counterpower.collect.git.CollectionJobs.collect;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git collection defers the attribution of what its batches write and refreshes it once at its end
 * (migration V040, issue #21): when the job has succeeded every contribution it wrote is attributed to the
 * organisation of its email domain on the day (hand-computed here), nothing it queued is left behind,
 * and a writer that dies between its deferred writes and its flush loses nothing, because the next
 * ordinary commit flushes the queue.
 */
@QuarkusTest
class DeferredAttributionTest {

    @TempDir
    Path dir;

    @Inject
    AgroalDataSource db;

    @Test
    void aCollectionAttributesEveryContributionItWroteOnceItIsDone() throws Exception {
        String org = organisation("company");
        String slug = unique("deferred");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        Path repo = dir.resolve("deferred.git");
        // Addresses of this test's own (identities are shared across the suite's projects).
        String bob = "bob-" + slug + "@gmail.com";
        String bot = slug + "[bot]";
        try (HistoryFixture history = HistoryFixture.bare(repo)) {
            // Three commits from the organisation's domain, two from a public mail provider, one by a bot.
            history.commit("main").by("Ada", "ada@" + org + ".example", "2024-01-02T10:00:00Z").put("a.txt", "1").create();
            history.commit("main").by("Ada", "ada@" + org + ".example", "2024-01-03T10:00:00Z").put("a.txt", "2").create();
            history.commit("main").by("Bob", bob, "2024-01-04T10:00:00Z").put("b.txt", "1").create();
            history.commit("main").by("Cy", "cy@" + org + ".example", "2024-01-05T10:00:00Z").put("c.txt", "1").create();
            history.commit("main").by("Bob", bob, "2024-01-06T10:00:00Z").put("b.txt", "2").create();
            history.commit("main").by(bot, "49699333+" + bot + "@users.noreply.github.com",
                    "2024-01-07T10:00:00Z").put("d.txt", "1").create();
        }
        JsonPath job = collect(slug, repo);
        assertEquals(6, job.getInt("stats.commitsRead"));
        assertTrue(job.getLong("stats.timings.attributionMillis") >= 0);

        // (email, known, organisation key) per counted contribution, oldest first: the bot is not counted.
        List<List<Object>> expected = List.of(
                List.of("ada@" + org + ".example", true, org),
                List.of("ada@" + org + ".example", true, org),
                List.of(bob, false, ""),
                List.of("cy@" + org + ".example", true, org),
                List.of(bob, false, ""));
        assertEquals(expected, attributed(slug));
        assertEquals(0, queuedFor(slug), "the job left contributions of its project queued");
    }

    @Test
    void keysQueuedByADeferredWriterThatNeverFlushedAreRefreshedByTheNextCommit() throws Exception {
        String org = organisation("company");
        String slug = unique("deferred");
        admin().body(projectBody(slug)).post("/api/v1/projects").then().statusCode(201);
        Path repo = dir.resolve("one.git");
        try (HistoryFixture history = HistoryFixture.bare(repo)) {
            history.commit("main").by("Ada", "ada@" + org + ".example", "2024-01-02T10:00:00Z").put("a.txt", "1").create();
        }
        collect(slug, repo);

        // A collector's batch that committed with the refresh deferred, then died before its flush (a second
        // commit on the same day, inside the email-domain affiliation the first collection inferred).
        long identity;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local counterpower.defer_attribution = on");
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into contribution (project_id, identity_id, kind, at, at_offset_minutes, reference, repository_url,
                                              source_kind, source_url, confidence)
                    select c.project_id, c.identity_id, 'commit', c.at, 0, 'f00dfeed', c.repository_url,
                           'git', c.source_url, 'verified'
                    from contribution c join project p on p.id = c.project_id where p.slug = ?
                    returning identity_id""")) {
                s.setString(1, slug);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    identity = r.getLong(1);
                }
            }
            c.commit();
        }
        assertEquals(1, queuedFor(slug), "the deferred write queued its contribution");
        assertEquals(1, attributed(slug).size(), "nothing refreshed the deferred contribution yet");

        // Any ordinary commit that touches the attribution flushes the whole queue: here a statement on the
        // identity's link that changes nothing, which queues the identity like any write to identity_link.
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("update identity_link set is_bot = is_bot where superseded_at is null and id = " + identity);
        }
        assertEquals(0, queuedFor(slug));
        assertEquals(List.of(List.of("ada@" + org + ".example", true, org), List.of("ada@" + org + ".example", true, org)),
                attributed(slug));
    }

    /** (email, known, top organisation key) of the project's attributed contributions, by date. */
    private List<List<Object>> attributed(String slug) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select i.email, x.known, coalesce(o.key, '')
                from contribution_attribution x
                join project p on p.id = x.project_id
                join contribution k on k.id = x.contribution_id
                join identity i on i.id = x.identity_id
                left join organisation o on o.id = x.top_organisation_id
                where p.slug = ? order by k.at, k.id""")) {
            s.setString(1, slug);
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(List.of(r.getString(1), r.getBoolean(2), r.getString(3)));
                }
            }
            return rows;
        }
    }

    /** Contributions of the project still waiting in the attribution queue. */
    private long queuedFor(String slug) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select count(*) from contribution_attribution_stale q
                join contribution k on q.key_kind = 'contribution' and k.id = q.key
                join project p on p.id = k.project_id where p.slug = ?""")) {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
