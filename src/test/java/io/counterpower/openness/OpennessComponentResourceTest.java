package io.counterpower.openness;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.as;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.key;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.projectBody;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class OpennessComponentResourceTest {
    static final String PATH = "/api/v1/openness-components";

    static Map<String, Object> component(String project, String component, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("component", component);
        body.put("status", status);
        body.put("source", source());
        return body;
    }

    static long create(Map<String, Object> body) {
        return admin().body(body).post(PATH).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A project of another kind than model, with the given steward (may be null). */
    static String library(String steward) {
        String slug = unique("lib");
        Map<String, Object> body = projectBody(slug);
        body.put("kind", "library");
        if (steward != null) {
            body.put("steward", Map.of("organisation", steward, "from", "2020-01-01"));
        }
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        return slug;
    }

    @Test
    void recordsReadsAndListsComponentsWithEachFilter() {
        String model = project(null);
        String other = project(null);
        Map<String, Object> weights = component(model, "weights", "open");
        weights.put("note", "Apache-2.0 weights");
        long id = admin().body(weights).post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/")).header("ETag", notNullValue())
                .body("project", equalTo(model)).body("component", equalTo("weights")).body("status", equalTo("open"))
                .body("note", equalTo("Apache-2.0 weights")).extract().jsonPath().getLong("id");
        long data = create(component(model, "training-data", "closed"));
        long code = create(component(model, "inference-code", "open"));
        create(component(other, "weights", "closed"));

        anonymous().get(PATH + "/" + id).then().statusCode(200).header("ETag", notNullValue()).body("status", equalTo("open"));
        anonymous().queryParam("project", model).get(PATH).then().statusCode(200).body("totalItems", equalTo(3))
                .body("items.project", everyItem(equalTo(model)));
        // Sorted by component in the methodology's order, not alphabetically.
        anonymous().queryParam("project", model).queryParam("sort", "component").get(PATH).then()
                .body("items.id", equalTo(List.of((int) code, (int) id, (int) data)));
        anonymous().queryParam("project", model).queryParam("component", "weights").get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) id));
        anonymous().queryParam("project", model).queryParam("status", "closed").get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) data));
        invalid().queryParam("component", "code").get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("component"));
        invalid().queryParam("status", "half").get(PATH).then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void anEditIsANewVersionAndTheOldOneStaysReadable() {
        String model = project(null);
        long id = create(component(model, "training-code", "closed"));
        Instant before = Moments.between();
        Map<String, Object> released = component(model, "training-code", "open");
        released.put("reason", "training code published");
        admin().body(released).put(PATH + "/" + id).then().statusCode(200).body("status", equalTo("open"));
        anonymous().queryParam("asRecordedOn", before.toString()).get(PATH + "/" + id).then().body("status", equalTo("closed"));
        anonymous().get(PATH + "/" + id + "/history").then().body("$", hasSize(2))
                .body("status", equalTo(List.of("closed", "open")));
        admin().queryParam("reason", "recorded in error").delete(PATH + "/" + id).then().statusCode(204);
        anonymous().get(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void aSecondStatusForTheSameComponentIsAConflictButAnEditIsNot() {
        String model = project(null);
        long id = create(component(model, "paper", "open"));
        admin().body(component(model, "paper", "partial")).post(PATH).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("component"))
                .body("detail", containsString("openness component " + id));
        admin().body(io.counterpower.support.Fixtures.withReason(component(model, "paper", "partial"), "preprint only")).put(PATH + "/" + id).then().statusCode(200);
        long card = create(component(model, "model-card", "open"));
        admin().body(io.counterpower.support.Fixtures.withReason(component(model, "paper", "open"), "wrong component")).put(PATH + "/" + card).then().statusCode(409);
        anonymous().queryParam("project", model).get(PATH).then().body("totalItems", equalTo(2));
    }

    @Test
    void theModelsCurrentStewardMayWriteOthersMayNot() {
        String steward = organisation("nonprofit");
        String model = project(steward);
        String stranger = organisation("company");
        String stewardKey = key("steward:" + steward);
        long id = as(stewardKey).body(component(model, "evaluation", "partial")).post(PATH).then()
                .statusCode(201).body("source.kind", equalTo("self-reported")).extract().jsonPath().getLong("id");
        as(key("steward:" + stranger)).body(component(model, "paper", "open")).post(PATH).then().statusCode(403)
                .contentType("application/problem+json");
        as(key("steward:" + stranger)).body(component(model, "evaluation", "open")).put(PATH + "/" + id).then()
                .statusCode(403);
        invalid().contentType(ContentType.JSON).body(component(model, "paper", "open")).post(PATH).then().statusCode(401);
        as(stewardKey).queryParam("reason", "recorded in error").delete(PATH + "/" + id).then().statusCode(204);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String model = project(null);
        String lib = library(null);
        invalidAsAdmin().contentType(ContentType.JSON).body(component(lib, "weights", "open")).post(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("project"))
                .body("errors[0].message", containsString("not a model"));
        invalidAsAdmin().contentType(ContentType.JSON).body(component(model, "code", "open")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("component"))
                .body("errors[0].message", equalTo("must be one of [inference-code, training-code, weights, training-data, "
                        + "data-documentation, evaluation, model-card, paper, license]"));
        invalidAsAdmin().contentType(ContentType.JSON).body(component(model, "weights", "mostly")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("status"))
                .body("errors[0].message", equalTo("must be one of [open, partial, closed, unknown]"));
        invalidAsAdmin().contentType(ContentType.JSON).body(component("no-such-model", "weights", "open")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("project"));
        anonymous().queryParam("project", model).get(PATH).then().body("totalItems", equalTo(0));
        anonymous().queryParam("project", lib).get(PATH).then().body("totalItems", equalTo(0));
    }

    @Test
    void aCsvExportImportsBackUnchanged() {
        String model = project(null);
        create(component(model, "weights", "open"));
        Map<String, Object> noted = component(model, "license", "partial");
        noted.put("note", "-- use restrictions; \"acceptable use\" policy");
        create(noted);
        String csv = anonymous().queryParam("project", model).queryParam("format", "csv").get(PATH + "/export").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        admin().contentType("text/csv").body(csv).post(PATH + "/import").then().statusCode(200)
                .body("kind", equalTo("openness-component")).body("unchanged", equalTo(2));
        List<Map<String, Object>> json = anonymous().queryParam("project", model).get(PATH + "/export").then()
                .statusCode(200).extract().jsonPath().getList("$");
        admin().body(json).post(PATH + "/import").then().statusCode(200).body("unchanged", equalTo(2));
        anonymous().queryParam("project", model).queryParam("component", "license").get(PATH).then()
                .body("items[0].note", equalTo("-- use restrictions; \"acceptable use\" policy"));
    }

    @Test
    void anImportWithOneBadRowWritesNothingAndNamesTheLine() {
        String model = project(null);
        String lib = library(null);
        invalidAsAdmin().contentType(ContentType.JSON)
                .body(List.of(component(model, "weights", "open"), component(lib, "weights", "open")))
                .post(PATH + "/import").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 2: project"));
        anonymous().queryParam("project", model).get(PATH).then().body("totalItems", equalTo(0));
    }
}
