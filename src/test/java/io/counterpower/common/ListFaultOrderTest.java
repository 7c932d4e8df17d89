package io.counterpower.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The list endpoints that are not fact kinds report the first fault they find in the order they have always checked
 * them (issue #22 moved each parse into a typed query record at the edge; the answers did not change).
 */
@QuarkusTest
class ListFaultOrderTest {

    private static final String LONG_Q = "x".repeat(201);

    private static void firstFault(String url, String field) {
        invalid().get(url).then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo(field));
    }

    @Test
    void projectsCheckThePageTheMomentThenTheFilters() {
        firstFault("/api/v1/projects?page=-1&asRecordedOn=yesterday&kind=toy", "page");
        firstFault("/api/v1/projects?asRecordedOn=yesterday&kind=toy&origin=mars", "asRecordedOn");
        firstFault("/api/v1/projects?kind=toy&origin=mars&q=" + LONG_Q, "kind");
        firstFault("/api/v1/projects?origin=mars&q=" + LONG_Q, "origin");
        firstFault("/api/v1/projects?q=" + LONG_Q, "q");
    }

    @Test
    void organisationsCheckTheFormatTheMomentThePageThenTheFilters() {
        firstFault("/api/v1/organisations?format=xml&asRecordedOn=yesterday", "format");
        firstFault("/api/v1/organisations?asRecordedOn=yesterday&sort=colour&type=guild", "asRecordedOn");
        firstFault("/api/v1/organisations?sort=colour&type=guild", "sort");
        firstFault("/api/v1/organisations?type=guild&q=" + LONG_Q, "type");
        firstFault("/api/v1/organisations?q=" + LONG_Q, "q");
        // a CSV list is not paged: it never reads page or size, but it reads the sort before the filters
        firstFault("/api/v1/organisations?format=csv&page=-1&size=0&sort=colour&type=guild", "sort");
        firstFault("/api/v1/organisations?format=csv&page=-1&size=0&type=guild", "type");
        invalid().get("/api/v1/organisations?format=csv&page=-1&size=0&domain=").then().statusCode(200);
    }

    @Test
    void contributorsCheckThePageTheMomentTheNameThenWhoMaySearchByEmail() {
        firstFault("/api/v1/contributors?page=x&asRecordedOn=yesterday", "page");
        firstFault("/api/v1/contributors?asRecordedOn=yesterday&q=" + LONG_Q + "&email=a@example.org", "asRecordedOn");
        firstFault("/api/v1/contributors?q=" + LONG_Q + "&email=a@example.org", "q");
        invalid().get("/api/v1/contributors?email=a@example.org").then().statusCode(403);
        firstFault("/api/v1/contributors/merge-candidates?page=x", "page");
        firstFault("/api/v1/contributors/merge-candidates?size=0", "size");
    }

    @Test
    void identitiesRefuseASearchByEmailWithoutACuratorKeyBeforeReadingThePlatform() {
        firstFault("/api/v1/identities?sort=colour&asRecordedOn=yesterday&email=a@example.org", "sort");
        firstFault("/api/v1/identities?asRecordedOn=yesterday&email=a@example.org&platform=myspace", "asRecordedOn");
        invalid().get("/api/v1/identities?email=a@example.org&platform=myspace").then().statusCode(403);
        firstFault("/api/v1/identities?platform=myspace", "platform");
        invalidAsAdmin().get("/api/v1/identities?email=a@example.org&platform=myspace").then().statusCode(400)
                .body("errors[0].field", equalTo("platform"));
    }

    @Test
    void affiliationsCheckThePageTheMomentThenEachFilterInTurn() {
        firstFault("/api/v1/affiliations?size=0&asRecordedOn=yesterday&contributor=me", "size");
        firstFault("/api/v1/affiliations?asRecordedOn=yesterday&contributor=me&sourceKind=rumour", "asRecordedOn");
        firstFault("/api/v1/affiliations?contributor=me&sourceKind=rumour&confidence=sure", "contributor");
        firstFault("/api/v1/affiliations?sourceKind=rumour&confidence=sure&independent=maybe", "sourceKind");
        firstFault("/api/v1/affiliations?confidence=sure&independent=maybe&at=now", "confidence");
        firstFault("/api/v1/affiliations?independent=maybe&at=now", "independent");
        firstFault("/api/v1/affiliations?at=now", "at");
    }

    @Test
    void licensesCheckThePageTheLevelThenSpdx() {
        firstFault("/api/v1/licenses?page=x&level=9&spdx=maybe", "page");
        firstFault("/api/v1/licenses?level=9&spdx=maybe", "level");
        firstFault("/api/v1/licenses?spdx=maybe", "spdx");
    }

    @Test
    void licenseChangesCheckTheFormatThePageTheDirectionTheDatesThenTheMoment() {
        firstFault("/api/v1/license-changes?format=xml&page=x", "format");
        firstFault("/api/v1/license-changes?format=csv&page=x&direction=sideways", "page");
        firstFault("/api/v1/license-changes?direction=sideways&from=soon", "direction");
        firstFault("/api/v1/license-changes?from=soon&to=later&asRecordedOn=yesterday", "from");
        firstFault("/api/v1/license-changes?to=later&asRecordedOn=yesterday", "to");
        firstFault("/api/v1/license-changes?asRecordedOn=yesterday", "asRecordedOn");
    }
}
