package io.counterpower.indicator;

import io.counterpower.support.Moments;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.persistence.Query;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.em;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.indicator.IndicatorSeriesTest.series;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code contribution_attribution} (migration V005), which the current figures are read from, equals
 * the attribution the full statement computes from the versioned fact tables, after every kind of
 * write that can change it; and "as recorded on" before a write still gives the figures published
 * then (it reads the fact tables, not the derived one).
 */
@QuarkusTest
class ContributionAttributionTest {
    private static final String NAMES = String.join(",", List.of("contributors_active", "affiliation_coverage", "corporate_share",
            "independent_share", "top_org", "top_org_share", "elephant_factor", "org_hhi", "org_count", "bus_factor", "new_orgs",
            "hired_contributors", "walkaway_share", "gatekeeper_top_org_share"));

    @Test
    void theDerivedTableFollowsEveryWriteAndAgreesWithTheFullStatement() {
        String a = organisation("company"), b = organisation("company"), holding = organisation("company");
        String university = organisation("academic");
        Dataset d = Dataset.project("community");
        long p = person(), q = person(), r = person(), s = person(), unknown = person();
        affiliate(p, a, "2020-01-01", "2024-03-31");
        affiliate(p, b, "2024-04-01", null);
        affiliate(q, university, "2020-01-01", null);
        affiliate(r, null, "2020-01-01", "2024-05-31");
        affiliate(r, a, "2024-06-01", null);
        affiliate(s, b, "2020-01-01", null);
        d.contribute(p, "2023-11-02", 2).contribute(p, "2024-02-01", 3).contribute(p, "2024-05-01", 2)
                .contribute(q, "2024-03-01", 1).contribute(r, "2024-01-10", 2).contribute(r, "2024-07-01", 1)
                .contribute(s, "2024-08-08", 4).contribute(unknown, "2024-09-09", 2);
        // A merge recorded twice (the git author and GitHub's merged_by): it counts once, for the GitHub record.
        OffsetDateTime mergedAt = OffsetDateTime.of(2024, 6, 3, 10, 0, 0, 0, ZoneOffset.UTC);
        d.contributeAt(p, mergedAt, "merge", d.slug + "-pr-1", "git");
        d.contributeAt(s, mergedAt, "merge", d.slug + "-pr-1", "github");
        d.contributeAt(s, mergedAt.plusDays(3), "merge", d.slug + "-pr-2", "git");
        assertAgrees(d);
        JsonPath beforeAcquisition = indicators(d.slug, Map.of("at", "2024-12-31", "names", NAMES));

        Instant published = Moments.between();
        // B is acquired by the holding in May 2024: its later contributions roll up to the holding.
        Dataset.parent(b, holding, "2024-05-01", null);
        assertAgrees(d);
        assertEquals(holding, ContributionIndicatorsTest.value(indicators(d.slug, Map.of("at", "2024-12-31", "names", "top_org")), "top_org"));
        assertEquals(comparable(beforeAcquisition), comparable(indicators(d.slug,
                Map.of("at", "2024-12-31", "names", NAMES, "asRecordedOn", published.toString()))));

        // An affiliation period corrected, a bot flagged, a contribution withdrawn.
        long qAffiliation = ((Number) QuarkusTransaction.requiringNew().call(() -> em().createNativeQuery(
                "select id from affiliation where contributor_id = ?1 and superseded_at is null").setParameter(1, q).getSingleResult())).longValue();
        admin().body(Map.of("contributor", q, "organisation", university, "from", "2024-06-01", "source", source(),
                "reason", "joined in June")).put("/api/v1/affiliations/" + qAffiliation).then().statusCode(200);
        assertAgrees(d);
        Dataset.bot(unknown);
        assertAgrees(d);
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery("""
                        update contribution set superseded_at = now()
                        where id = (select min(id) from contribution where project_id = ?1 and kind = 'merge' and source_kind = 'github')""")
                .setParameter(1, d.projectId).executeUpdate());
        assertAgrees(d);
        assertFalse(rows(d, true).isEmpty());
    }

    /** The derived rows equal the full statement's attribution, and so do the figures (single date and series). */
    private static void assertAgrees(Dataset d) {
        assertEquals(rows(d, false), rows(d, true));
        String now = Instant.now().toString();
        assertEquals(comparable(indicators(d.slug, Map.of("at", "2024-12-31", "names", NAMES))),
                comparable(indicators(d.slug, Map.of("at", "2024-12-31", "names", NAMES, "asRecordedOn", now))));
        Map<String, String> range = Map.of("names", NAMES, "from", "2023-10-01", "to", "2024-12-31", "step", "month", "window", "P3M");
        Map<String, String> asRecorded = new HashMap<>(range);
        asRecorded.put("asRecordedOn", now);
        assertEquals(series(d.slug, range).getList("series"), series(d.slug, asRecorded).getList("series"));
    }

    /** The indicator values without what legitimately differs between the two reads (the request echo). */
    private static List<Object> comparable(JsonPath body) {
        return body.getList("indicators");
    }

    /** (contribution, known, organisation, top organisation key) of the counted commits and merges. */
    static List<List<Object>> rows(Dataset d, boolean derived) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query q;
            if (derived) {
                q = em().createNativeQuery("""
                        select x.contribution_id, x.known, x.organisation_id, o.key
                        from contribution_attribution x left join organisation o on o.id = x.top_organisation_id
                        where x.project_id = :project and x.kind in (:kinds) order by 1""");
            } else {
                // The CTEs of the "as recorded on" statement up to its attributed rows (methodology/v2/contribution.sql).
                String statement = IndicatorStatements.sql(2, ContributionIndicators.AS_RECORDED);
                q = em().createNativeQuery(statement.substring(0, statement.indexOf(",\nfirsts as ("))
                        + " select id, known, organisation_id, org_key from attributed order by 1");
                q.setParameter("asof", OffsetDateTime.now(ZoneOffset.UTC));
                new Steps(List.of(LocalDate.now(ZoneOffset.UTC)), Window.ALL).bind(q);
            }
            q.setParameter("project", d.projectId).setParameter("kinds", List.of("commit", "merge"));
            List<List<Object>> out = new ArrayList<>();
            for (Object row : q.getResultList()) {
                Object[] cells = (Object[]) row;
                out.add(List.of(((Number) cells[0]).longValue(), cells[1], cells[2] == null ? "" : ((Number) cells[2]).longValue(),
                        cells[3] == null ? "" : cells[3]));
            }
            return out;
        });
    }
}
