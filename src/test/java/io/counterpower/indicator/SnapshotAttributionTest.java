package io.counterpower.indicator;

import io.counterpower.dataset.ReferenceDataset;
import io.counterpower.dataset.SnapshotServiceProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.ContributionAttributionTest.rows;
import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.em;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot load rebuilds {@code contribution_attribution} in one set-based pass at its end, with
 * the triggers' queue turned off for the load (V039): after the load the derived table equals the
 * full statement's attribution for every loaded project, nothing is left queued, and later writes
 * are followed again by the triggers. Runs on the snapshot profile's own database, which it empties.
 */
@QuarkusTest
@TestProfile(SnapshotServiceProfile.class)
class SnapshotAttributionTest {
    private static final String GZIP = "application/gzip";

    @Inject
    ReferenceDataset dataset;

    @Test
    void afterASnapshotLoadTheDerivedAttributionEqualsTheFullStatement() {
        empty();
        assertTrue(dataset.loadIfEmpty().loaded());
        String a = organisation("company"), b = organisation("company"), holding = organisation("company");
        String university = organisation("academic");
        Dataset one = Dataset.project("community");
        Dataset two = Dataset.project("corporate");
        long p = person(), q = person(), r = person(), s = person(), unknown = person(), ci = person();
        affiliate(p, a, "2020-01-01", "2024-03-31");
        affiliate(p, b, "2024-04-01", null);
        affiliate(q, university, "2020-01-01", null);
        affiliate(r, null, "2020-01-01", "2024-05-31");
        affiliate(r, a, "2024-06-01", null);
        affiliate(s, b, "2020-01-01", null);
        // B belongs to the holding from May 2024: its later contributions roll up to the holding.
        Dataset.parent(b, holding, "2024-05-01", null);
        admin().body(Map.of("contributor", ci, "bot", true, "botReason", "a CI account", "source", source(),
                "reason", "a CI account, not a person")).put("/api/v1/identities/" + Dataset.identityOf(ci)).then().statusCode(200);
        one.contribute(p, "2023-11-02", 2).contribute(p, "2024-05-01", 2).contribute(q, "2024-03-01", 1)
                .contribute(r, "2024-01-10", 2).contribute(r, "2024-07-01", 1).contribute(unknown, "2024-09-09", 2)
                .contribute(ci, "2024-09-10", 3);
        two.contribute(s, "2024-04-30", 1).contribute(s, "2024-05-02", 2).contribute(p, "2024-06-01", 1);
        // A merge recorded twice (git and GitHub) counts once, for the GitHub record; a withdrawn one not at all.
        OffsetDateTime mergedAt = OffsetDateTime.of(2024, 6, 3, 10, 0, 0, 0, ZoneOffset.UTC);
        one.contributeAt(p, mergedAt, "merge", one.slug + "-pr-1", "git");
        one.contributeAt(s, mergedAt, "merge", one.slug + "-pr-1", "github");
        two.contributeAt(s, mergedAt.plusDays(1), "merge", two.slug + "-pr-1", "git");
        sql("update contribution set superseded_at = now() where project_id = " + two.projectId + " and kind = 'merge'");
        List<List<Object>> oneBefore = rows(one, false);
        List<List<Object>> twoBefore = rows(two, false);

        byte[] snapshot = anonymous().accept(GZIP + ", application/problem+json").get("/api/v1/snapshots")
                .then().statusCode(200).extract().asByteArray();
        empty();
        assertEquals(0L, count("select count(*) from contribution_attribution"));
        admin().contentType(GZIP).body(snapshot).post("/api/v1/snapshots").then().statusCode(200);

        // Hand-computed: project one counts 2+2+1+2+1+2 commits (the bot's 3 not) and one merge; two counts 4 commits.
        assertEquals(11, rows(one, true).size());
        assertEquals(4, rows(two, true).size());
        assertEquals(rows(one, false), rows(one, true));
        assertEquals(rows(two, false), rows(two, true));
        assertEquals(oneBefore, rows(one, false), "the load keeps the ids and facts the statement reads");
        assertEquals(twoBefore, rows(two, false));
        // s's commits of 2 May and p's of June roll up to the holding, s's of 30 April stays with B.
        assertEquals(3, rows(two, true).stream().filter(row -> holding.equals(row.get(3))).count(), rows(two, true).toString());
        assertEquals(1, rows(two, true).stream().filter(row -> b.equals(row.get(3))).count());
        assertEquals(0L, count("select count(*) from contribution_attribution_stale"), "nothing left queued");
        assertEquals(0L, count("select count(*) from contribution_attribution_pending"));

        // The queue was off for the load's transaction only: a later write is followed again.
        affiliate(unknown, university, "2024-01-01", null);
        assertEquals(rows(one, false), rows(one, true));
        assertEquals(3, rows(one, true).stream().filter(row -> university.equals(row.get(3))).count());
        anonymous().get("/api/v1/organisations/" + holding).then().statusCode(200).body("key", equalTo(holding));
        empty();
    }

    /** Empties the fact base of this profile's database (the snapshot tables reference these four). */
    private static void empty() {
        sql("truncate contribution_attribution, contribution_attribution_stale, contribution_attribution_pending, audit_log, fact_dispute,"
                + " dataset_load, organisation, project, contributor, identity restart identity cascade");
    }

    private static void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery(statement).executeUpdate());
    }

    private static long count(String query) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em().createNativeQuery(query).getSingleResult()).longValue());
    }
}
