package io.counterpower.dataset;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.counterpower.support.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The test profile starts on a cleaned database, so the first start loaded the dataset. */
@QuarkusTest
class ReferenceDatasetTest {
    static final List<String> FACT_TABLES = List.of("organisation_version", "organisation_parent", "project_version",
            "project_repository", "project_steward", "license_period", "governance_event", "funding_event", "derivative");

    @Inject
    EntityManager em;
    @Inject
    ReferenceDataset dataset;

    @Test
    void theDefaultDatasetIsLoadedOnFirstStart() {
        anonymous().queryParam("size", "200").queryParam("sort", "slug").get("/api/v1/projects").then().statusCode(200)
                .body("items.slug", hasItems("llama", "pytorch", "stable-diffusion", "falcon", "terraform", "redis"));
        anonymous().get("/api/v1/projects/llama").then().statusCode(200)
                .body("origin", equalTo("corporate"))
                .body("steward", equalTo("meta"))
                .body("source.kind", equalTo("reference-dataset"))
                .body("repositories[0].url", equalTo("https://github.com/meta-llama/llama"));
        // 2026.12.11: Huawei and Ericsson (named by Valkey's MAINTAINERS.md, 2026.12.9.23) and eleven organisations
        // with their domains (2026.12.10) join the 75 of 2026.12.9; 2026.12.12 adds env0, Scalr, Harness and Gruntwork
        // (named by OpenTofu's CONTRIBUTING.md as its TSC members' companies).
        assertEquals(92L, count("select count(*) from organisation_version where source_kind = 'reference-dataset'"));
        assertEquals(37L, count("select count(*) from project_version where source_kind = 'reference-dataset'"));
        // 58 license events, and the license before the first recorded change of MongoDB and Elasticsearch.
        assertEquals(60L, count("select count(*) from license_period where source_kind = 'reference-dataset'"));
        assertEquals(14L, count("select count(*) from governance_event where source_kind = 'reference-dataset'"));
        // Valkey's fork is read in its own README at the commit that wrote it, verified with the sentence kept.
        assertEquals(1L, count("""
                select count(*) from governance_event e join project p on p.id = e.project_id
                where p.slug = 'valkey' and e.kind = 'fork' and e.superseded_at is null and e.event_date = date '2024-03-22'
                  and e.confidence = 'verified' and e.to_organisation_id is null
                  and e.source_url = 'https://github.com/valkey-io/valkey/blob/75929f46c5ffccd72b3e6eb90cbee74f9968d726/README.md'
                  and e.source_quote like 'This project was forked from the open source Redis project%'"""));
        assertEquals(36L, count("select count(*) from funding_event where source_kind = 'reference-dataset'"));
    }

    /** Issue #23: the recorded derivatives give Llama compost figures with their sources (reference-README.md, README tour). */
    @Test
    void llamaShowsCompostFiguresFromTheRecordedDerivatives() {
        assertEquals(6L, count("select count(*) from derivative where source_kind = 'reference-dataset'"));
        io.restassured.path.json.JsonPath r = anonymous()
                .queryParam("names", "derivatives,derivative_publishers,derivative_publisher_hhi,independent_derivative_share,afterlife_derivatives")
                .get("/api/v1/projects/llama/indicators").then().statusCode(200).extract().jsonPath();
        String at = "indicators.find { it.name == '%s' }.";
        assertEquals(3, r.getInt(at.formatted("derivatives") + "value"));
        assertEquals(2, r.getInt(at.formatted("derivative_publishers") + "value"));          // TheBloke, teleprint-me
        assertEquals(0.555556, r.getDouble(at.formatted("derivative_publisher_hhi") + "value"), 1e-6); // (2/3)^2 + (1/3)^2
        assertNull(r.get(at.formatted("independent_derivative_share") + "value"));   // namespaces of unknown kind
        assertNull(r.get(at.formatted("afterlife_derivatives") + "value"));          // no publication day read
        assertEquals(3, r.getList(at.formatted("derivative_publishers") + "detail.sources").size());
        assertEquals(2, r.getInt(at.formatted("derivative_publishers") + "methodologyVersion"));
    }

    @Test
    void everyLoadedFactHasAnHttpsSourceAndAConfidence() {
        for (String table : FACT_TABLES) {
            assertEquals(0L, count("select count(*) from " + table
                    + " where source_kind = 'reference-dataset' and (source_url is null or source_url not like 'https://%')"), table);
        }
    }

    @Test
    void stewardPeriodsFollowFoundationTransfersAndAcquisitionsStartAParentPeriod() {
        anonymous().get("/api/v1/projects/pytorch/stewards").then().body("$", hasSize(2))
                .body("[0].organisation", equalTo("meta")).body("[0].to", equalTo("2022-09-11"))
                .body("[1].organisation", equalTo("pytorch-foundation")).body("[1].from", equalTo("2022-09-12"));
        anonymous().queryParam("asRecordedOn", "2999-01-01").get("/api/v1/projects/pytorch").then()
                .body("steward", equalTo("pytorch-foundation"));
        anonymous().get("/api/v1/organisations/hashicorp").then().body("parents[0].parent", equalTo("ibm"))
                .body("parents[0].from", equalTo("2025-02-27"));
        anonymous().get("/api/v1/organisations/google").then().body("parents[0].from", equalTo(null));
    }

