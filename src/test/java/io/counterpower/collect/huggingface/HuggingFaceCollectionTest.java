package io.counterpower.collect.huggingface;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.agroal.api.AgroalDataSource;
import io.counterpower.support.GitHubStubs;
import io.counterpower.support.PlatformFixtures;
import io.counterpower.support.PlatformServer;
import io.counterpower.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.counterpower.collect.git.CollectionJobs.await;
import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Hugging Face collection over recorded Hub responses (fixtures/huggingface, served by WireMock):
 * the model card becomes a license period of the weights and a download count, the models naming it
 * as base become derivatives by relation with their publishers, and a rerun adds nothing.
 */
@QuarkusTest
class HuggingFaceCollectionTest {

    @Inject
    AgroalDataSource db;

    /** A model on the stub Hub: {@code {{namespace}}/{{model}}} and the recorded derivatives of it. */
    record Hub(PlatformFixtures fixtures, String namespace, String model) {
        String id() {
            return namespace + "/" + model;
        }

        String url() {
            return "https://huggingface.co/" + id();
        }

        ResponseDefinitionBuilder json(String fixture) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(fixtures.body(fixture));
        }

        /** Stubs the model info and the four derivative lists (finetunes on two pages), each with an ETag. */
        Hub stubAll(String modelFixture) {
            withEtag(get(urlPathEqualTo("/hf/api/models/" + id())), modelFixture, "\"model-" + model + "\"");
            String list = "/hf/api/models";
            String next = PlatformServer.huggingFaceBase() + "/api/models?filter=base_model%3Afinetune%3A"
                    + namespace + "%2F" + model + "&limit=100&cursor=eyJfaWQiOnsiJGd0IjoiNjYifX0";
            GitHubStubs.stub(get(urlPathEqualTo(list)).withQueryParam("filter", equalTo("base_model:finetune:" + id()))
                    .withQueryParam("cursor", absent()).atPriority(GitHubStubs.RECORDED)
                    .willReturn(json("huggingface/finetunes-page-1.json").withHeader("ETag", "\"ft-" + model + "\"")
                            .withHeader("Link", "<" + next + ">; rel=\"next\"")));
            GitHubStubs.stub(get(urlPathEqualTo(list)).withQueryParam("filter", equalTo("base_model:finetune:" + id()))
                    .withHeader("If-None-Match", equalTo("\"ft-" + model + "\"")).atPriority(GitHubStubs.CONDITIONAL)
                    .willReturn(aResponse().withStatus(304)));
            GitHubStubs.stub(get(urlPathEqualTo(list)).withQueryParam("filter", equalTo("base_model:finetune:" + id()))
                    .withQueryParam("cursor", equalTo("eyJfaWQiOnsiJGd0IjoiNjYifX0")).atPriority(GitHubStubs.RECORDED - 1)
                    .willReturn(json("huggingface/finetunes-page-2.json")));
            for (String[] relation : new String[][] {{"adapter", "adapters"}, {"merge", "merges"}, {"quantized", "quantized"}}) {
                withEtag(get(urlPathEqualTo(list)).withQueryParam("filter", equalTo("base_model:" + relation[0] + ":" + id())),
                        "huggingface/" + relation[1] + ".json", "\"" + relation[0] + "-" + model + "\"");
            }
            return this;
        }

