package io.counterpower.common;

import io.counterpower.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
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

    private static void firstFaultAsAdmin(String url, String field) {
        invalidAsAdmin().get(url).then().statusCode(400).contentType(containsString("problem+json"))
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

    @Test
    void watchesCheckThePageBeforeTheKey() {
        firstFault("/api/v1/watches?page=-1&project=nowhere", "page");
        firstFault("/api/v1/watches?sort=colour&organisation=nobody", "sort");
        invalid().get("/api/v1/watches?project=nowhere").then().statusCode(401);
        firstFaultAsAdmin("/api/v1/watches?size=0&project=nowhere", "size");
        invalidAsAdmin().get("/api/v1/watches?project=nowhere&organisation=nobody").then().statusCode(200);
    }

    @Test
    void deliveriesCheckTheWatchThenThePageThenTheState() {
        // Port 9 (discard) on the loopback, as in WatchResourceTest: nothing listens.
        Map<String, Object> watch = Map.of("name", "Fault order", "project", Fixtures.project(Fixtures.organisation("foundation")),
                "url", "http://127.0.0.1:9/hook", "conditions", List.of(Map.of("type", "stage-change")));
        long id = admin().body(watch).post("/api/v1/watches").then().statusCode(201).extract().jsonPath().getLong("id");
        try {
            invalid().get("/api/v1/watches/" + id + "/deliveries?page=x&state=lost").then().statusCode(401);
            invalidAsAdmin().get("/api/v1/watches/0/deliveries?page=x&state=lost").then().statusCode(404);
            firstFaultAsAdmin("/api/v1/watches/" + id + "/deliveries?page=x&state=lost", "page");
            firstFaultAsAdmin("/api/v1/watches/" + id + "/deliveries?sort=colour&state=lost", "state");
        } finally {
            admin().delete("/api/v1/watches/" + id).then().statusCode(204);
        }
    }

    @Test
    void affiliationDisputesCheckThePageTheStateThenTheAffiliation() {
        firstFault("/api/v1/affiliation-disputes?page=x&state=lost&affiliation=mine", "page");
        firstFault("/api/v1/affiliation-disputes?state=lost&affiliation=mine", "state");
        firstFault("/api/v1/affiliation-disputes?affiliation=mine", "affiliation");
    }

    @Test
    void disputesCheckThePageTheStateThenTheFactButNeverTheKind() {
        firstFault("/api/v1/disputes?sort=colour&state=lost&fact=mine", "sort");
        firstFault("/api/v1/disputes?state=lost&kind=anything&fact=mine", "state");
        firstFault("/api/v1/disputes?kind=anything&fact=mine", "fact");
        invalid().get("/api/v1/disputes?kind=anything").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void jobsCheckThePageThenTheStateAndAnUnknownProjectFiltersNothing() {
        firstFault("/api/v1/jobs?page=x&state=lost", "page");
        firstFault("/api/v1/jobs?state=lost&project=nowhere", "state");
        invalid().get("/api/v1/jobs?project=nowhere").then().statusCode(200);
    }

    @Test
    void apiKeysCheckTheKeyThenThePage() {
        invalid().get("/api/v1/api-keys?page=x").then().statusCode(401);
        firstFaultAsAdmin("/api/v1/api-keys?page=x", "page");
        firstFaultAsAdmin("/api/v1/api-keys?sort=colour", "sort");
    }

    @Test
    void theAuditLogChecksTheKeyThenThePageAndComparesTheEntityAsSent() {
        invalid().get("/api/v1/audit?page=x").then().statusCode(401);
        firstFaultAsAdmin("/api/v1/audit?page=x&entityType=watch", "page");
        // the entity filters are neither trimmed nor checked: a blank type matches no entry
        invalidAsAdmin().queryParam("entityType", " ").get("/api/v1/audit").then().statusCode(200)
                .body("totalItems", equalTo(0));
    }
}
