package io.counterpower.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.counterpower.support.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A new version of the default dataset reaches an instance that holds an older one as recorded
 * corrections (issue #20 part 5): a changed fact gets a new version with the reason, shown in the
 * errata feed; a withdrawn one is closed with its reason; unchanged facts and the data versions of
 * projects they belong to do not move; an older or the same version changes nothing. Runs on the
 * snapshot profile's own database, which it empties.
 */
@QuarkusTest
@TestProfile(SnapshotServiceProfile.class)
class ReferenceDatasetUpgradeTest {
    @Inject
    ReferenceDataset dataset;
    @Inject
    ReferenceDatasetUpgrade upgrade;
    @Inject
    EntityManager em;

    @Test
    void aNewVersionIsRecordedAsCorrectionsWithReasonsAndLeavesTheRestAlone() {
        empty();
        JsonNode bundled = dataset.bundled();
        String version = bundled.path("version").asText();
        assertEquals(true, dataset.loadIfEmpty().loaded());
        long rows = count("select (select count(*) from license_period) + (select count(*) from governance_event)"
                + " + (select count(*) from funding_event) + (select count(*) from organisation_version) + (select count(*) from project_version)");

        // The same facts under a newer version: nothing corrected, added or closed (the upgrade reads
        // the facts exactly as the loader recorded them), only the version recorded moves.
        ObjectNode same = bundled.deepCopy();
        same.put("version", "2999.1.1");
        ReferenceDatasetUpgrade.Result unchanged = upgrade.applyIfNewer(same);
        assertEquals(new ReferenceDatasetUpgrade.Result(version, "2999.1.1", 0, 0, 0, 0), unchanged);
        assertEquals(rows, count("select (select count(*) from license_period) + (select count(*) from governance_event)"
                + " + (select count(*) from funding_event) + (select count(*) from organisation_version) + (select count(*) from project_version)"));

        // Version N+1: llama's first code license gets a primary source, read, with its quote; pytorch's foundation
        // transfer is withdrawn. Every other project's data version stays where it is.
        ObjectNode next = bundled.deepCopy();
        next.put("version", "2999.1.2");
        ObjectNode license = (ObjectNode) next.withArray("license_events").get(0);
        assertEquals("llama", license.path("project").asText());
        assertEquals("2023-02", license.path("date").asText());
        assertEquals("reported", license.path("confidence").asText());
        license.put("source", "https://github.com/meta-llama/llama/blob/1076b9c51c77ad06e9d7ba8a4c6df775741732bd/LICENSE");
        license.put("confidence", "verified");
        license.put("quote", "GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007");
        ArrayNode governance = next.withArray("governance_events");
        assertEquals("pytorch", governance.get(0).path("project").asText());
        governance.remove(0);
        long untouched = projectId("mongodb");
        long dataVersionBefore = dataVersion(untouched);
        long llamaBefore = dataVersion(projectId("llama"));

        ReferenceDatasetUpgrade.Result result = upgrade.applyIfNewer(next);
        assertEquals(new ReferenceDatasetUpgrade.Result("2999.1.1", "2999.1.2", 1, 1, 0, 0), result);
        assertEquals(dataVersionBefore, dataVersion(untouched), "an unchanged project's data version does not move");
        assertNotEquals(llamaBefore, dataVersion(projectId("llama")));
        assertEquals(rows + 1, count("select (select count(*) from license_period) + (select count(*) from governance_event)"
                + " + (select count(*) from funding_event) + (select count(*) from organisation_version) + (select count(*) from project_version)"));

        // The fact's new version, with its reason; the old one is kept, closed.
        List<?> versions = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select l.source_url, l.confidence, l.change_reason, l.superseded_at is null from license_period l
                        join project p on p.id = l.project_id
                        where p.slug = 'llama' and l.artifact = 'code' and l.valid_from = date '2023-02-01' and l.change_kind = 'initial'
                        order by l.row_id""").getResultList());
        assertEquals(2, versions.size());
        Object[] old = (Object[]) versions.get(0);
        Object[] now = (Object[]) versions.get(1);
        assertEquals(false, old[3]);
        assertEquals("reported", old[1]);
        assertEquals(true, now[3]);
        assertEquals("verified", now[1]);
        assertEquals("https://github.com/meta-llama/llama/blob/1076b9c51c77ad06e9d7ba8a4c6df775741732bd/LICENSE", now[0]);
        String reason = "default dataset 2999.1.2: source replaced, quote added, confidence reported -> verified";
        assertEquals(reason, now[2]);
        assertEquals("GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007", QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select l.source_quote from license_period l join project p on p.id = l.project_id
                where p.slug = 'llama' and l.artifact = 'code' and l.valid_from = date '2023-02-01' and l.change_kind = 'initial'
                  and l.superseded_at is null""").getSingleResult()), "the quote is kept as the source's quote, not in its note");

        // The errata feed shows both corrections with their reasons and the projects they affect.
        anonymous().get("/api/v1/changes?kind=license-period").then().statusCode(200)
                .body("items[0].action", equalTo("update")).body("items[0].reason", equalTo(reason))
                .body("items[0].affects.projects", hasItem("llama"))
                .body("items[0].changedFields", hasItem("source"));
        anonymous().get("/api/v1/changes?kind=governance-event").then().statusCode(200)
                .body("items[0].action", equalTo("close"))
                .body("items[0].reason", equalTo("default dataset 2999.1.2: withdrawn from the dataset"))
                .body("items[0].affects.projects", hasItem("pytorch"));
        assertEquals(0, count("""
                select count(*) from governance_event g join project p on p.id = g.project_id
                where p.slug = 'pytorch' and g.kind = 'foundation-transfer' and g.superseded_at is null"""));

        // An older version (or the same one again) changes nothing.
        assertEquals(new ReferenceDatasetUpgrade.Result("2999.1.2", version, 0, 0, 0, 0), upgrade.applyIfNewer(bundled));
        assertEquals(new ReferenceDatasetUpgrade.Result("2999.1.2", "2999.1.2", 0, 0, 0, 0), upgrade.applyIfNewer(next));
        assertEquals("2999.1.2", QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select version from dataset_load where name = 'reference'").getSingleResult()));
        empty();
    }

    /**
     * Dataset 2026.12.9.23 (issue #23) as it reaches an instance holding the state before it: Valkey's reported fork
     * event of 2024-03-28 is closed as withdrawn and the verified one of 2024-03-22, read in Valkey's README at a commit,
     * is added with its quote (fork_response_days, 2 days on the new event, is ForkIndicatorsTest's: this profile empties the
     * database after start, so the license levels the figure reads are not derived here).
     */
    @Test
    void valkeysForkReadInItsReadmeReplacesTheReportedOneAsRecordedCorrections() {
        empty();
        JsonNode bundled = dataset.bundled();
        assertEquals(true, dataset.loadIfEmpty().loaded());
        // The state before 2026.12.9.23, as a version of its own.
        ObjectNode before = bundled.deepCopy();
        before.put("version", "2999.2.1");
        ArrayNode events = before.withArray("governance_events");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("project").asText().equals("valkey") && events.get(i).path("kind").asText().equals("fork")) {
                ObjectNode old = (ObjectNode) events.get(i);
                assertEquals("2024-03-22", old.path("date").asText());
                old.put("date", "2024-03-28");
                old.put("to_org", "linux-foundation");
                old.put("source", "https://www.opensourcestartups.com/blog/redis-relicense-timeline");
                old.put("confidence", "reported");
                old.remove("quote");
            }
        }
        upgrade.applyIfNewer(before);
        ObjectNode after = bundled.deepCopy();
        after.put("version", "2999.2.2");

        ReferenceDatasetUpgrade.Result result = upgrade.applyIfNewer(after);

        assertEquals(new ReferenceDatasetUpgrade.Result("2999.2.1", "2999.2.2", 0, 1, 1, 0), result);
        List<?> versions = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select cast(e.event_date as text), e.confidence, e.change_reason, e.superseded_at is null, e.source_url, e.source_quote
                from governance_event e join project p on p.id = e.project_id
                where p.slug = 'valkey' and e.kind = 'fork' and e.event_date >= date '2024-03-22' order by e.row_id desc limit 2""")
                .getResultList());
        Object[] now = (Object[]) versions.get(0);
        assertEquals(List.of("2024-03-22", "verified", "default dataset 2999.2.2: added", true,
                "https://github.com/valkey-io/valkey/blob/75929f46c5ffccd72b3e6eb90cbee74f9968d726/README.md"),
                List.of(now[0], now[1], now[2], now[3], now[4]));
        assertEquals("This project was forked from the open source Redis project right before the transition to their new "
                + "source available licenses.", now[5]);
        assertEquals(0, count("""
                select count(*) from governance_event e join project p on p.id = e.project_id
                where p.slug = 'valkey' and e.kind = 'fork' and e.event_date = date '2024-03-28' and e.superseded_at is null"""));
        anonymous().get("/api/v1/changes?kind=governance-event").then().statusCode(200)
                .body("items.reason", hasItem("default dataset 2999.2.2: withdrawn from the dataset"));
        empty();
    }

    @Test
    void aRatingALaterVersionDropsIsClosedAsACorrectionButACuratorsImportIsLeft() {
        empty();
        JsonNode bundled = dataset.bundled();
        assertEquals(true, dataset.loadIfEmpty().loaded());
        // A curator's import of the same rater, for a model the dataset does not rate: never the dataset's to close.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into openness_component (project_id, component, status, rater, source_kind, source_url, confidence, change_reason)
                select id, 'weights', 'open', 'model-openness-tool', 'import', 'https://example.org/mot.yml', 'inferred',
                       'imported by a curator' from project where slug = 'pytorch'""").executeUpdate());
        long current = count("select count(*) from openness_component where superseded_at is null and rater is not null");

        ObjectNode next = bundled.deepCopy();
        next.put("version", "2999.2.1");
        ArrayNode ratings = next.withArray("openness_ratings");
        JsonNode dropped = ratings.get(0);
        assertEquals("olmo", dropped.path("project").asText());
        assertEquals("training-code", dropped.path("component").asText());
        assertEquals("eu-open-source-ai-index", dropped.path("rater").asText());
        ratings.remove(0);

        assertEquals(new ReferenceDatasetUpgrade.Result(bundled.path("version").asText(), "2999.2.1", 0, 1, 0, 0),
                upgrade.applyIfNewer(next));
        assertEquals(current - 1, count("select count(*) from openness_component where superseded_at is null and rater is not null"));
        assertEquals(0, count("""
                select count(*) from openness_component o join project p on p.id = o.project_id
                where p.slug = 'olmo' and o.component = 'training-code' and o.rater = 'eu-open-source-ai-index'
                  and o.superseded_at is null"""));
        assertEquals(1, count("""
                select count(*) from openness_component o join project p on p.id = o.project_id
                where p.slug = 'olmo' and o.component = 'training-code' and o.rater = 'eu-open-source-ai-index'
                  and o.superseded_at is not null"""), "the closed rating is kept, closed");
        assertEquals(1, count("""
                select count(*) from openness_component o join project p on p.id = o.project_id
                where p.slug = 'pytorch' and o.superseded_at is null"""), "the curator's import is left");
        anonymous().get("/api/v1/changes?kind=openness-component").then().statusCode(200)
                .body("items[0].action", equalTo("close"))
                .body("items[0].reason", equalTo("default dataset 2999.2.1: withdrawn from the dataset"))
                .body("items[0].affects.projects", hasItem("olmo"));
        empty();
    }

    /**
     * A version that gives an organisation a domain attributes the work an instance already collected from
     * addresses at it, when the upgrade commits (not at the next collection): the correction reaches the figures.
     */
    @Test
    void aDomainANewVersionAddsAttributesTheWorkAlreadyCollected() {
        empty();
        JsonNode bundled = dataset.bundled();
        assertEquals(true, dataset.loadIfEmpty().loaded());
        long person = io.counterpower.support.Fixtures.contributor("grace@upgrade-lab.example");
        long mongodb = projectId("mongodb");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into contribution (project_id, identity_id, kind, at, reference, source_kind)
                        select ?1, l.id, 'commit', timestamptz '2024-03-01 12:00Z', 'upgrade-lab-1', 'git'
                        from identity_link l where l.contributor_id = ?2 and l.superseded_at is null""")
                .setParameter(1, mongodb).setParameter(2, person).executeUpdate());
        String inferred = "select count(*) from affiliation a join organisation o on o.id = a.organisation_id"
                + " where a.contributor_id = " + person + " and o.key = 'upgrade-lab' and a.source_kind = 'email-domain'"
                + " and a.superseded_at is null";

        ObjectNode next = bundled.deepCopy();
        next.put("version", "2999.2.1");
        ObjectNode lab = next.withArray("organisations").addObject();
        lab.put("key", "upgrade-lab").put("name", "Upgrade Lab").put("type", "academic");
        lab.putArray("domains").add("upgrade-lab.example");
        lab.put("source", "https://upgrade-lab.example/about").put("confidence", "verified").put("quote", "Mail us at info@upgrade-lab.example.");
        assertEquals(1, upgrade.applyIfNewer(next).added());
        assertEquals(1, count(inferred), "the upgrade's new domain attributes the collected commit");
        empty();
    }

    @Test
    void versionsCompareAsNumbersPartByPart() {
        assertEquals(-1, Integer.signum(ReferenceDatasetUpgrade.compareVersions("2026-11-25", "2026.12.2")));
        assertEquals(1, Integer.signum(ReferenceDatasetUpgrade.compareVersions("2026.12.10", "2026.12.2")));
        assertEquals(0, ReferenceDatasetUpgrade.compareVersions("2026.12.2", "2026-12-02"));
    }

    private long projectId(String slug) {
        return count("select id from project where slug = '" + slug + "'");
    }

    private long dataVersion(long project) {
        return count("select coalesce((select version from data_version where scope = 'project:" + project + "'), 0)");
    }

    private long count(String query) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(query).getSingleResult()).longValue());
    }

    /** Empties every table of the snapshot (this profile's own database). */
    private void empty() {
        StringBuilder tables = new StringBuilder("contribution_attribution, audit_log");
        SnapshotTables.ALL.forEach(t -> tables.append(", ").append(t.name()));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("truncate " + tables + " restart identity cascade").executeUpdate());
    }
}
