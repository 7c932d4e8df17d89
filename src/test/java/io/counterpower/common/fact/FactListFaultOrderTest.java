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
}
