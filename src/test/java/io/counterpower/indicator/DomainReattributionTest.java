package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.organisationBody;
import static io.counterpower.support.Fixtures.withReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A curator adds a domain to an organisation: the work already collected from addresses at it is attributed now
 * (the email-domain inference runs again for the projects with such work), not at the project's next collection;
 * taking the domain away closes what it inferred. Hand-computed: three commits from one address, nobody else.
 */
@QuarkusTest
class DomainReattributionTest {

    private static JsonPath figures(String slug) {
        return ContributionIndicatorsTest.indicators(slug, Map.of("at", "2024-06-30", "names", "top_org,top_org_share,affiliation_coverage"));
    }

    @Test
    void aDomainAddedToAnOrganisationAttributesTheWorkAlreadyCollectedAndItsRemovalUndoesIt() {
        String org = unique("lab");
        String domain = org + ".example";
        admin().body(organisationBody(org, "company", List.of())).post("/api/v1/organisations").then().statusCode(201);
        Dataset d = Dataset.project("community");
        long person = contributor("ada@" + domain);
        d.contribute(person, "2024-03-01", 3);
        assertNull(ContributionIndicatorsTest.value(figures(d.slug), "top_org"), "no organisation claims the domain yet");
        assertEquals(0.0, ((Number) ContributionIndicatorsTest.value(figures(d.slug), "affiliation_coverage")).doubleValue(), 1e-9);

        admin().body(withReason(organisationBody(org, "company", List.of(domain)), "the lab's own site is served from the domain"))
                .put("/api/v1/organisations/" + org).then().statusCode(200);
        JsonPath after = figures(d.slug);
        assertEquals(org, ContributionIndicatorsTest.value(after, "top_org"));
        assertEquals(1.0, ((Number) ContributionIndicatorsTest.value(after, "top_org_share")).doubleValue(), 1e-9);
        assertEquals(1.0, ((Number) ContributionIndicatorsTest.value(after, "affiliation_coverage")).doubleValue(), 1e-9);
        JsonPath inferred = admin().queryParams(Map.of("contributor", String.valueOf(person), "sourceKind", "email-domain"))
                .get("/api/v1/affiliations").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(org), inferred.getList("items.organisation"));

        admin().body(withReason(organisationBody(org, "company", List.of()), "the domain was a mistake"))
                .put("/api/v1/organisations/" + org).then().statusCode(200);
        assertNull(ContributionIndicatorsTest.value(figures(d.slug), "top_org"));
        assertEquals(0, admin().queryParams(Map.of("contributor", String.valueOf(person), "sourceKind", "email-domain"))
                .get("/api/v1/affiliations").then().statusCode(200).extract().jsonPath().getList("items").size());
    }
}
