package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.indicator.FactIndicatorsTest.event;
import static io.counterpower.indicator.LicensePrecedenceTest.period;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fork indicators of METHODOLOGY.md section 7 (methodology 2) on a hand-built fork and upstream: fork_response_days,
 * fork_foundation_hosted and fork_carried_people (the fork's commits count only after the fork point, and a commit the
 * upstream also records is never the fork's); a side not collected is null with not_collected, never 0.
 */
@QuarkusTest
public class ForkIndicatorsTest {
    static final String NAMES = "fork_response_days,fork_foundation_hosted,fork_carried_people";
    static final String FORK_POINT = "8a085b427b74ce3829500a59508b77465f1bbef0";

    /** An upstream and its fork: the fork's slug and both datasets. */
    public record Pair(Dataset upstream, Dataset fork, String foundation) {
        public String forkSlug() {
            return fork.slug;
        }

        public String upstreamSlug() {
            return upstream.slug;
        }
    }

    /**
     * Upstream: MPL-2.0, relicensed to BUSL-1.1 on 2023-08-10. Fork: recorded with that upstream and fork point
     * 2023-08-10, stewarded by a foundation, its fork event on 2023-09-20. Commits before the fork point (24 months):
     * u1 5, u2 4, u3 3, u4 2, u5 1; u6 1 three years before (outside). After: u1 and u3 in the fork; u2 only a commit
     * the upstream also records (the upstream's); u4 thirteen months after (outside).
     */
    public static Pair pair(boolean collectUpstream) {
        Dataset upstream = Dataset.project("corporate");
        period(upstream, "MPL-2.0", "2014-07-01", "initial", "manual", 2);
        period(upstream, "BUSL-1.1", "2023-08-10", "relicense", "manual", 5);
        String foundation = organisation("foundation");
        String slug = unique("fork");
        Map<String, Object> body = projectBody(slug);
        body.put("kind", "tool");
        body.put("upstream", upstream.slug);
        body.put("forkPointCommit", FORK_POINT);
        body.put("forkPointDate", "2023-08-10");
        body.put("steward", Map.of("organisation", foundation, "from", "2023-09-20"));
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        Dataset fork = QuarkusTransaction.requiringNew().call(() -> new Dataset(slug));
        event(slug, "fork", "2023-09-20", foundation);

        long u1 = person(), u2 = person(), u3 = person(), u4 = person(), u5 = person(), u6 = person();
        if (collectUpstream) {
            int[] counts = {5, 4, 3, 2, 1};
            long[] people = {u1, u2, u3, u4, u5};
            for (int i = 0; i < people.length; i++) {
                for (int k = 0; k < counts[i]; k++) {
                    upstream.contributeAt(people[i], at("2023-0" + (1 + k) + "-1" + i), "commit", "up-" + upstream.slug + "-" + i + "-" + k, "git");
                }
            }
            upstream.contributeAt(u6, at("2020-06-01"), "commit", "up-" + upstream.slug + "-old", "git");
        }
        fork.contributeAt(u1, at("2023-09-01"), "commit", "fork-" + slug + "-1", "git");
        fork.contributeAt(u3, at("2024-02-01"), "commit", "fork-" + slug + "-3", "git");
        fork.contributeAt(u2, at("2023-09-02"), "commit", "up-" + upstream.slug + "-1-0", "git");
        fork.contributeAt(u4, at("2024-09-15"), "commit", "fork-" + slug + "-4", "git");
        // A commit of the fork's repository dated before the fork point: the upstream's history, not the fork's work.
        fork.contributeAt(u5, at("2023-05-01"), "commit", "fork-" + slug + "-5-history", "git");
        return new Pair(upstream, fork, foundation);
    }

    static OffsetDateTime at(String day) {
        return java.time.LocalDate.parse(day).atTime(12, 0).atOffset(ZoneOffset.UTC);
    }

    static JsonPath forks(String slug, String at) {
        return indicators(slug, Map.of("at", at, "names", NAMES));
    }

    @Test
    void aForkCarriesTwoOfTheUpstreamsFiveTopContributors() {
        Pair p = pair(true);
        JsonPath r = forks(p.forkSlug(), "2024-12-31");
        // 2023-08-10 -> 2023-09-20
        assertEquals(41, ((Number) value(r, "fork_response_days")).intValue());
        assertEquals(true, value(r, "fork_foundation_hosted"));
        // Top contributors before the fork point: u1..u5 (u6 is outside the 24 months). Carried: u1, u3; u2's only fork
        // commit is the upstream's; u4 came after the 12 months.
        assertEquals(0.4, ((Number) value(r, "fork_carried_people")).doubleValue(), 1e-9);
        Map<?, ?> detail = (Map<?, ?>) indicator(r, "fork_carried_people").get("detail");
        assertEquals(5, ((Number) indicator(r, "fork_carried_people").get("n")).intValue());
        assertEquals(2, ((Number) detail.get("carried")).intValue());
        assertEquals(1, ((Number) detail.get("sharedCommitsLeftOut")).intValue());
        assertEquals(p.upstreamSlug(), detail.get("upstream"));
        assertEquals(FORK_POINT, detail.get("forkPointCommit"));
    }

    @Test
    void theForksOwnFiguresCountOnlyWorkAfterTheForkPoint() {
        Pair p = pair(true);
        // Window P24M at 2023-12-31 reaches back to 2022: the fork's own commits are u1's and u2's (after 2023-08-10);
        // u5's commit of 2023-05-01 in the fork's repository is the upstream's history.
        JsonPath r = indicators(p.forkSlug(), Map.of("at", "2023-12-31", "window", "P24M", "names", "contributors_active"));
        assertEquals(2, ((Number) value(r, "contributors_active")).intValue());
        JsonPath pinned = indicators(p.forkSlug(), Map.of("at", "2023-12-31", "window", "P24M", "names", "contributors_active",
                "asRecordedOn", io.counterpower.support.Moments.between().toString()));
        assertEquals(2, ((Number) value(pinned, "contributors_active")).intValue(), "the versioned statement agrees");
        // Methodology 1 is frozen: it still counts the history.
        JsonPath v1 = indicators(p.forkSlug(), Map.of("at", "2023-12-31", "window", "P24M", "names", "contributors_active",
                "methodology", "1"));
        assertEquals(3, ((Number) value(v1, "contributors_active")).intValue());
    }

    @Test
    void theCarriedShareWaitsForTheTwelveMonthsAfterTheFork() {
        Pair p = pair(true);
        JsonPath r = forks(p.forkSlug(), "2024-06-30");
        assertNull(value(r, "fork_carried_people"));
        assertTrue(String.valueOf(((Map<?, ?>) indicator(r, "fork_carried_people").get("detail")).get("reason")).contains("12 months"));
        // Before the fork event, no fork is recorded yet: no response time.
        assertNull(value(forks(p.forkSlug(), "2023-09-01"), "fork_response_days"));
    }

    @Test
    void anUpstreamNotCollectedIsNotCollectedNeverZero() {
        Pair p = pair(false);
        JsonPath r = forks(p.forkSlug(), "2024-12-31");
        assertNull(value(r, "fork_carried_people"));
        assertEquals(List.of("not_collected"), indicator(r, "fork_carried_people").get("flags"));
        assertEquals(41, ((Number) value(r, "fork_response_days")).intValue());
    }

    @Test
    void aForkCollectedForLessThanTheTwelveMonthsAfterTheForkIsNotCollectedNeverAShare() {
        Pair p = pair(true);
        FactIndicatorsTest.sql("insert into repository_collected_through (project_id, repository_url, collected_through) values (?, ?, cast(? as date))",
                p.fork().projectId, "https://example.org/fork.git", "2024-03-31");
        JsonPath r = forks(p.forkSlug(), "2024-12-31");
        assertNull(value(r, "fork_carried_people"));
        assertEquals(List.of("not_collected"), indicator(r, "fork_carried_people").get("flags"));
        assertTrue(String.valueOf(((Map<?, ?>) indicator(r, "fork_carried_people").get("detail")).get("reason")).contains("2024-03-31"));
    }

    @Test
    void aProjectThatIsNotAForkHasNoForkFigures() {
        Dataset d = Dataset.project("community");
        JsonPath r = forks(d.slug, "2024-12-31");
        assertNull(value(r, "fork_response_days"));
        assertNull(value(r, "fork_foundation_hosted"));
        assertNull(value(r, "fork_carried_people"));
        assertEquals("not a fork", ((Map<?, ?>) indicator(r, "fork_carried_people").get("detail")).get("reason"));
    }

    @Test
    void theReferenceForksNameTheirUpstreamsAndForkPoints() {
        Map<String, String[]> expected = new HashMap<>();
        expected.put("opentofu", new String[]{"terraform", "8a085b427b74ce3829500a59508b77465f1bbef0", "2023-08-10"});
        expected.put("valkey", new String[]{"redis", "e64d91c37105bc2e23816b6f81b9ffc5e5d99801", "2024-03-20"});
        expected.put("opensearch", new String[]{"elasticsearch", null, null});
        expected.forEach((fork, e) -> {
            JsonPath project = io.counterpower.support.Api.anonymous().get("/api/v1/projects/" + fork).then().statusCode(200).extract().jsonPath();
            assertEquals(e[0], project.getString("upstream"), fork);
            assertEquals(e[1], project.getString("forkPointCommit"), fork);
            assertEquals(e[2], project.getString("forkPointDate"), fork);
        });
        // Terraform relicensed on 2023-08-10; OpenTofu's fork event is 2023-09-20: 41 days. Valkey: its README states the
        // fork from 2024-03-22 (dataset 2026.12.9.23), 2 days after Redis's relicense of 2024-03-20.
        assertEquals(41, ((Number) value(forks("opentofu", "2024-12-31"), "fork_response_days")).intValue());
        assertEquals(2, ((Number) value(forks("valkey", "2024-12-31"), "fork_response_days")).intValue());
        // Elasticsearch's relicense is dated to January 2021 only: the response time is uncertain, and neither side is collected.
        JsonPath os = forks("opensearch", "2024-12-31");
        assertEquals(List.of("date_uncertain"), indicator(os, "fork_response_days").get("flags"));
        assertNull(value(os, "fork_carried_people"));
        assertEquals(List.of("not_collected"), indicator(os, "fork_carried_people").get("flags"));
    }
}
