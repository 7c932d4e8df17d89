package io.counterpower.common.fact;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.counterpower.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A fact list or export reports the first fault it finds, in the order it has always checked them (issue #22: parsing
 * moved to the edge, the answers did not): asRecordedOn, then the format, then the page, then confidence and
 * sourceKind, then the kind's own filters; an export checks the format last, and a CSV list never reads the page.
 */
@QuarkusTest
class FactListFaultOrderTest {

    private static void firstFault(String url, String field) {
        invalid().get(url).then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo(field));
    }

    @Test
    void aListNamesItsFirstFaultInTheOrderItChecksThem() {
        firstFault("/api/v1/adopters?asRecordedOn=yesterday&format=xml&page=-1", "asRecordedOn");
        firstFault("/api/v1/adopters?format=xml&page=-1&confidence=sure", "format");
        firstFault("/api/v1/adopters?page=-1&confidence=sure&sourceKind=rumour", "page");
        firstFault("/api/v1/adopters?confidence=sure&sourceKind=rumour&from=soon", "confidence");
        firstFault("/api/v1/adopters?sourceKind=rumour&from=soon", "sourceKind");
        firstFault("/api/v1/adopters?from=soon", "from");
        firstFault("/api/v1/governance-bodies?project=pytorch&kind=cabal", "kind");
    }

    @Test
    void anExportChecksTheFormatLastAndACsvListIgnoresThePage() {
        firstFault("/api/v1/adopters/export?asRecordedOn=yesterday&confidence=sure", "asRecordedOn");
        firstFault("/api/v1/adopters/export?from=soon&format=xml", "from");
        firstFault("/api/v1/adopters/export?format=xml", "format");
        invalid().get("/api/v1/adopters?format=csv&page=-1&project=no-such-project").then().statusCode(200);
    }

    @Test
    void aParameterNoKindReadsIsIgnored() {
        invalid().get("/api/v1/adopters?colour=blue&kind=cabal&page=0&size=1").then().statusCode(200)
                .body("size", equalTo(1));
    }

    /** Each kind parses its own filters into its own record (issue #22), in the order it has always read them. */
    @Test
    void eachKindNamesTheFirstFaultOfItsOwnFilters() {
        firstFault("/api/v1/governance-events?kind=coup&from=soon&to=later", "kind");
        firstFault("/api/v1/governance-events?from=soon&to=later", "from");
        firstFault("/api/v1/governance-events?to=later", "to");
        firstFault("/api/v1/governance-bodies?kind=cabal&from=soon", "kind");
        firstFault("/api/v1/governance-seats?body=first&contributor=me&at=now", "body");
        firstFault("/api/v1/governance-seats?contributor=me&at=now", "contributor");
        firstFault("/api/v1/governance-seats?at=now", "at");
        firstFault("/api/v1/funding-events?type=loan&from=soon&to=later", "type");
        firstFault("/api/v1/funding-events?from=soon&to=later", "from");
        firstFault("/api/v1/funding-events?to=later", "to");
        firstFault("/api/v1/license-periods?artifact=binary&changeKind=fork&from=soon&to=later", "artifact");
        firstFault("/api/v1/license-periods?changeKind=fork&from=soon&to=later", "changeKind");
        firstFault("/api/v1/license-periods?from=soon&to=later", "from");
        firstFault("/api/v1/license-periods?to=later", "to");
        firstFault("/api/v1/openness-components?component=vibes&status=ajar", "component");
        firstFault("/api/v1/openness-components?status=ajar", "status");
        firstFault("/api/v1/derivatives?relation=cousin&from=soon&to=later", "relation");
        firstFault("/api/v1/derivatives?from=soon&to=later", "from");
        firstFault("/api/v1/derivatives?to=later", "to");
        firstFault("/api/v1/downloads?from=soon&to=later", "from");
        firstFault("/api/v1/downloads?to=later", "to");
        firstFault("/api/v1/adopters?to=later", "to");
    }

    @Test
    void anotherKindsFilterIsNeitherParsedNorApplied() {
        invalid().get("/api/v1/governance-bodies?from=soon&type=loan&body=first&size=1").then().statusCode(200);
        invalid().get("/api/v1/openness-components?kind=cabal&at=now&relation=cousin&size=1").then().statusCode(200);
        invalid().get("/api/v1/downloads?kind=cabal&artifact=binary&status=ajar&size=1").then().statusCode(200);
        invalid().get("/api/v1/governance-seats?from=soon&changeKind=fork&component=vibes&size=1").then().statusCode(200);
    }
}
