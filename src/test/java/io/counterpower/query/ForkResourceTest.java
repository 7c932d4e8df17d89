package io.counterpower.query;

import io.counterpower.indicator.ForkIndicatorsTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /projects/{slug}/fork} (JSON and CSV, validated against the contract) and its chart
 * {@code /charts/fork.svg}: the fork beside its upstream since the fork point, with the relicense and the fork marked.
 */
@QuarkusTest
class ForkResourceTest {

    static Response svg(String path, Map<String, String> params) {
        return anonymous().accept("image/svg+xml").queryParams(params).get(path);
    }

    static Document parse(String xml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
    }

    static String drawnText(Document svg) {
        StringBuilder out = new StringBuilder();
        org.w3c.dom.NodeList texts = svg.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            out.append(texts.item(i).getTextContent()).append('\n');
        }
        return out.toString();
    }

    static JsonPath fork(String slug, Map<String, String> params) {
        return anonymous().queryParams(params).get("/api/v1/projects/" + slug + "/fork").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theForkAndItsUpstreamSideBySideOverTheSameDatesSinceTheForkPoint() {
        ForkIndicatorsTest.Pair p = ForkIndicatorsTest.pair(true);
        JsonPath r = fork(p.forkSlug(), Map.of("to", "2024-12-31", "step", "quarter", "window", "P6M"));
        assertEquals(p.upstreamSlug(), r.getString("upstream"));
        assertEquals("2023-08-10", r.getString("forkPointDate"));
        assertEquals("2023-08-10", r.getString("from"));
        assertEquals(List.of("relicense", "fork point", "fork"), r.getList("events.kind"));
        assertEquals(List.of("2023-08-10", "2023-08-10", "2023-09-20"), r.getList("events.date"));
        assertEquals(List.of("contributors_active", "org_count", "elephant_factor"), r.getList("indicators.name"));
        List<String> points = r.getList("points");
        assertEquals(points.size(), r.getList("indicators[0].fork").size());
        assertEquals(points.size(), r.getList("indicators[0].upstream").size());
        assertEquals("2024-12-31", points.get(points.size() - 1));
        assertEquals(0.4, r.getDouble("forkIndicators.find { it.name == 'fork_carried_people' }.value"), 1e-9);
        assertEquals(41, r.getInt("forkIndicators.find { it.name == 'fork_response_days' }.value"));
        assertTrue(r.getString("citation").contains("beside"));
    }

    @Test
    void theCsvHasOneRowPerSideIndicatorAndDate() {
        ForkIndicatorsTest.Pair p = ForkIndicatorsTest.pair(true);
        String csv = anonymous().queryParams(Map.of("to", "2024-12-31", "step", "year", "format", "csv"))
                .get("/api/v1/projects/" + p.forkSlug() + "/fork").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals("project,side,indicator,at,value,coverage,n,flags", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(p.forkSlug() + ",fork,fork_carried_people,2024-12-31,0.4,")), csv);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(p.upstreamSlug() + ",upstream,contributors_active,")), csv);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(p.forkSlug() + ",fork,elephant_factor,")), csv);
    }

    @Test
    void theChartMarksTheRelicenseAndTheForkAndLeavesUnknownsAsGaps() throws Exception {
        ForkIndicatorsTest.Pair p = ForkIndicatorsTest.pair(true);
        Response r = svg("/api/v1/projects/" + p.forkSlug() + "/charts/fork.svg", Map.of("to", "2024-12-31", "step", "quarter"));
        r.then().statusCode(200).contentType(startsWith("image/svg+xml"));
        Document doc = parse(r.asString());
        String title = doc.getDocumentElement().getElementsByTagNameNS("*", "title").item(0).getTextContent();
        assertTrue(title.startsWith("Project " + p.forkSlug() + " beside Project " + p.upstreamSlug() + " since the fork"), title);
        assertTrue(title.contains("methodology v2"), title);
        String text = drawnText(doc);
        assertTrue(text.contains("2023-08-10"), "the relicense and the fork point are marked");
        assertTrue(text.contains("2023-09-20"), "the fork is marked");
        assertTrue(text.contains("Active contributors"), "titles in words");
        assertTrue(text.contains("elephant factor"), text);
    }

    @Test
    void aProjectThatIsNotAForkIs404AndBadParametersName400() {
        String plain = project(null);
        anonymous().get("/api/v1/projects/" + plain + "/fork").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("not recorded as a fork"));
        ForkIndicatorsTest.Pair p = ForkIndicatorsTest.pair(false);
        anonymous().queryParam("from", "2020-01-01").get("/api/v1/projects/" + p.forkSlug() + "/fork").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        anonymous().queryParam("methodology", "1").get("/api/v1/projects/" + p.forkSlug() + "/fork").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("methodology"));
        anonymous().queryParam("step", "fortnight").get("/api/v1/projects/" + p.forkSlug() + "/fork").then().statusCode(400);
    }

    @Test
    void opensearchBesideElasticsearchSaysNotCollectedRatherThanZero() {
        JsonPath r = fork("opensearch", Map.of("to", "2024-12-31", "step", "year"));
        assertEquals("elasticsearch", r.getString("upstream"));
        assertNull(r.get("forkPointCommit"));
        // Neither repository is collected: every side-by-side point is null with not_collected, never 0.
        for (Object v : r.getList("indicators.upstream.value.flatten()")) {
            assertNull(v);
        }
        for (Object flags : r.getList("indicators.fork.flags.flatten()")) {
            assertEquals("not_collected", flags);
        }
        assertEquals(List.of("not_collected"), r.getList("forkIndicators.find { it.name == 'fork_carried_people' }.flags"));
        assertFalse(r.getList("events.kind").contains("fork point"));
    }
}
