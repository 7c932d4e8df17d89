package io.counterpower.support;

import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.counterpower.support.Api.anonymous;
import static org.junit.jupiter.api.Assertions.fail;

/** Waiting for a background job through the public API, with a bounded wait. */
public final class Jobs {
    private Jobs() {
    }

    /** The job once it has succeeded or failed; fails the test after {@code limit}. */
    public static JsonPath ended(long id, Duration limit) {
        return await(id, job -> isEnded(job), "ended", limit);
    }

    /** The job once {@code condition} holds; fails the test after {@code limit}, or if it ends first. */
    public static JsonPath await(long id, Predicate<JsonPath> condition, String what, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = anonymous().get("/api/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
            if (condition.test(job)) {
                return job;
            }
            if (isEnded(job)) {
                fail("job " + id + " ended (" + job.getString("state") + ": " + job.getString("error") + ") before " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("job " + id + " was not " + what + " within " + limit.toSeconds() + " s");
        return null;
    }

    private static boolean isEnded(JsonPath job) {
        return List.of("succeeded", "failed").contains(job.getString("state"));
    }
}
