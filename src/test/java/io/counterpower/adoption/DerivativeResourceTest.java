package io.counterpower.adoption;

import io.counterpower.support.Moments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class DerivativeResourceTest {
    private static final String PATH = "/api/v1/derivatives";

    static Map<String, Object> derivative(String project, String derivedName, String relation, String publishedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("project", project);
        body.put("derivedName", derivedName);
        body.put("relation", relation);
        body.put("publishedAt", publishedAt);
        body.put("source", source());
        return body;
    }

    static long create(Map<String, Object> body) {
        return admin().body(body).post(PATH).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void recordsReadsAndListsDerivativesWithEachFilter() {
        String base = project(null);
        String derived = project(null);
        String publisher = organisation("company");
        Map<String, Object> finetune = derivative(base, unique("acme") + "/Base-Chat", "finetune", "2023-07-20");
        finetune.put("derivedProject", derived);
        finetune.put("publisherOrganisation", publisher);
        finetune.put("publisherName", "Acme AI");
        long id = admin().body(finetune).post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/")).header("ETag", notNullValue())
                .body("project", equalTo(base)).body("derivedProject", equalTo(derived))
                .body("relation", equalTo("finetune")).body("publisherOrganisation", equalTo(publisher))
                .body("publisherName", equalTo("Acme AI")).body("publishedAt", equalTo("2023-07-20"))
                .extract().jsonPath().getLong("id");
        long quantized = create(derivative(base, "TheBloke/" + unique("Base") + "-GGUF", "quantization", "2023-09-04"));
        long undated = create(derivative(base, unique("someone") + "/merge", "merge", null));

        anonymous().get(PATH + "/" + id).then().statusCode(200).header("ETag", notNullValue())
                .body("derivedName", equalTo(finetune.get("derivedName")));
        anonymous().get(PATH + "/" + undated).then().body("publishedAt", nullValue())
                .body("publisherOrganisation", nullValue()).body("derivedProject", nullValue());

        anonymous().queryParam("project", base).get(PATH).then().statusCode(200).body("totalItems", equalTo(3))
                .body("items.project", everyItem(equalTo(base)));
        anonymous().queryParam("project", base).queryParam("relation", "quantization").get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) quantized));
        anonymous().queryParam("organisation", publisher).get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) id));
        anonymous().queryParam("project", base).queryParam("from", "2023-08-01").get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) quantized));
        anonymous().queryParam("project", base).queryParam("to", "2023-08-01").get(PATH).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) id));
        anonymous().queryParam("project", base).queryParam("sort", "-relation").get(PATH).then()
                .body("items.relation", equalTo(List.of("quantization", "merge", "finetune")));
        anonymous().queryParam("organisation", "no-such-org").get(PATH).then().body("totalItems", equalTo(0));
        invalid().queryParam("relation", "copy").get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("relation"))
                .body("errors[0].message", containsString("finetune, merge, quantization, adapter, fork, distillation"));
    }

    @Test
    void anEditIsANewVersionAndTheOldOneStaysReadable() {
        String base = project(null);
        String name = unique("someone") + "/Base-LoRA";
        long id = create(derivative(base, name, "finetune", "2024-01-02"));
        Instant before = Moments.between();
        Map<String, Object> corrected = derivative(base, name, "adapter", "2024-01-02");
        corrected.put("reason", "it is a LoRA adapter, not full weights");
        corrected.put("baseName", "meta-llama/Llama-2-7b-hf");   // issue #23: the base member carries into the new version
        corrected.put("baseArtifact", "llama-2");
        String etag = anonymous().get(PATH + "/" + id).then().extract().header("ETag");
        admin().header("If-Match", "\"0\"").body(corrected).put(PATH + "/" + id).then().statusCode(412);
        admin().header("If-Match", etag).body(corrected).put(PATH + "/" + id).then().statusCode(200)
                .body("relation", equalTo("adapter")).body("baseArtifact", equalTo("llama-2"))
                .body("baseName", equalTo("meta-llama/Llama-2-7b-hf"));
        anonymous().queryParam("asRecordedOn", before.toString()).get(PATH + "/" + id).then()
                .body("relation", equalTo("finetune"));
        anonymous().get(PATH + "/" + id + "/history").then().body("$", hasSize(2))
                .body("[1].version.reason", equalTo("it is a LoRA adapter, not full weights"));
        admin().queryParam("reason", "recorded in error").delete(PATH + "/" + id).then().statusCode(204);
        anonymous().get(PATH + "/" + id).then().statusCode(404);
        anonymous().queryParam("asRecordedOn", before.toString()).get(PATH + "/" + id).then().statusCode(200);
        // Once closed, the same derivative may be recorded again.
        create(derivative(base, name, "adapter", "2024-01-02"));
    }

    @Test
    void theSameDerivativeTwiceIsAConflictCheckedBeforeWriting() {
        String base = project(null);
        String name = unique("TheBloke") + "/Base-GGUF";
        long id = create(derivative(base, name, "quantization", "2023-09-04"));
        admin().body(derivative(base, name, "quantization", null)).post(PATH).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("derivedName"))
                .body("detail", containsString("derivative " + id));
        // Another relation of the same name is another fact.
        long merge = create(derivative(base, name, "merge", null));
        admin().body(io.counterpower.support.Fixtures.withReason(derivative(base, name, "quantization", null), "a quantization")).put(PATH + "/" + merge).then().statusCode(409);
        anonymous().queryParam("project", base).get(PATH).then().body("totalItems", equalTo(2));
        admin().body(io.counterpower.support.Fixtures.withReason(derivative(base, name, "quantization", "2023-09-05"), "a quantization")).put(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void theBaseProjectsStewardAndThePublisherMayWriteOthersMayNot() {
        String steward = organisation("foundation");
        String base = project(steward);
        String publisher = organisation("company");
        String stranger = organisation("company");
        as(key("steward:" + steward)).body(derivative(base, unique("x") + "/a", "finetune", "2024-02-01")).post(PATH)
                .then().statusCode(201).body("source.kind", equalTo("self-reported"));
        // Undated: the steward of today counts.
        as(key("steward:" + steward)).body(derivative(base, unique("x") + "/b", "finetune", null)).post(PATH)
                .then().statusCode(201);
        Map<String, Object> own = derivative(base, unique("pub") + "/c", "distillation", "2019-05-01");
        own.put("publisherOrganisation", publisher);
        long ownId = as(key("steward:" + publisher)).body(own).post(PATH).then().statusCode(201)
                .body("source.kind", equalTo("self-reported")).extract().jsonPath().getLong("id");
        as(key("steward:" + stranger)).body(derivative(base, unique("x") + "/d", "finetune", "2024-02-01")).post(PATH)
                .then().statusCode(403).contentType("application/problem+json");
        as(key("steward:" + stranger)).body(own).put(PATH + "/" + ownId).then().statusCode(403);
        // Before its steward period began, the steward is no steward of the project.
        as(key("steward:" + steward)).body(derivative(base, unique("x") + "/e", "finetune", "2019-05-01")).post(PATH)
                .then().statusCode(403);
        invalid().contentType(ContentType.JSON).body(derivative(base, unique("x") + "/f", "finetune", null)).post(PATH)
                .then().statusCode(401);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String base = project(null);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        invalidAsAdmin().contentType(ContentType.JSON).body(derivative(base, "a/b", "copy", null)).post(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("relation"))
                .body("errors[0].message", equalTo("must be one of [finetune, merge, quantization, adapter, fork, distillation]"));
        invalidAsAdmin().contentType(ContentType.JSON).body(derivative(base, "a/b", "finetune", tomorrow)).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("publishedAt"));
        invalidAsAdmin().contentType(ContentType.JSON).body(derivative(base, "a/b", "finetune", "2023-09")).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("publishedAt"));
        Map<String, Object> badBase = derivative(base, "a/b", "finetune", null);
        badBase.put("baseArtifact", "Llama 2");
        invalidAsAdmin().contentType(ContentType.JSON).body(badBase).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("baseArtifact"));
        invalidAsAdmin().contentType(ContentType.JSON).body(derivative(base, " ", "finetune", null)).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("derivedName"));
        invalidAsAdmin().contentType(ContentType.JSON).body(derivative("no-such-project", "a/b", "finetune", null)).post(PATH)
                .then().statusCode(400).body("errors[0].field", equalTo("project"));
        Map<String, Object> self = derivative(base, "a/b", "fork", null);
        self.put("derivedProject", base);
        invalidAsAdmin().contentType(ContentType.JSON).body(self).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("derivedProject"));
        Map<String, Object> unknownPublisher = derivative(base, "a/b", "fork", null);
        unknownPublisher.put("publisherOrganisation", "no-such-org");
        invalidAsAdmin().contentType(ContentType.JSON).body(unknownPublisher).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("publisherOrganisation"));
        // Every field at fault is named at once.
        invalidAsAdmin().contentType(ContentType.JSON).body(derivative(base, null, "copy", tomorrow)).post(PATH).then()
                .statusCode(400).body("errors.field", hasItems("derivedName", "relation", "publishedAt"));
        anonymous().queryParam("project", base).get(PATH).then().body("totalItems", equalTo(0));
    }

    @Test
    void aCsvExportImportsBackUnchanged() {
        String base = project(null);
        String derived = project(null);
        String publisher = organisation("company");
        Map<String, Object> full = derivative(base, unique("acme") + "/Base-Instruct", "finetune", "2023-07-20");
        full.put("derivedProject", derived);
        full.put("publisherOrganisation", publisher);
        full.put("publisherName", "Acme, Inc.");
        create(full);
        create(derivative(base, unique("x") + "/Base-AWQ", "quantization", null));
        String csv = anonymous().queryParam("project", base).queryParam("format", "csv").get(PATH + "/export").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        admin().contentType("text/csv").body(csv).post(PATH + "/import").then().statusCode(200)
                .body("kind", equalTo("derivative")).body("total", equalTo(2)).body("unchanged", equalTo(2));
        List<Map<String, Object>> json = anonymous().queryParam("project", base).get(PATH + "/export").then()
                .statusCode(200).extract().jsonPath().getList("$");
        admin().body(json).post(PATH + "/import").then().statusCode(200).body("unchanged", equalTo(2));
        anonymous().queryParam("project", base).get(PATH).then().body("totalItems", equalTo(2));
    }

    @Test
    void anImportWithOneBadRowWritesNothingAndNamesTheLine() {
        String base = project(null);
        String csv = "project,derivedName,relation,publishedAt,source.url,source.confidence\n"
                + base + ",a/one,finetune,2023-01-01,https://example.org/a,reported\n"
                + base + ",a/two,copy,2023-01-01,https://example.org/b,reported\n";
        invalidAsAdmin().contentType("text/csv").body(csv).post(PATH + "/import").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("line 3: relation"));
        invalidAsAdmin().contentType(ContentType.JSON)
                .body(List.of(derivative(base, "a/one", "finetune", null), derivative(base, "a/one", "finetune", null)))
                .post(PATH + "/import").then().statusCode(400).body("errors[0].field", equalTo("line 2: row"));
        anonymous().queryParam("project", base).get(PATH).then().body("totalItems", equalTo(0));
        admin().contentType("text/csv").body(csv.replace("copy", "merge")).post(PATH + "/import").then().statusCode(200)
                .body("created", equalTo(2)).body("rows[1].line", equalTo(3));
    }
}
