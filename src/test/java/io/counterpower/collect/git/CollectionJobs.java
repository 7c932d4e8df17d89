package io.counterpower.collect.git;

import io.counterpower.support.Jobs;

import io.restassured.path.json.JsonPath;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static org.junit.jupiter.api.Assertions.fail;

/** Posting collections through the API and waiting for their jobs, with a bounded wait. */
public final class CollectionJobs {
    private CollectionJobs() {
    }

    public static Map<String, Object> body(String url, String branch) {
        Map<String, Object> body = new HashMap<>();
        body.put("source", "git");
        if (url != null) {
            body.put("url", url);
        }
        if (branch != null) {
            body.put("branch", branch);
        }
        return body;
    }

    /** Posts a collection of {@code repository} (a file: URL) as admin and returns the job id. */
    public static long post(String slug, Path repository) {
        return admin().body(body(repository.toUri().toString(), null)).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(202).extract().jsonPath().getLong("id");
    }

    /** Posts a collection and waits for its job to end; returns the job as JSON. */
    public static JsonPath collect(String slug, Path repository) {
        return await(post(slug, repository));
    }

    /** Waits until the job has ended, and returns it. */
    public static JsonPath await(long jobId) {
        return Jobs.ended(jobId);
    }

    /** Waits for the job and fails the test with the job's error when it did not succeed. */
    public static JsonPath succeeded(long jobId) {
        return Jobs.succeeded(jobId);
    }
}