        private void withEtag(com.github.tomakehurst.wiremock.client.MappingBuilder mapping, String fixture, String etag) {
            GitHubStubs.stub(mapping.atPriority(GitHubStubs.RECORDED).willReturn(json(fixture).withHeader("ETag", etag)));
        }
    }

    static Hub hub() {
        String run = unique("t");
        String namespace = "lab-" + run;
        String model = "Lab-8B-" + run;
        PlatformFixtures fixtures = new PlatformFixtures(run).with("namespace", namespace).with("model", model)
                .with("pubA", "pub-a-" + run).with("pubB", "pub-b-" + run);
        return new Hub(fixtures, namespace, model);
    }

    /** If-None-Match answers for every ETag above, added once the first run has stored them. */
    static void answerNotModified(Hub hub) {
        GitHubStubs.stub(get(urlPathEqualTo("/hf/api/models/" + hub.id())).withHeader("If-None-Match",
                equalTo("\"model-" + hub.model() + "\"")).atPriority(GitHubStubs.CONDITIONAL).willReturn(aResponse().withStatus(304)));
        for (String relation : List.of("adapter", "merge", "quantized")) {
            GitHubStubs.stub(get(urlPathEqualTo("/hf/api/models")).withQueryParam("filter", equalTo("base_model:" + relation
                    + ":" + hub.id())).withHeader("If-None-Match", equalTo("\"" + relation + "-" + hub.model() + "\""))
                    .atPriority(GitHubStubs.CONDITIONAL).willReturn(aResponse().withStatus(304)));
        }
    }

    static long post(String slug, String url) {
        return admin().body(Map.of("source", "huggingface", "url", url)).post("/api/v1/projects/" + slug + "/collections")
                .then().statusCode(202).extract().jsonPath().getLong("id");
    }

    @Test
    void aCollectionRecordsTheLicenseDownloadsAndDerivativesByRelationAndARerunAddsNothing() throws SQLException {
        Hub hub = hub().stubAll("huggingface/model.json");
        String lab = PlatformFixtures.organisationWithAlias(hub.namespace());
        String pubA = PlatformFixtures.organisationWithAlias(hub.fixtures().value("pubA"));
        String slug = project(null);

        JsonPath job = succeeded(post(slug, hub.url()));

        assertEquals("huggingface", job.getString("source"));
        assertEquals(Map.of("finetune", 3, "adapter", 1, "merge", 1, "quantization", 2),
                job.getMap("stats.platform.derivativesAdded"));
        assertEquals(1, job.getInt("stats.platform.downloadCountsAdded"));
        assertEquals(1, job.getInt("stats.licensePeriodsAdded"));
        assertEquals(8, job.getInt("progress.done"));                     // the model and 7 derivatives
        assertEquals(hub.id(), job.getString("stats.platform.models[0].id"));
        assertEquals(lab, job.getString("stats.platform.models[0].publisherOrganisation"));
        assertEquals("llama3", job.getString("stats.platform.models[0].license"));
        assertEquals("LicenseRef-Llama-3-Community", job.getString("stats.platform.models[0].licenseExpression"));
        assertEquals(123456, job.getInt("stats.platform.models[0].downloads"));
        assertEquals(789, job.getInt("stats.platform.models[0].likes"));
        assertEquals("manual", job.getString("stats.platform.models[0].gated"));
        assertEquals(List.of(), job.getList("stats.platform.models[0].baseModels"));
        PlatformServer.server().verify(getRequestedFor(urlPathEqualTo("/hf/api/models/" + hub.id()))
                .withHeader("Authorization", equalTo("Bearer " + PlatformServer.HUGGINGFACE_TOKEN)));

        Sql sql = new Sql(db);
        long projectId = sql.number("select id from project where slug = ?", slug);
        assertEquals(Map.of("finetune", 3L, "adapter", 1L, "merge", 1L, "quantization", 2L), sql.countsBy("""
                select relation, count(*) from derivative where project_id = ? and superseded_at is null group by 1""", projectId));
        // Each names the model it was read from as its base (issue #23); which family member that is, the Hub does not say.
        assertEquals(7L, sql.number("select count(*) from derivative where project_id = ? and superseded_at is null and base_name = '"
                + hub.id() + "' and base_artifact is null", projectId));
        // Publishers: a namespace that is a recorded organisation's alias is that organisation, others keep their name.
        assertEquals(List.of(
                List.of(hub.fixtures().value("pubA") + "/" + hub.model() + "-GGUF", "quantization", pubA, "", "2024-04-20"),
                List.of(hub.fixtures().value("pubA") + "/" + hub.model() + "-chat", "finetune", pubA, "", "2024-05-02"),
                List.of(hub.fixtures().value("pubB") + "/" + hub.model() + "-medical", "finetune", "", hub.fixtures().value("pubB"),
                        "2024-06-11")), sql.rows("""
                select d.derived_name, d.relation, coalesce(o.key, ''), coalesce(d.publisher_name, ''), d.published_at::text
                from derivative d left join organisation o on o.id = d.publisher_organisation_id
                where d.project_id = ? and (d.derived_name like 'pub-%') order by d.published_at""", projectId));
        assertEquals(List.of(List.of("weights", "LicenseRef-Llama-3-Community", "2024-04-17", "initial", "huggingface", true)),
                sql.rows("""
                        select artifact, expression, valid_from::text, change_kind, source_kind, level is not null
                        from license_period where project_id = ? and superseded_at is null""", projectId));
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        assertEquals(List.of(List.of("huggingface", yesterday.minusDays(29).toString(), yesterday.toString(), 123456L)), sql.rows("""
                select platform, period_from::text, period_to::text, downloads from download_count
                where project_id = ? and superseded_at is null""", projectId));
        // The adoption endpoints show them, with their source.
        anonymous().queryParam("project", slug).get("/api/v1/derivatives").then().statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(7))
                .body("items.source.kind", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("huggingface")));

        // A rerun adds nothing; the derivative lists that did not change answer 304.
        answerNotModified(hub);
        JsonPath rerun = succeeded(post(slug, hub.url()));
        assertEquals(Map.of("finetune", 0, "adapter", 0, "merge", 0, "quantization", 0),
                rerun.getMap("stats.platform.derivativesAdded"));
        assertEquals(0, rerun.getInt("stats.platform.downloadCountsAdded"));
        assertEquals(0, rerun.getInt("stats.licensePeriodsAdded"));
        assertEquals(5, rerun.getInt("stats.platform.notModified"));      // model, finetunes, adapters, merges, quantized
        assertEquals(7L, sql.number("select count(*) from derivative where project_id = ? and superseded_at is null", projectId));
        assertEquals(1L, sql.number("select count(*) from download_count where project_id = ?", projectId));
    }

    /**
     * A derivative whose Hub page is another project's repository names that project; a rerun the Hub answers in full
     * again (no ETag matched) records no second version of a derivative or an overlapping download count.
     */
    @Test
    void aDerivativeThatIsAProjectNamesItAndARerunAnsweredInFullAddsNothing() throws SQLException {
        Hub hub = hub().stubAll("huggingface/model.json");
        String adapter = "someone-" + hub.namespace().substring("lab-".length()) + "/" + hub.model() + "-lora-sql";
        String derivedSlug = project(null);
        admin().body(Map.of("url", "https://huggingface.co/" + adapter, "source", io.counterpower.support.Fixtures.source()))
                .post("/api/v1/projects/" + derivedSlug + "/repositories").then().statusCode(201);
        String slug = project(null);

        succeeded(post(slug, hub.url()));

        Sql sql = new Sql(db);
        long projectId = sql.number("select id from project where slug = ?", slug);
        assertEquals(sql.number("select id from project where slug = ?", derivedSlug), sql.number("""
                select derived_project_id from derivative where project_id = ? and derived_name = ? and superseded_at is null""",
                projectId, adapter));
        assertEquals(6L, sql.number("select count(*) from derivative where project_id = ? and derived_project_id is null", projectId));

        JsonPath rerun = succeeded(post(slug, hub.url()));
        assertEquals(Map.of("finetune", 0, "adapter", 0, "merge", 0, "quantization", 0),
                rerun.getMap("stats.platform.derivativesAdded"));
        assertEquals(0, rerun.getInt("stats.platform.downloadCountsAdded"));
        assertEquals(1, rerun.getInt("stats.platform.notModified"));      // the finetunes only
        assertEquals(7L, sql.number("select count(*) from derivative where project_id = ?", projectId));
        assertEquals(1L, sql.number("select count(*) from download_count where project_id = ?", projectId));
    }

    @Test
    void aLicenseNamedInLicenseNameIsReadThroughTheCatalogAndTheBaseModelIsReported() {
        Hub hub = hub().stubAll("huggingface/model-license-other.json");
        String slug = project(null);

        JsonPath job = succeeded(post(slug, hub.url()));

        assertEquals("other", job.getString("stats.platform.models[0].license"));
        assertEquals("qwen", job.getString("stats.platform.models[0].licenseName"));
        assertEquals("LicenseRef-Qwen", job.getString("stats.platform.models[0].licenseExpression"));
        assertEquals("finetune", job.getString("stats.platform.models[0].baseModelRelation"));
        assertEquals(List.of(hub.id()), job.getList("stats.platform.models[0].baseModels"));
        assertEquals("none", job.getString("stats.platform.models[0].gated"));
    }

    @Test
    void aMissingModelAndAMalformedAnswerFailTheJobClearly() {
        Hub missing = hub();
        GitHubStubs.stub(get(urlPathEqualTo("/hf/api/models/" + missing.id())).atPriority(GitHubStubs.RECORDED)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(missing.fixtures().body("huggingface/not-found.json"))));
        long id = post(project(null), missing.url());
        JsonPath job = await(id);
        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").startsWith("Hugging Face has no GET " + PlatformServer.huggingFaceBase() + "/api/models/" + missing.id() + " (404)"),
                job.getString("error"));
        assertFalse(anonymous().get("/api/v1/jobs/" + id).then().extract().asString().contains(PlatformServer.HUGGINGFACE_TOKEN));

        Hub malformed = hub();
        GitHubStubs.stub(get(urlPathEqualTo("/hf/api/models/" + malformed.id())).atPriority(GitHubStubs.RECORDED)
                .willReturn(malformed.json("huggingface/malformed.json")));
        JsonPath broken = await(post(project(null), malformed.url()));
        assertEquals("failed", broken.getString("state"));
        assertTrue(broken.getString("error").contains("with a body that is not valid JSON"), broken.getString("error"));
    }
}
