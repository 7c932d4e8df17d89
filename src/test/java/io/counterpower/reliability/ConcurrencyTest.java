package io.counterpower.reliability;

import io.agroal.api.AgroalDataSource;
import io.counterpower.collect.CollectionStats;
import io.counterpower.collect.JobService;
import io.counterpower.collect.JobService.ClaimedJob;
import io.counterpower.support.Fixtures;
import io.counterpower.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Several instances on one database: job claims never hand a job to two workers, collections of
 * different projects run side by side and share identities without a duplicate, and concurrent
 * edits of one fact with the same If-Match leave exactly one winner.
 */
@QuarkusTest
class ConcurrencyTest {

    private static final CollectionStats NOTHING_DONE = new CollectionStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null,
            null, null, null);

    @TempDir
    Path dir;

    @Inject
    JobService jobs;
    @Inject
    AgroalDataSource db;

    @Test
    void racingClaimersOfTwoInstancesEachGetEveryJobAtMostOnce() throws Exception {
        // Jobs with no repository to read: this instance's own workers, a third racer, end the ones
        // they win at once (the Hugging Face collector succeeds with nothing to do).
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long project = number("select id from project where slug = ?", Fixtures.project(null));
            ids.add(number("""
                    insert into job (kind, project_id, source, params) values ('collection', ?, 'huggingface', '{"repositories": []}')
                    returning id""", project));
        }
        Map<String, List<Long>> won = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService racers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (String instance : List.of("instance-a/1", "instance-a/2", "instance-b/1", "instance-b/2")) {
            won.put(instance, new ArrayList<>());
            done.add(racers.submit((Callable<Void>) () -> {
                start.await();
                for (Optional<ClaimedJob> job = jobs.claim(instance); job.isPresent(); job = jobs.claim(instance)) {
                    won.get(instance).add(job.get().id());
                    jobs.succeed(job.get().id(), NOTHING_DONE);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        racers.shutdown();

        Set<Long> claimed = new HashSet<>();
        for (Map.Entry<String, List<Long>> racer : won.entrySet()) {
            for (long id : racer.getValue()) {
                assertTrue(claimed.add(id), "job " + id + " was claimed twice");
                if (ids.contains(id)) {
                    assertEquals(racer.getKey(), text("select worker from job where id = ?", id));
                    assertEquals("succeeded", text("select state from job where id = ?", id));
                }
            }
        }
        awaitNoQueued(ids);
        for (long id : ids) {
            String worker = text("select worker from job where id = ?", id);
            boolean ours = won.values().stream().anyMatch(l -> l.contains(id));
            // Each job ended exactly once: by the racer that claimed it, or failed by this instance's workers.
            assertEquals(ours, worker.startsWith("instance-"), "job " + id + " claimed by " + worker);
            String state = text("select state from job where id = ?", id);
            assertTrue(ours ? state.equals("succeeded") : state.equals("succeeded") || state.equals("failed"),
                    "job " + id + " ended " + state);
        }
    }

    @Test
    void collectionsOfDifferentProjectsRunSideBySideAndShareIdentitiesOnce() throws Exception {
        int projects = 4;
        List<String> slugs = new ArrayList<>();
        List<Long> jobIds = new ArrayList<>();
        // The same 30 people commit to every repository, so the runs race to create the same identities.
        List<Path> repositories = new ArrayList<>();
        for (int i = 0; i < projects; i++) {
            repositories.add(LinearHistory.create(dir.resolve("r" + i + ".git"), 300 + i, 30));
            slugs.add(Fixtures.project(null));
        }
        for (int i = 0; i < projects; i++) {
            jobIds.add(admin().body(Map.of("source", "git", "url", repositories.get(i).toUri().toString()))
                    .post("/api/v1/projects/" + slugs.get(i) + "/collections").then().statusCode(202)
                    .extract().jsonPath().getLong("id"));
        }
        for (int i = 0; i < projects; i++) {
            JsonPath job = Jobs.ended(jobIds.get(i), Duration.ofSeconds(120));
            assertEquals("succeeded", job.getString("state"), job.getString("error"));
            long projectId = number("select id from project where slug = ?", slugs.get(i));
            assertEquals(300 + i, number("select count(*) from contribution where project_id = ?", projectId));
        }
        for (int person = 0; person < 30; person++) {
            assertEquals(1, number("select count(*) from identity where lower(email) = ?", "person" + person + "@example.org"));
        }
        // This instance's two workers ran them side by side: some pair of runs overlapped in time.
        assertTrue(number("""
                select count(*) from job a join job b on a.id < b.id
                where a.id = any(?) and b.id = any(?) and a.started_at < b.finished_at and b.started_at < a.finished_at
                """, jobIds.toArray(new Long[0]), jobIds.toArray(new Long[0])) >= 1);
    }

    @Test
    void concurrentEditsWithOneIfMatchLeaveExactlyOneWinner() throws Exception {
        String key = Fixtures.organisation("company");
        String etag = anonymous().get("/api/v1/organisations/" + key).then().statusCode(200).extract().header("ETag");
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "Edit " + i;
            answers.add(pool.submit(() -> {
                Map<String, Object> body = Fixtures.organisationBody(key, "company", List.of(key + ".example"));
                body.put("name", name);
                body.put("reason", "rename " + name);
                start.await();
                return admin().header("If-Match", etag).body(body).put("/api/v1/organisations/" + key)
                        .then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(writers - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        // Two versions: the original and the one winner; nothing was written twice or lost.
        anonymous().get("/api/v1/organisations/" + key + "/history").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(2));
    }

    private void awaitNoQueued(List<Long> ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (number("select count(*) from job where id = any(?) and state in ('queued', 'running')", (Object) ids.toArray(new Long[0])) > 0) {
            if (System.nanoTime() > deadline) {
                fail("jobs still queued or running after a minute");
            }
            Thread.sleep(100);
        }
    }

    private long number(String sql, Object... params) throws Exception {
        return Long.parseLong(text(sql, params));
    }

    private String text(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Long[] array) {
                    s.setArray(i + 1, c.createArrayOf("bigint", array));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "no row from " + sql);
                return r.getString(1);
            }
        }
    }
}
