package io.counterpower.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Input that a lenient reader took for something else is a 400 naming the field, with nothing written. */
@QuarkusTest
class StrictInputTest {
    @Test
    void aSemicolonInTheQueryIsNotASeparator() {
        invalid().urlEncodingEnabled(false).get("/api/v1/projects?sort=name;x").then().statusCode(400)
                .contentType(containsString("problem+json")).body("errors.field", hasItem("sort"));
        invalid().urlEncodingEnabled(false).get("/api/v1/projects?size=5&sort=name%3Bx").then().statusCode(400)
                .body("errors.field", hasItem("sort"));   // encoded, it is an unknown sort field, still named
    }

    @Test
    void aNulInAParameterIsA400NamingIt() {
        invalid().urlEncodingEnabled(false).get("/api/v1/projects?q=ll%00ama").then().statusCode(400)
                .body("errors.field", hasItem("q")).body("detail", not(containsString("Exception")));
        invalid().urlEncodingEnabled(false).get("/api/v1/projects/pytorch/assessment?at=2024-01-01%00").then().statusCode(400)
                .body("errors.field", hasItem("at"));
    }

    @Test
    void yearZeroIsA400NamingTheField() {
        invalid().get("/api/v1/projects/pytorch/assessment?at=0000-01-01").then().statusCode(400)
                .body("errors.field", hasItem("at"));
        invalid().get("/api/v1/organisations/meta?asRecordedOn=0000-01-01").then().statusCode(400)
                .body("errors.field", hasItem("asRecordedOn"));
        invalid().get("/api/v1/projects/pytorch/indicators/series?from=0000-01-01&to=2024-01-01").then().statusCode(400)
                .body("errors.field", hasItem("from"));
    }

    @Test
    void aKeyGivenTwiceIsA400() {
        String key = unique("twice");
        invalidAsAdmin().contentType("application/json").body("""
                {"key": "%s", "name": "First", "name": "Second", "type": "community",
                 "source": {"url": "https://example.org/x", "quote": "The sentence.", "confidence": "verified"}}""".formatted(key))
                .post("/api/v1/organisations").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("status", equalTo(400));
        invalid().get("/api/v1/organisations/" + key).then().statusCode(404);
    }
}
