package io.counterpower.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.counterpower.support.Api.ADMIN_KEY;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Every error, including those raised before the REST layer, is problem+json without internals. */
@QuarkusTest
class ErrorHandlingTest {

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", containsString("urn:counterpower:problem:"))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")))
                .body(not(containsString("org.hibernate")))
                .body(not(containsString("SELECT")))
                .body(not(containsString("insert into")));
    }

    @Test
    void malformedJsonIs400() {
        problem(invalidAsAdmin().contentType("application/json").body("{\"key\": \"x\", ").post("/api/v1/organisations").then(), 400)
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void anEmptyBodyIs400() {
        problem(invalidAsAdmin().contentType("application/json").post("/api/v1/organisations").then(), 400);
    }

    @Test
    void aWrongTypeNamesTheField() {
        problem(invalidAsAdmin().contentType("application/json")
                .body(Map.of("contributor", "not-a-number", "independent", true, "source", source()))
                .post("/api/v1/affiliations").then(), 400)
                .body("errors[0].field", equalTo("contributor"));
    }

    @Test
    void anUnknownFieldIs400() {
        problem(invalidAsAdmin().contentType("application/json")
                .body(Map.of("key", unique("x"), "name", "X", "type", "company", "colour", "red", "source", source()))
                .post("/api/v1/organisations").then(), 400)
                .body("errors[0].field", equalTo("colour"));
    }

    @Test
    void aWrongContentTypeIs415() {
        problem(invalidAsAdmin().contentType("text/plain").body("hello").post("/api/v1/organisations").then(), 415);
    }

    @Test
    void anUnknownRouteIs404() {
        problem(invalid().get("/api/v1/no-such-thing").then(), 404);
        problem(invalid().get("/nowhere/at/all").then(), 404);
    }

    @Test
    void aWrongMethodIs405() {
        problem(invalidAsAdmin().contentType("application/json").body("{}").patch("/api/v1/projects").then(), 405);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"name\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        problem(invalidAsAdmin().contentType("application/json").body(huge).post("/api/v1/organisations").then(), 413);
    }

    @Test
    void badQueryValuesAre400WithTheParameterAtFault() {
        problem(invalid().queryParam("page", "-1").get("/api/v1/projects").then(), 400).body("errors[0].field", equalTo("page"));
        problem(invalid().queryParam("size", "1000").get("/api/v1/projects").then(), 400).body("errors[0].field", equalTo("size"));
        problem(invalid().queryParam("size", "ten").get("/api/v1/projects").then(), 400).body("errors[0].field", equalTo("size"));
        problem(invalid().queryParam("sort", "password").get("/api/v1/projects").then(), 400)
                .body("errors[0].field", equalTo("sort")).body("errors[0].message", containsString("slug"));
        problem(invalid().queryParam("asRecordedOn", "last tuesday").get("/api/v1/projects").then(), 400)
                .body("errors[0].field", equalTo("asRecordedOn"));
        problem(invalid().queryParam("kind", "app").get("/api/v1/projects").then(), 400).body("errors[0].field", equalTo("kind"));
        problem(invalid().queryParam("at", "2024-13-01").get("/api/v1/affiliations").then(), 400).body("errors[0].field", equalTo("at"));
    }

    @Test
    void writesWithoutAValidKeyAre401() {
        problem(invalid().contentType("application/json").body("{}").post("/api/v1/projects").then(), 401);
        problem(invalid().header("Authorization", "Bearer cp_not_a_key").contentType("application/json").body("{}")
                .post("/api/v1/projects").then(), 401);
        problem(invalid().header("Authorization", "Basic " + ADMIN_KEY).get("/api/v1/projects").then(), 401);
    }
}