    @Test
    void theStandardRelicensesOfMongoDbAndElasticsearchAreLicenseChanges() {
        // The dataset names the license before each project's first recorded change; the loader records it
        // (the day before the change), so the change itself is one.
        anonymous().queryParam("project", "mongodb").get("/api/v1/license-changes").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].fromExpression", equalTo("AGPL-3.0-only"))
                .body("items[0].toExpression", equalTo("SSPL-1.0"))
                .body("items[0].date", equalTo("2018-10-16"))
                .body("items[0].direction", equalTo("restrictive"));
        anonymous().queryParam("project", "elasticsearch").get("/api/v1/license-changes").then().statusCode(200)
                .body("items[0].fromExpression", equalTo("Apache-2.0"))
                .body("items[0].toExpression", equalTo("SSPL-1.0 OR LicenseRef-Elastic-License-1.0"))
                .body("items[0].date", equalTo("2021-01"))
                .body("items[0].direction", equalTo("restrictive"));
        assertEquals(List.of("initial"), em.createNativeQuery("""
                select l.change_kind from license_period l join project p on p.id = l.project_id
                where p.slug = 'mongodb' and l.valid_from = date '2018-10-15'""").getResultList());
    }

    @Test
    void modelFamiliesNameTheirArtifactsSoAnOpenMemberHidesNoRestrictiveOne() {
        // Falcon-7B is its own artifact, Apache-2.0 from TII's relicensing (the license before it is not recorded);
        // on 2023-12-31 the family reads Falcon-180B's license (5) over Falcon-7B's and Falcon-40B's Apache-2.0 (1).
        anonymous().queryParam("project", "falcon").queryParam("artifactName", "falcon-7b").get("/api/v1/license-periods")
                .then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].expression", equalTo("Apache-2.0")).body("items[0].date", equalTo("2023-05-31"));
        java.util.Map<String, Object> falcon = anonymous().queryParam("at", "2023-12-31").queryParam("window", "P12M")
                .queryParam("methodology", "2").get("/api/v1/projects/falcon/indicators").then().statusCode(200)
                .extract().jsonPath().getMap("indicators.find { it.name == 'license_restrictiveness' }");
        assertEquals(5, ((Number) falcon.get("value")).intValue(), falcon.toString());
        // Qwen on 2025-09-30 (methodology 2): Qwen 1's weights (2023-08) no longer count (24 months); Qwen2 (Apache,
        // 2024-06-06), Qwen2-72B (Tongyi Qianwen, 5, same day), Qwen2.5 (Apache, 2024-09), Qwen3 (Apache, newest) and
        // the code (Apache) do. By hand: the family's level is its most restrictive current member, Qwen2-72B's 5;
        // read as one license per family it would be Qwen3's 1.
        io.restassured.path.json.JsonPath qwen = anonymous().queryParam("at", "2025-09-30").queryParam("window", "P12M")
                .queryParam("methodology", "2").get("/api/v1/projects/qwen/indicators").then().statusCode(200)
                .extract().jsonPath();
        java.util.Map<String, Object> level = qwen.getMap("indicators.find { it.name == 'license_restrictiveness' }");
        assertEquals(5, ((Number) level.get("value")).intValue(), level.toString());
        assertEquals(5, ((Number) level.get("n")).intValue(), level.toString());
        anonymous().queryParam("project", "qwen").queryParam("artifactName", "qwen2-72b").get("/api/v1/license-periods")
                .then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].expression", equalTo("LicenseRef-Tongyi-Qianwen"))
                .body("items[0].source.confidence", equalTo("reported"));
    }

    @Test
    void aTrademarkEventNamesTheHolderOfTheMark() {
        // Elastic's 2022 settlement with AWS: Elastic holds the mark; Amazon is the other party.
        assertEquals(List.of(List.of("elastic", "amazon")), em.createNativeQuery("""
                select tk.key, fk.key from governance_event e join project p on p.id = e.project_id
                join organisation tk on tk.id = e.to_organisation_id join organisation fk on fk.id = e.from_organisation_id
                where p.slug = 'elasticsearch' and e.kind = 'trademark'""").getResultList().stream()
                .map(row -> List.of(((Object[]) row)[0], ((Object[]) row)[1])).toList());
    }

    @Test
    void unverifiedClaimsAreNotLoaded() {
        // The first unverified claim is about a pre-seed round of ggml.ai: no funding event names it as recipient.
        assertEquals(0L, count("""
                select count(*) from funding_event f join organisation o on o.id = f.recipient_organisation_id
                where o.key = 'ggml-ai'"""));
    }

    @Test
    void aSecondStartDoesNotLoadItTwice() {
        long before = count("select count(*) from organisation_version");
        ReferenceDataset.LoadResult again = dataset.loadIfEmpty();
        assertFalse(again.loaded());
        assertEquals("already loaded", again.reason());
        assertEquals(before, count("select count(*) from organisation_version"));
        assertEquals(1L, count("select count(*) from dataset_load where name = 'reference'"));
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
