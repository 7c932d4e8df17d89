package io.counterpower.query.chart;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.projectBody;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SVG chart and badge: well-formed XML, gaps for unknown values, escaped text, a picture that is not blank. */
@QuarkusTest
class ChartResourceTest {
    /** The line's colour as JFreeSVG writes it (IndicatorChart.LINE). */
    static final String LINE_COLOUR = "rgb(31,78,153)";
    static final String HOSTILE = "<script>alert('x')</script> & \"Co\" ]]>";

    /** A project with a hostile name whose code license went from MIT to BUSL-1.1 on 2023-08-10. */
    static String relicensedProject() {
        String slug = unique("chart");
        Map<String, Object> body = projectBody(slug);
        body.put("name", HOSTILE);
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        admin().body(period(slug, "MIT", "2022-06-15", "initial")).post("/api/v1/license-periods").then().statusCode(201);
        admin().body(period(slug, "BUSL-1.1", "2023-08-10", "relicense")).post("/api/v1/license-periods").then().statusCode(201);
        return slug;
    }

    static Map<String, Object> period(String slug, String expression, String date, String changeKind) {
        return Map.of("project", slug, "artifact", "code", "expression", expression, "date", date,
                "changeKind", changeKind, "source", source());
    }

    static Response svg(String path, Map<String, String> params) {
        return anonymous().accept("image/svg+xml").queryParams(params).get(path);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static String title(Document svg) {
        return svg.getDocumentElement().getElementsByTagNameNS("*", "title").item(0).getTextContent();
    }

    /** All text drawn in the picture, in document order. */
    static String drawnText(Document svg) {
        StringBuilder out = new StringBuilder();
        NodeList texts = svg.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            out.append(texts.item(i).getTextContent()).append('\n');
        }
        return out.toString();
    }

