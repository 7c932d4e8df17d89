package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.ContributionIndicatorsTest.indicator;
import static io.counterpower.indicator.ContributionIndicatorsTest.indicators;
import static io.counterpower.indicator.ContributionIndicatorsTest.value;
import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.indicator.Dataset.person;
import static io.counterpower.indicator.FactIndicatorsTest.body;
import static io.counterpower.indicator.FactIndicatorsTest.number;
import static io.counterpower.indicator.FactIndicatorsTest.seat;
import static io.counterpower.indicator.FactIndicatorsTest.sql;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.organisation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compost heap and governance over-representation of METHODOLOGY.md version 2 section 7, on
 * hand-computed datasets (the arithmetic is in the comments).
 */
@QuarkusTest
class CompostAndBodiesTest {

    static double coverage(JsonPath r, String name) {
        return ((Number) indicator(r, name).get("coverage")).doubleValue();
    }

    static Map<?, ?> detail(JsonPath r, String name) {
        return (Map<?, ?>) indicator(r, name).get("detail");
    }

    static void derivative(long project, String name, String relation, String orgKey, Long person, String publisherName,
                           String published, String base) {
        sql("insert into derivative (project_id, derived_name, relation, publisher_organisation_id, publisher_contributor_id, "
                + "publisher_name, published_at, base_artifact, source_kind, source_url, confidence) "
                + "values (?1, ?2, ?3, (select id from organisation where key = ?4), nullif(?5, -1), nullif(?6, ''), cast(?7 as date), nullif(?8, ''), "
                + "'manual', ?9, 'verified')",
                project, name, relation, orgKey == null ? "" : orgKey, person == null ? -1L : person, publisherName == null ? "" : publisherName,
                published, base == null ? "" : base,
                "https://huggingface.co/" + name);
    }

    static void weights(long project, String member, String kind, String from) {
        sql("insert into license_period (project_id, artifact, artifact_name, expression, valid_from, change_kind, source_kind, source_url, confidence) "
                + "values (?1, 'weights', ?2, 'Apache-2.0', cast(?3 as date), ?4, 'manual', 'https://example.org/license', 'verified')",
                project, member, from, kind);
    }

    @Test
    void compostCountsPublishersTheirConcentrationIndependentsAndTheAfterlife() {
        Dataset d = Dataset.project("corporate");
        String company = organisation("company"), community = organisation("community");
        long person = person();
        weights(d.projectId, "m-1", "initial", "2023-01-01");
        weights(d.projectId, "m-2", "new-release", "2024-01-01");       // supersedes m-1
        derivative(d.projectId, "c/ft-1", "finetune", company, null, null, "2023-06-01", "m-1");       // before m-2: not afterlife
        derivative(d.projectId, "c/ft-2", "finetune", company, null, null, "2024-02-01", "m-1");       // afterlife
        derivative(d.projectId, "p/q4", "quantization", null, person, null, "2024-03-01", "m-2");      // m-2 is the newest
        derivative(d.projectId, "comm/merge", "merge", community, null, null, "2024-04-01", null);     // base unknown
        derivative(d.projectId, "someuser/lora", "adapter", null, null, "SomeUser", "2024-05-01", "m-1"); // afterlife; kind unknown
        derivative(d.projectId, "anon/x", "adapter", null, null, null, "2024-05-15", "m-9");           // no publisher; m-9 has no period
        derivative(d.projectId, "c/late", "finetune", company, null, null, "2024-08-01", "m-1");       // after at

        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        // 6 derivatives by 2024-06-30; 5 name a publisher: company 2, the person 1, community 1, someuser 1.
        assertEquals(4, number(r, "derivative_publishers"));
        assertEquals(5.0 / 6, coverage(r, "derivative_publishers"), 1e-6);
        assertEquals(6, ((Number) indicator(r, "derivative_publishers").get("n")).intValue());
        // (2/5)^2 + 3 (1/5)^2 = 7/25
        assertEquals(0.28, number(r, "derivative_publisher_hhi"), 1e-6);
        assertEquals("org:" + company, detail(r, "derivative_publisher_hhi").get("topPublisher"));
        // kinds known: company 2, person 1, community 1 (someuser is a bare name: unknown); independent: the person and community
        assertEquals(0.5, number(r, "independent_derivative_share"), 1e-6);
        assertEquals(4.0 / 6, coverage(r, "independent_derivative_share"), 1e-6);
        // base member known, with a license period: c/ft-1, c/ft-2, p/q4, someuser/lora; after m-2 came out: c/ft-2 and someuser/lora
        assertEquals(2, number(r, "afterlife_derivatives"));
        assertEquals(4.0 / 6, coverage(r, "afterlife_derivatives"), 1e-6);
        assertEquals(List.of("m-2"), detail(r, "afterlife_derivatives").get("supersededBy"));
        assertEquals(6, ((List<?>) detail(r, "afterlife_derivatives").get("sources")).size());
        assertEquals("https://huggingface.co/c/ft-1", ((List<?>) detail(r, "derivative_publishers").get("sources")).get(0));
        assertEquals(2, ((Number) indicator(r, "afterlife_derivatives").get("methodologyVersion")).intValue());

        // The assessment shows the same figures in its compost part (methodology 2), with coverage, n, version and sources.
        JsonPath assessment = anonymous().queryParam("at", "2024-06-30").get("/api/v1/projects/" + d.slug + "/assessment")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("derivatives", "derivative_publishers", "derivative_publisher_hhi", "independent_derivative_share",
                "afterlife_derivatives"), List.copyOf(assessment.getMap("compost").keySet()));
        assertEquals(4, assessment.getInt("compost.derivative_publishers.value"));
        assertEquals(5.0 / 6, assessment.getDouble("compost.derivative_publishers.coverage"), 1e-6);
        assertEquals(6, assessment.getInt("compost.derivative_publishers.n"));
        assertEquals(0.28, assessment.getDouble("compost.derivative_publisher_hhi.value"), 1e-6);
        assertEquals(0.5, assessment.getDouble("compost.independent_derivative_share.value"), 1e-6);
        assertEquals(2, assessment.getInt("compost.afterlife_derivatives.value"));
        assertEquals(2, assessment.getInt("compost.afterlife_derivatives.methodologyVersion"));
        assertEquals("https://huggingface.co/c/ft-1", assessment.getString("compost.derivative_publishers.detail.sources[0]"));
        assertNull(assessment.get("forks.fork_response_days.value"), "not a fork");
        // Version 1 does not define them: the parts are absent, not null.
        JsonPath v1 = anonymous().queryParams(Map.of("at", "2024-06-30", "methodology", "1"))
                .get("/api/v1/projects/" + d.slug + "/assessment").then().statusCode(200).extract().jsonPath();
        assertTrue(!v1.getMap("$").containsKey("compost") && !v1.getMap("$").containsKey("forks")
                && !v1.getMap("$").containsKey("governanceBodies"), "version 1 has no section 7 parts beyond the walk-away");

