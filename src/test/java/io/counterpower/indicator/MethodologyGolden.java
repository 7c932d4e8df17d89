package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.counterpower.indicator.Dataset.affiliate;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.organisationBody;
import static io.counterpower.support.Fixtures.projectBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frozen methodology version's answers (METHODOLOGY.md section 8): on the default dataset and one fixed
 * contribution fixture, its answers (assessment, indicators over every window, series, ranking rows) must stay
 * what {@code src/test/resources/golden/methodology-v<N>.json} recorded. Fields that describe the response
 * rather than the figures (data version, asRecordedOn, rank among whatever else the test database holds) are
 * left out. Regenerate with {@code -Dgolden.rewrite=true} only after a deliberate change to the data the
 * sample reads (never to a frozen version's rules).
 */
final class MethodologyGolden {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Reference projects sampled: each kind of history the default dataset holds. */
    static final List<String> SAMPLE = List.of("llama", "mistral-7b", "codestral", "falcon", "stable-diffusion", "pytorch",
            "terraform", "opentofu", "redis", "elasticsearch", "mongodb", "qwen", "langchain");
    static final List<String> DATES = List.of("2019-06-30", "2023-08-09", "2023-08-10", "2024-06-30", "2025-08-10", "2026-12-01");
    static final List<String> WINDOWS = List.of("P3M", "P12M", "P24M", "ALL");
    static final String FIXTURE = "golden-v1-commons";
    /** Response-describing fields, never figures. */
    static final Set<String> EXCLUDED = Set.of("dataVersion", "asRecordedOn", "generatedAt", "rank", "snapshot", "reproduce",
            "citation", "query");

    private MethodologyGolden() {
    }

    static Path golden(int version) {
        return Path.of("src/test/resources/golden/methodology-v" + version + ".json");
    }

    /** Reads the sample's answers under {@code version} and compares them with its golden file. */
    static void check(int version, List<String> sample) throws IOException {
        Path file = golden(version);
        String methodology = String.valueOf(version);
        seedFixture();
        // Everything recorded so far and nothing a later test may add.
        String asOf = Instant.now().toString();
        ObjectNode actual = JSON.createObjectNode();
        ObjectNode assessments = actual.putObject("assessment");
        ObjectNode indicators = actual.putObject("indicators");
        ObjectNode series = actual.putObject("series");
        for (String slug : projects(sample)) {
            for (String at : DATES) {
                assessments.set(slug + "@" + at, read(anonymous().queryParam("at", at).queryParam("methodology", methodology)
                        .queryParam("asRecordedOn", asOf).get("/api/v1/projects/" + slug + "/assessment").then().statusCode(200)
                        .extract().asString()));
                for (String window : at.equals("2024-06-30") || at.equals("2026-12-01") ? WINDOWS : List.of("P12M")) {
                    indicators.set(slug + "@" + at + "/" + window, read(anonymous().queryParam("at", at)
                            .queryParam("window", window).queryParam("methodology", methodology).queryParam("asRecordedOn", asOf)
                            .get("/api/v1/projects/" + slug + "/indicators").then().statusCode(200).extract().asString()));
                }
            }
            series.set(slug, read(anonymous().queryParam("from", "2018-01-01").queryParam("to", "2026-12-01")
                    .queryParam("step", "year").queryParam("methodology", methodology).queryParam("asRecordedOn", asOf)
                    .get("/api/v1/projects/" + slug + "/indicators/series").then().statusCode(200).extract().asString()));
        }
        ObjectNode ranking = actual.putObject("ranking");
        for (String at : List.of("2023-08-10", "2026-12-01")) {
            ObjectNode rows = ranking.putObject(at);
            for (int page = 0; ; page++) {
                JsonNode body = read(anonymous().queryParam("at", at).queryParam("methodology", methodology).queryParam("asRecordedOn", asOf)
                        .queryParam("size", "200").queryParam("page", page).get("/api/v1/risk").then().statusCode(200)
                        .extract().asString());
                for (JsonNode row : body.path("items")) {
                    if (projects(sample).contains(row.path("project").asText())) {
                        rows.set(row.path("project").asText(), row);
                    }
                }
                if ((page + 1) * 200L >= body.path("totalItems").asLong()) {
                    break;
                }
            }
        }
        String text = lines(actual);
        if (Boolean.getBoolean("golden.rewrite") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        assertTrue(Files.exists(file));
        JsonNode expected = JSON.readTree(file.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> part = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> e = part.getValue().fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> answer = e.next();
                // One assertion per answer, so that a failure names the project, date and window.
                assertEquals(answer.getValue(), actual.path(part.getKey()).path(answer.getKey()),
                        part.getKey() + " " + answer.getKey());
            }
            assertEquals(part.getValue().size(), actual.path(part.getKey()).size(), part.getKey() + ": answers recorded");
        }
    }

    /** One answer a line, keys sorted, so that a regenerated file diffs answer by answer. */
    private static String lines(ObjectNode actual) throws IOException {
        ObjectMapper compact = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        StringBuilder out = new StringBuilder("{\n");
        for (Iterator<String> parts = actual.fieldNames(); parts.hasNext(); ) {
            String part = parts.next();
            out.append(compact.writeValueAsString(part)).append(": {\n");
            for (Iterator<String> keys = actual.path(part).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                out.append("  ").append(compact.writeValueAsString(key)).append(": ")
                        .append(compact.writeValueAsString(compact.treeToValue(actual.path(part).path(key), Object.class)))
                        .append(keys.hasNext() ? ",\n" : "\n");
            }
            out.append(parts.hasNext() ? "},\n" : "}\n");
        }
        return out.append("}\n").toString();
    }

    private static List<String> projects(List<String> sample) {
        List<String> all = new java.util.ArrayList<>(sample);
        all.add(FIXTURE);
        return all;
    }

    /** The answer without the fields that describe the response, with the fixture's generated ids left out. */
    private static JsonNode read(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        strip(node);
        return node;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(EXCLUDED);
            o.fields().forEachRemaining(e -> strip(e.getValue()));
        } else if (node instanceof ArrayNode a) {
            a.forEach(MethodologyGolden::strip);
        }
    }

    /**
     * A community project with fixed names: two companies (one under a parent from 2023), independents,
     * and contributions from 2022 to 2024, so that every contribution figure of version 1 is exercised.
     * Created once per test database.
     */
    private static void seedFixture() {
        if (anonymous().get("/api/v1/projects/" + FIXTURE).then().extract().statusCode() == 200) {
            return;
        }
        for (String key : List.of("golden-v1-acme", "golden-v1-initech", "golden-v1-holding")) {
            admin().body(organisationBody(key, "company", List.of(key + ".example"))).post("/api/v1/organisations")
                    .then().statusCode(201);
        }
        Map<String, Object> body = projectBody(FIXTURE);
        body.put("origin", "community");
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        Dataset.parent("golden-v1-initech", "golden-v1-holding", "2023-01-01", null);
        Dataset d = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> new Dataset(FIXTURE));
        long a1 = contributor("golden-a1@golden-v1-acme.example"), a2 = contributor("golden-a2@golden-v1-acme.example");
        long b1 = contributor("golden-b1@golden-v1-initech.example");
        long i1 = contributor("golden-i1@example.org"), i2 = contributor("golden-i2@example.org");
        long u1 = contributor("golden-u1@example.org");
        affiliate(a1, "golden-v1-acme", null, null);
        affiliate(a2, "golden-v1-acme", "2023-06-01", null);
        affiliate(a2, null, null, "2023-05-31");
        affiliate(b1, "golden-v1-initech", null, null);
        affiliate(i1, null, null, null);
        affiliate(i2, null, null, null);
        d.contribute(i1, "2022-03-01", 5).contribute(i2, "2022-09-15", 3).contribute(a2, "2023-02-01", 2)
                .contribute(a1, "2023-07-01", 6).contribute(a2, "2023-09-01", 4).contribute(b1, "2023-11-20", 3)
                .contribute(u1, "2024-01-10", 2).contribute(i1, "2024-04-01", 1).contribute(a1, "2024-05-05", 2, "merge")
                .contribute(b1, "2024-06-01", 1, "merge");
    }
}
