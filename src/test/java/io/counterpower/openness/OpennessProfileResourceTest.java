package io.counterpower.openness;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.counterpower.openness.OpennessComponentResourceTest.PATH;
import static io.counterpower.openness.OpennessComponentResourceTest.component;
import static io.counterpower.openness.OpennessComponentResourceTest.create;
import static io.counterpower.openness.OpennessComponentResourceTest.library;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Fixtures.project;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class OpennessProfileResourceTest {
    private static final List<String> ORDER = List.of("inference-code", "training-code", "weights", "training-data",
            "data-documentation", "evaluation", "model-card", "paper", "license");

    /** Reads fractions as doubles (REST Assured reads them as floats by default), to compare them exactly. */
    static RequestSpecification reader() {
        return anonymous().config(RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    static String profile(String slug) {
        return "/api/v1/projects/" + slug + "/openness";
    }

    @Test
    void theValueIsTheMeanOverKnownComponents() {
        String model = project(null);
        long weights = create(component(model, "weights", "open"));
        create(component(model, "inference-code", "open"));
        create(component(model, "training-code", "partial"));
        create(component(model, "training-data", "closed"));
        // A recorded "unknown" is shown with its source but is not a known status.
        long looked = create(component(model, "paper", "unknown"));
        reader().get(profile(model)).then().statusCode(200)
                .body("project", equalTo(model))
                .body("components.component", equalTo(ORDER))
                .body("components.status", equalTo(List.of("open", "partial", "open", "closed", "unknown", "unknown",
                        "unknown", "unknown", "unknown")))
                .body("components[2].id", equalTo((int) weights))
                .body("components[2].source.kind", equalTo("manual"))
                .body("components[2].version.revision", notNullValue())
                .body("components[7].id", equalTo((int) looked))
                .body("components[7].source.url", equalTo("https://example.org/evidence"))
                .body("components[4].id", nullValue()).body("components[4].source", nullValue())
                .body("components[4].version", nullValue())
                // (1 + 0.5 + 1 + 0) / 4 = 0.625, four of nine components known.
                .body("openness.value", equalTo(0.625))
                .body("openness.coverage", closeTo(4.0 / 9, 1e-12))
                .body("openness.n", equalTo(4))
                .body("openness.methodologyVersion", equalTo("1"));
    }

    @Test
    void withNothingKnownTheValueIsNullNotZero() {
        String model = project(null);
        reader().get(profile(model)).then().statusCode(200)
                .body("components.status", everyItem(equalTo("unknown")))
                .body("components.source", everyItem(nullValue()))
                .body("openness.value", nullValue())
                .body("openness.coverage", equalTo(0.0))
                .body("openness.n", equalTo(0));
        create(component(model, "weights", "unknown"));
        reader().get(profile(model)).then().body("openness.value", nullValue()).body("openness.n", equalTo(0));
        create(component(model, "license", "closed"));
        // All known components closed is 0, which is a value, unlike nothing known.
        reader().get(profile(model)).then().body("openness.value", equalTo(0.0)).body("openness.n", equalTo(1));
    }

    @Test
    void aPastProfileIsReproducedAsRecorded() {
        String model = project(null);
        long id = create(component(model, "weights", "closed"));
        Instant before = Moments.between();
        admin().body(io.counterpower.support.Fixtures.withReason(component(model, "weights", "open"), "weights released")).put(PATH + "/" + id).then().statusCode(200);
        reader().get(profile(model)).then().body("openness.value", closeTo(1.0, 1e-12));
        reader().queryParam("asRecordedOn", before.toString()).get(profile(model)).then()
                .body("components[2].status", equalTo("closed")).body("openness.value", closeTo(0.0, 1e-12));
        anonymous().queryParam("asRecordedOn", "2000-01-01").get(profile(model)).then().statusCode(404);
    }

    @Test
    void unknownProjectsAndProjectsThatAreNotModelsHaveNoProfile() {
        reader().get(profile("no-such-project")).then().statusCode(404).contentType("application/problem+json");
        reader().get(profile(library(null))).then().statusCode(404).body("detail", containsString("not a model"));
        invalid().queryParam("asRecordedOn", "yesterday").get(profile(project(null))).then().statusCode(400)
                .body("errors[0].field", equalTo("asRecordedOn"));
    }
}