        JsonPath early = indicators(d.slug, Map.of("at", "2023-12-31"));
        assertEquals(1, number(early, "derivative_publishers"));          // only c/ft-1
        assertEquals(1.0, number(early, "derivative_publisher_hhi"));
        assertEquals(0.0, number(early, "independent_derivative_share"));
        assertEquals(0, number(early, "afterlife_derivatives"));
    }

    @Test
    void unknownIsNeverIndependentAndNothingRecordedIsNull() {
        Dataset none = Dataset.project("community");
        JsonPath empty = indicators(none.slug, Map.of("at", "2024-06-30"));
        for (String name : List.of("derivative_publishers", "derivative_publisher_hhi", "independent_derivative_share",
                "afterlife_derivatives", "seat_overrepresentation", "bodies_over_one_third", "bodies_under_two_orgs")) {
            assertNull(value(empty, name), name + " is null when nothing is recorded");
        }
        Dataset d = Dataset.project("community");
        derivative(d.projectId, "x/a", "finetune", null, null, "x", "2024-01-01", null);
        derivative(d.projectId, "y/b", "finetune", null, null, "y", "2024-01-01", null);
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertNull(value(r, "independent_derivative_share"), "every publisher's kind is unknown");
        assertEquals(0.0, coverage(r, "independent_derivative_share"));
        assertEquals(2, number(r, "derivative_publishers"));
        assertNull(value(r, "afterlife_derivatives"), "no base member is known");
        // Version 1 does not define section 7's new figures.
        anonymous().queryParams(Map.of("names", "derivative_publishers", "methodology", "1"))
                .get("/api/v1/projects/" + d.slug + "/indicators").then().statusCode(400);
    }

    @Test
    void overRepresentationIsTheLargestSeatShareAboveContributionShareWithItsBody() {
        String a = organisation("company"), b = organisation("company"), c = organisation("nonprofit");
        String slug = io.counterpower.support.Fixtures.project(organisation("foundation"));
        Dataset d = QuarkusTransaction.requiringNew().call(() -> new Dataset(slug));
        long pa = person(), pb = person(), pi = person(), pu = person();
        affiliate(pa, a, "2020-01-01", null);
        affiliate(pb, b, "2020-01-01", null);
        affiliate(pi, null, "2020-01-01", null);
        long board = body(slug, "board"), tsc = body(slug, "technical-committee");
        seat(board, null, a, "2023-01-01");
        seat(board, pa, null, "2023-01-01");
        seat(board, null, b, "2023-01-01");
        seat(board, null, c, "2023-01-01");     // board: A 2 of 4, B 1, C 1
        seat(tsc, pa, null, "2023-01-01");
        seat(tsc, pi, null, "2023-01-01");
        seat(tsc, pu, null, "2023-01-01");      // tsc: A 1 of 2 known, an independent 1, one unknown
        d.contribute(pa, "2024-01-10", 2).contribute(pb, "2024-02-10", 6).contribute(pi, "2023-03-10", 2).contribute(pu, "2024-03-10", 2);
        d.contribute(pa, "2022-01-10", 10);     // before the 24 months
        JsonPath r = indicators(d.slug, Map.of("at", "2024-06-30"));
        // known contributions 10: A 0.2, B 0.6, the independent 0.2. Board: A 0.5 - 0.2 = 0.3, C 0.25, B -0.35;
        // tsc: A 0.5 - 0.2 = 0.3 (a tie, broken by body name: board first).
        assertEquals(0.3, number(r, "seat_overrepresentation"), 1e-6);
        Map<?, ?> detail = detail(r, "seat_overrepresentation");
        assertEquals(a, detail.get("organisation"));
        assertEquals("board of " + slug, detail.get("body"));
        assertEquals(0.5, ((Number) detail.get("seatShare")).doubleValue(), 1e-6);
        assertEquals(0.2, ((Number) detail.get("contributionShare")).doubleValue(), 1e-6);
        // coverage: min(seats 6 of 7, contributions 10 of 12)
        assertEquals(10.0 / 12, coverage(r, "seat_overrepresentation"), 1e-6);
        // one third: board A 0.5, tsc A 0.5 -> both over; two organisations: board 3, tsc 2 (A and an independent)
        assertEquals(2, number(r, "bodies_over_one_third"));
        assertEquals(0, number(r, "bodies_under_two_orgs"));
        List<?> bodies = (List<?>) detail(r, "bodies_over_one_third").get("bodies");
        assertEquals(2, bodies.size());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) bodies.get(0)).get("overOneThird"));
        assertEquals(a, ((Map<?, ?>) bodies.get(0)).get("largestOrganisation"));

        // The assessment's governance over-representation part and the profile's governance values say the same.
        JsonPath assessment = anonymous().queryParam("at", "2024-06-30").get("/api/v1/projects/" + slug + "/assessment")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0.3, assessment.getDouble("governanceBodies.seat_overrepresentation.value"), 1e-6);
        assertEquals(10.0 / 12, assessment.getDouble("governanceBodies.seat_overrepresentation.coverage"), 1e-6);
        assertEquals(a, assessment.getString("governanceBodies.seat_overrepresentation.detail.organisation"));
        assertEquals(2, assessment.getInt("governanceBodies.bodies_over_one_third.value"));
        assertEquals(0, assessment.getInt("governanceBodies.bodies_under_two_orgs.value"));
        assertEquals(2, assessment.getInt("governanceBodies.seat_overrepresentation.methodologyVersion"));
        assertEquals(0.3, assessment.getDouble("counterPower.governance.values.seat_overrepresentation"), 1e-6);
        assertEquals(2, assessment.getInt("counterPower.governance.values.bodies_over_one_third"));

        long maintainers = body(slug, "maintainers");
        seat(maintainers, null, c, "2024-01-01"); // C alone: 1.0 - 0 = 1.0, and fewer than two organisations
        JsonPath after = indicators(d.slug, Map.of("at", "2024-06-30"));
        assertEquals(1.0, number(after, "seat_overrepresentation"), 1e-6);
        assertEquals(c, detail(after, "seat_overrepresentation").get("organisation"));
        assertEquals("maintainers", detail(after, "seat_overrepresentation").get("bodyKind"));
        assertEquals(3, number(after, "bodies_over_one_third"));
        assertEquals(1, number(after, "bodies_under_two_orgs"));
        // The series and its chart: a negative over-representation is drawn on its own scale, with its title in words.
        String svg = anonymous().accept("image/svg+xml").queryParams(Map.of("from", "2023-01-01", "to", "2024-06-30", "step", "quarter"))
                .get("/api/v1/projects/" + d.slug + "/charts/seat_overrepresentation.svg").then().statusCode(200).extract().asString();
        assertTrue(svg.contains("Largest seat share of a body minus the same organisation"), "the chart's title says what it shows");
        String csv = anonymous().accept("text/csv").queryParams(Map.of("names", "seat_overrepresentation,bodies_over_one_third",
                        "from", "2024-01-01", "to", "2024-06-30", "step", "quarter"))
                .get("/api/v1/projects/" + d.slug + "/indicators/series").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("seat_overrepresentation") && csv.contains("bodies_over_one_third"), csv);
        JsonPath before = indicators(d.slug, Map.of("at", "2023-12-31"));
        assertEquals(2, number(before, "bodies_over_one_third"), "the maintainers' seat starts in 2024");
        assertTrue(number(before, "seat_overrepresentation") <= 1.0);
    }
}
