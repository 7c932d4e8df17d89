package io.counterpower.support;

import io.restassured.path.json.JsonPath;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static io.counterpower.support.Api.anonymous;
import static org.junit.jupiter.api.Assertions.fail;

/** The one way tests wait for a background job: through the public API, on a condition, with a bounded wait. */
public final class Jobs {
    /** Long enough for the largest collection in the suite on a loaded two-core machine; a bound, not a timing. */
    public static final Duration LIMIT = Duration.ofMinutes(2);

    private Jobs() {
    }

    /** The job once it has succeeded or failed. */
    public static JsonPath ended(long id) {
        return ended(id, LIMIT);
    }

    /** The job once it has succeeded or failed; fails the test after {@code limit}. */
    public static JsonPath ended(long id, Duration limit) {
        return await(id, Jobs::isEnded, "ended", limit);
    }

    /** The job once it has succeeded; fails the test with the job's error when it failed. */
    public static JsonPath succeeded(long id) {
        JsonPath job = ended(id);
        if (!"succeeded".equals(job.getString("state"))) {
            fail("job " + id + " " + job.getString("state") + ": " + job.getString("error"));
        }
        return job;
    }

    /** The job once {@code condition} holds; fails the test after {@code limit}, or if it ends first. */
    public static JsonPath await(long id, Predicate<JsonPath> condition, String what, Duration limit) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        try {
            org.awaitility.Awaitility.await("job " + id + " " + what).atMost(limit).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        JsonPath job = anonymous().get("/api/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
                        last.set(job);
                        if (condition.test(job)) {
                            return true;
                        }
                        if (isEnded(job)) {
                            fail("job " + id + " ended (" + job.getString("state") + ": " + job.getString("error") + ") before " + what);
                        }
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            fail("job " + id + " was not " + what + " within " + limit.toSeconds() + " s");
        }
        return last.get();
    }

    private static boolean isEnded(JsonPath job) {
        return List.of("succeeded", "failed").contains(job.getString("state"));
    }
}
