package io.counterpower.collect.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code Co-authored-by} trailers the collector reads are exactly those git reads, with
 * {@code git log --format='%(trailers:key=Co-authored-by,valueonly,separator=%x1f)'}: on real commit
 * messages of mlx, ollama and redis (fixtures/trailers, origin in its README) and on cases written to
 * pin git's rules (title, last paragraph, 25% with a git-generated line, folded values, case of the key).
 */
class CommitTrailersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"mlx", "ollama", "redis", "git-cases"})
    void theParserGivesGitsAnswerOnEveryFixture(String fixture) throws IOException {
        List<JsonNode> records = records(fixture);
        assertTrue(records.size() >= 10, "fixture " + fixture + " has " + records.size() + " messages");
        int values = 0;
        for (JsonNode record : records) {
            List<String> git = new ArrayList<>();
            record.get("git").forEach(v -> git.add(v.asText()));
            String label = record.has("commit") ? record.get("commit").asText() : record.get("case").asText();
            assertEquals(git, CommitTrailers.values(record.get("message").asText(), "Co-authored-by"), label);
            values += git.size();
        }
        assertTrue(values > 0, "fixture " + fixture + " has no co-author trailer at all");
    }

    @Test
    void rulesGitAppliesAsTheFixturesShowThem() throws IOException {
        // A few of git's answers, spelled out (the parameterised test checks them all).
        assertEquals(List.of(), CommitTrailers.values(message("single-paragraph"), "co-authored-by"));
        assertEquals(List.of(), CommitTrailers.values(message("prose-after"), "co-authored-by"));
        assertEquals(List.of("Frank\n  <frank@example.org>"), CommitTrailers.values(message("folded"), "Co-authored-by"));
        assertEquals(List.of("Frank <frank@example.org>", "Gina <gina@example.org>"),
                CommitTrailers.values(message("lowercase-key"), "Co-authored-by"));
        assertEquals(List.of("Frank <frank@example.org>"), CommitTrailers.values(message("quarter-with-signoff"), "Co-authored-by"));
        assertEquals(List.of(), CommitTrailers.values(message("prose-without-signoff"), "Co-authored-by"));
    }

    @Test
    void aValueNamesAPersonAsTheCollectorRecordsIt() {
        assertEquals(List.of("Oran", "oran@example.org"), List.of(CommitDecoder.person("Oran <oran@example.org> (styling)")));
        assertEquals(List.of("Awni Hannun", ""), List.of(CommitDecoder.person("<Awni Hannun>")));
        assertEquals(List.of("Awni Hannun", ""), List.of(CommitDecoder.person("Awni Hannun <Awni Hannun>")));
        assertEquals(List.of("rootedbox", ""), List.of(CommitDecoder.person("rootedbox")));
        assertEquals(List.of("Rayacoo", "zisong.cw@alibaba-inc.com"), List.of(CommitDecoder.person("Rayacoo zisong.cw@alibaba-inc.com")));
        assertEquals(List.of("Frank", "frank@example.org"), List.of(CommitDecoder.person("Frank\n  <frank@example.org>")));
        assertEquals(List.of("", "ada@example.org"), List.of(CommitDecoder.person("<ada@example.org>")));
        assertNull(CommitDecoder.person("<>"));
        assertNull(CommitDecoder.person(""));
    }

    private static String message(String gitCase) throws IOException {
        return records("git-cases").stream().filter(r -> r.get("case").asText().equals(gitCase)).findFirst()
                .orElseThrow().get("message").asText();
    }

    static List<JsonNode> records(String fixture) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (InputStream in = CommitTrailersTest.class.getResourceAsStream("/fixtures/trailers/" + fixture + ".jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }
}
