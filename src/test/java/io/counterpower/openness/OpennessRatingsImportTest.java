package io.counterpower.openness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.dataset.ReferenceDataset;
import io.counterpower.dataset.SnapshotServiceProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.counterpower.support.Api.anonymous;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 part 6, METHODOLOGY.md section 6: the openness ratings the default dataset imports from the
 * European Open Source AI Index and the Model Openness Tool, checked for two hand-picked models against
 * extracts of the raters' own files (src/test/resources/fixtures/openness, origin in its README): OLMo, on
 * which they agree, and Falcon, whose weights they rate differently, shown as {@code disputed}.
 */
@QuarkusTest
@TestProfile(SnapshotServiceProfile.class)
class OpennessRatingsImportTest {
    private static final String EOSAI_COMMIT = "801f68773ae7f7d9e527afb7bbaf3e9d8d29f2fb";
    private static final String MOT_COMMIT = "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d";

    @Inject
    ReferenceDataset dataset;
    @Inject
    EntityManager em;

    @Test
    void theShippedRatingsAreTheRatersOwnAndADisagreementIsDisputed() throws IOException {
        JsonNode ratings = new ObjectMapper().readTree(resource("/dataset/reference.json")).path("openness_ratings");
        // The European Open Source AI Index states a class per field; the mapping is ops/openness/ratings.py's.
        Map<String, String> eosaiOlmo = eosai(text("eosai-olmo-7b-instruct.yaml"));
        assertEquals(Map.of("training-code", "open", "weights", "open", "training-data", "open", "data-documentation", "open",
                "model-card", "open", "paper", "open", "license", "open"), eosaiOlmo);
        assertEquals(eosaiOlmo, shipped(ratings, "olmo", "eu-open-source-ai-index",
                "https://github.com/opening-up-chatgpt/opening-up-chatgpt.github.io/blob/" + EOSAI_COMMIT + "/projects/olmo-7b-instruct.yaml"));
        assertEquals(eosai(text("eosai-Falcon-40B-instruct.yaml")), shipped(ratings, "falcon", "eu-open-source-ai-index",
                "https://github.com/opening-up-chatgpt/opening-up-chatgpt.github.io/blob/" + EOSAI_COMMIT + "/projects/Falcon-40B-instruct.yaml"));
        // The Model Openness Tool lists the components a release includes, each under a licence: hand-read from the
        // extracts, Apache-2.0 and CC-BY-4.0 are open licences, "unlicensed" is not.
        assertEquals(Map.of("inference-code", "open", "training-code", "open", "weights", "open", "training-data", "open",
                        "data-documentation", "open", "evaluation", "open", "model-card", "open", "paper", "open", "license", "open"),
                shipped(ratings, "olmo", "model-openness-tool",
                        "https://github.com/lfai/model_openness_tool/blob/" + MOT_COMMIT + "/models/OLMo-7B.yml"));
        assertTrue(text("mot-OLMo-7B.yml").contains("name: Apache-2.0"));
        String falcon = text("mot-Falcon-40B.yml");
        assertTrue(falcon.contains("name: 'Model parameters (Final)'\n      description: 'Trained model parameters, weights and biases'\n"
                + "      license: unlicensed"), "the tool lists Falcon-40B's final weights as unlicensed");
        assertEquals("partial", shipped(ratings, "falcon", "model-openness-tool",
                "https://github.com/lfai/model_openness_tool/blob/" + MOT_COMMIT + "/models/Falcon-40B.yml").get("weights"));
        assertEquals("open", eosai(text("eosai-Falcon-40B-instruct.yaml")).get("weights"));

        // Loaded, each rating is an imported fact with its rater; the profile shows both and the disagreement.
        empty();
        assertTrue(dataset.loadIfEmpty().loaded());
        JsonPath profile = anonymous().get("/api/v1/projects/falcon/openness").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> components = profile.getList("components");
        Map<String, Object> weights = components.stream().filter(c -> "weights".equals(c.get("component"))).findFirst().orElseThrow();
        assertEquals("disputed", weights.get("status"));
        assertEquals(null, weights.get("id"));
        List<Map<String, Object>> both = (List<Map<String, Object>>) weights.get("ratings");
        assertEquals(List.of("eu-open-source-ai-index", "model-openness-tool"), both.stream().map(r -> r.get("rater")).toList());
        assertEquals(List.of("open", "partial"), both.stream().map(r -> r.get("status")).toList());
        assertEquals("import", ((Map<?, ?>) both.get(0).get("source")).get("kind"));
        assertTrue(((String) ((Map<?, ?>) both.get(0).get("source")).get("note")).contains("CC-BY-4.0"), "the index's licence and citation");
        assertTrue(((String) ((Map<?, ?>) both.get(1).get("source")).get("note")).contains("MIT License"));
        // Hand-computed value for Falcon: weights disputed (0.5), training-code closed (0), license open (1), inference-code
        // open (1), training-data, data-documentation (disputed: closed and partial), model-card and paper partial (0.5 each).
        assertEquals((0.5 + 0 + 1 + 1 + 0.5 + 0.5 + 0.5 + 0.5) / 8, profile.getDouble("openness.value"), 1e-9);
        assertEquals(8, profile.getInt("openness.n"));

        JsonPath olmo = anonymous().get("/api/v1/projects/olmo/openness").then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, olmo.getDouble("openness.value"), 1e-9);
        assertEquals(9, olmo.getInt("openness.n"));
        empty();
    }

    /** The index's classes, mapped onto the service's components as ops/openness/ratings.py maps them. */
    private static Map<String, String> eosai(String yaml) {
        Map<String, String> fields = Map.of("opencode", "training-code", "llmweights", "weights", "llmdata", "training-data",
                "datasheet", "data-documentation", "modelcard", "model-card", "preprint", "paper", "license", "license");
        Map<String, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^(\\w+):\\s*\\n\\s+class:\\s*(open|partial|closed)\\b").matcher(yaml);
        while (m.find()) {
            if (fields.containsKey(m.group(1))) {
                out.put(fields.get(m.group(1)), m.group(2));
            }
        }
        return out;
    }

    private static Map<String, String> shipped(JsonNode ratings, String project, String rater, String source) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode r : ratings) {
            if (r.path("project").asText().equals(project) && r.path("rater").asText().equals(rater)) {
                assertEquals(source, r.path("source").asText(), "the rating cites the rater's file at its commit");
                out.put(r.path("component").asText(), r.path("status").asText());
            }
        }
        return out;
    }

    private static String text(String fixture) throws IOException {
        return new String(resource("/fixtures/openness/" + fixture), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OpennessRatingsImportTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return in.readAllBytes();
        }
    }

    private void empty() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "truncate contribution_attribution, contribution_attribution_stale, contribution_attribution_pending, audit_log, fact_dispute,"
                        + " dataset_load, organisation, project, contributor, identity restart identity cascade").executeUpdate());
    }
}