    @Test
    void aChartIsWellFormedSvgWhoseTitlesNameTheVersionsAndTheProjectEscaped() throws Exception {
        String slug = relicensedProject();
        Response r = svg("/api/v1/projects/" + slug + "/charts/license_restrictiveness.svg",
                Map.of("from", "2022-01-01", "to", "2024-12-31", "step", "quarter"));
        r.then().statusCode(200).contentType(startsWith("image/svg+xml"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        String xml = r.asString();
        assertFalse(xml.contains("<script"), "the name is escaped, never markup");
        Document doc = parse(xml);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        String dataVersion = anonymous().queryParams(Map.of("names", "license_restrictiveness", "from", "2022-01-01",
                "to", "2024-12-31", "step", "quarter")).get("/api/v1/projects/" + slug + "/indicators/series")
                .then().statusCode(200).extract().path("dataVersion").toString();
        String drawn = drawnText(doc);
        // Titled in words, with a caption line: project, window, methodology, data version and the chart's address.
        assertTrue(drawn.contains("License restrictiveness (level 0 to 7) \u2014 " + HOSTILE), drawn);
        assertTrue(drawn.contains("methodology v2 \u00b7 data version " + dataVersion), drawn);
        assertTrue(drawn.contains("window P12M") && drawn.contains("/api/v1/projects/" + slug + "/charts/license_restrictiveness.svg"), drawn);
        assertTrue(title(doc).contains(HOSTILE) && title(doc).contains("data version " + dataVersion), title(doc));
        assertTrue(drawn.contains("code: MIT \u2192 BUSL-1.1"), "the license change is marked: " + drawn);
        assertTrue(drawn.contains("contribution") || drawn.contains("emergence") || drawn.contains("adoption")
                || drawn.contains("undetermined"), "stage bands: " + drawn);
    }

    @Test
    void unknownValuesAreGapsNotZeros() throws Exception {
        String slug = relicensedProject();
        // Quarters of 2022: the first ends before the first license period (unknown), the next ones after it.
        Map<String, String> params = Map.of("from", "2021-10-01", "to", "2023-12-31", "step", "quarter");
        List<Object> values = anonymous().queryParams(params).queryParam("names", "license_restrictiveness")
                .get("/api/v1/projects/" + slug + "/indicators/series").then().statusCode(200)
                .extract().jsonPath().getList("indicators[0].points.value");
        long unknown = values.stream().filter(v -> v == null).count();
        assertTrue(unknown >= 2 && unknown < values.size(), "the dataset has unknown and known dates: " + values);
        Document doc = parse(svg("/api/v1/projects/" + slug + "/charts/license_restrictiveness.svg", params)
                .then().statusCode(200).extract().asString());
        assertTrue(drawnText(doc).contains(unknown + " of " + values.size() + " dates unknown"), drawnText(doc));
        // One dot per known value and one segment per pair of consecutive known values: nothing is drawn for the gaps.
        int segments = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) != null && values.get(i - 1) != null) {
                segments++;
            }
        }
        List<Element> segmentLines = elements(doc, "line", "stroke:" + LINE_COLOUR);
        assertEquals(segments, segmentLines.size(), "segments");
        // The dots are filled shapes clipped to the plot area, as the segments are (the legend's swatch is not).
        String plotArea = segmentLines.get(0).getAttribute("clip-path");
        long dots = elements(doc, "g", "fill:" + LINE_COLOUR).stream().filter(g -> g.getAttribute("clip-path").equals(plotArea)).count();
        assertEquals(values.size() - unknown, dots, "dots");
    }

    /** Elements of a tag whose style contains {@code style}. */
    static List<Element> elements(Document doc, String tag, String style) {
        NodeList nodes = doc.getElementsByTagNameNS("*", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getAttribute("style").contains(style)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aChartRendersToAPictureThatIsNotBlank() throws Exception {
        String slug = relicensedProject();
        String xml = svg("/api/v1/projects/" + slug + "/charts/capture_risk.svg", Map.of("from", "2022-01-01", "step", "quarter"))
                .then().statusCode(200).extract().asString();
        assertColourful(xml, 400);
        assertColourful(svg("/api/v1/projects/" + slug + "/badge.svg", Map.of()).then().statusCode(200).extract().asString(), 3);
    }

    static void assertColourful(String xml, int minColours) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        new PNGTranscoder().transcode(new TranscoderInput(new StringReader(xml)), new TranscoderOutput(png));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(image.getWidth() > 10 && colours.size() >= minColours, colours.size() + " colours in " + image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void aBadgeShowsTheStageAndTheRiskOfTheAssessment() throws Exception {
        String slug = relicensedProject();
        Map<String, Object> a = anonymous().get("/api/v1/projects/" + slug + "/assessment").then().statusCode(200).extract().jsonPath().getMap("$");
        Response r = svg("/api/v1/projects/" + slug + "/badge.svg", Map.of());
        r.then().statusCode(200).contentType(startsWith("image/svg+xml")).header("X-Content-Type-Options", equalTo("nosniff"));
        Document doc = parse(r.asString());
        // Version 2: the evidence goes with the verdict ("capture · risk n/a · 1/20 signals", or "insufficient evidence").
        String risk = a.get("captureRisk") == null ? "n/a" : a.get("captureRisk").toString();
        int present = 0, defined = 0;
        for (Object f : ((Map<?, ?>) a.get("evidenceCounts")).values()) {
            present += ((Number) ((Map<?, ?>) f).get("present")).intValue();
            defined += ((Number) ((Map<?, ?>) f).get("defined")).intValue();
        }
        String expected = "undetermined".equals(a.get("stage")) ? "insufficient evidence"
                : a.get("stage") + " \u00b7 risk " + risk + " \u00b7 " + present + "/" + defined + " signals";
        assertTrue(drawnText(doc).contains("co-optation"));
        assertTrue(drawnText(doc).contains(expected), drawnText(doc));
        assertTrue(title(doc).contains(HOSTILE) && title(doc).contains("methodology v2")
                && title(doc).contains("data version " + a.get("dataVersion")), title(doc));
        assertFalse(r.asString().contains("<script"));
    }

    @Test
    void terraformsChartMarksItsRelicensingAsRecordedOnADate() throws Exception {
        Document doc = parse(svg("/api/v1/projects/terraform/charts/license_restrictiveness.svg",
                Map.of("from", "2023-01-01", "to", "2024-06-30", "asRecordedOn", LocalDate.now(ZoneOffset.UTC).toString()))
                .then().statusCode(200).extract().asString());
        String drawn = drawnText(doc);
        assertTrue(drawn.contains("MPL-2.0 \u2192 BUSL-1.1"), drawn);
        assertTrue(drawn.contains("as recorded on " + LocalDate.now(ZoneOffset.UTC) + "T23:59:59"), drawn);
    }

    @Test
    void badRequestsAreProblems() {
        String slug = relicensedProject();
        String base = "/api/v1/projects/" + slug;
        invalid().accept("image/svg+xml, application/problem+json").get(base + "/charts/no_such_indicator.svg")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("top_org_share"));
        invalid().accept("image/svg+xml, application/problem+json").get(base + "/charts/top_org.svg")
                .then().statusCode(404).contentType("application/problem+json");
        invalid().accept("image/svg+xml, application/problem+json").queryParam("step", "week").get(base + "/charts/org_hhi.svg")
                .then().statusCode(400).body("errors[0].field", equalTo("step"));
        invalid().accept("image/svg+xml, application/problem+json").queryParam("kinds", "merge").get(base + "/charts/capture_risk.svg")
                .then().statusCode(400).body("errors[0].field", equalTo("kinds"));
        invalid().accept("image/svg+xml, application/problem+json").queryParam("methodology", "99").get(base + "/badge.svg")
                .then().statusCode(400).body("errors[0].field", equalTo("methodology"));
        invalid().accept("image/svg+xml, application/problem+json").get("/api/v1/projects/" + unique("none") + "/badge.svg")
                .then().statusCode(404).contentType("application/problem+json");
        invalid().accept("application/json").get(base + "/badge.svg").then().statusCode(406).contentType("application/problem+json");
    }
}
