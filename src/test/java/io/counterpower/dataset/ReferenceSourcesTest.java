package io.counterpower.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Primary sources (issue #20 part 7): every host a {@code verified} fact of the default dataset
 * cites is justified in the dataset's README, no verified fact cites a refused copy or an
 * aggregator, and the verified facts without their quote do not grow in number.
 */
class ReferenceSourcesTest {
    static final List<String> LISTS = List.of("organisations", "projects", "license_events", "governance_events", "funding_events",
            "openness_ratings", "derivatives");
    /** Aggregators the fact-check found (issue #20): never the basis of a verified fact, whatever the README says. */
    static final Set<String> AGGREGATORS = Set.of("aiwiki.ai", "decotidien.com", "vuink.com", "exbulletin.com", "list.paukraft.com",
            "vivianvoss.net");
    /** Every verified fact keeps the sentence of its source that states it (issue #20 part 7). */
    static final int UNQUOTED_AT_MOST = 0;

    @Test
    void verifiedFactsCiteOnlyHostsTheReadmeJustifies() throws IOException {
        JsonNode data = new ObjectMapper().readTree(resource("/dataset/reference.json"));
        Set<String> hosts = new TreeSet<>();
        List<String> refused = new ArrayList<>();
        readme(hosts, refused);
        assertTrue(hosts.contains("github.com") && refused.contains("https://huggingface.co/TheBloke/"), "the README's lists were read");
        List<String> unjustified = new ArrayList<>();
        List<String> unquoted = new ArrayList<>();
        Set<String> cited = new TreeSet<>();
        int verified = 0;
        for (String list : LISTS) {
            int i = 0;
            for (JsonNode record : data.path(list)) {
                String where = list + "[" + i++ + "]";
                if (!"verified".equals(record.path("confidence").asText())) {
                    continue;
                }
                verified++;
                for (String field : List.of("source", "date_source")) {
                    if (!record.hasNonNull(field)) {
                        continue;
                    }
                    String url = record.path(field).asText();
                    String host = URI.create(url).getHost();
                    cited.add(host);
                    boolean aggregator = AGGREGATORS.contains(host) || host.endsWith(".workers.dev");
                    // A derivative's own card is its primary source, even under a prefix refused for facts about others' models.
                    boolean ownCard = list.equals("derivatives")
                            && url.startsWith("https://huggingface.co/" + record.path("derived_name").asText() + "/");
                    if (aggregator || !hosts.contains(host) || !ownCard && refused.stream().anyMatch(url::startsWith)) {
                        unjustified.add(where + " " + field + " " + url);
                    }
                }
                if (!record.hasNonNull("quote") || record.path("quote").asText().isBlank()) {
                    unquoted.add(where);
                }
                // An organisation's email domain is mapped only with a source read that shows it (issue #20 part 4).
                for (JsonNode domain : record.path("domain_sources")) {
                    String url = domain.path("source").asText();
                    String host = URI.create(url).getHost();
                    cited.add(host);
                    if (!hosts.contains(host) || refused.stream().anyMatch(url::startsWith)) {
                        unjustified.add(where + " domain_sources " + url);
                    }
                    if (domain.path("quote").asText("").isBlank()
                            || !record.path("domains").toString().contains("\"" + domain.path("domain").asText() + "\"")) {
                        unquoted.add(where + " domain " + domain.path("domain").asText());
                    }
                }
            }
        }
        assertEquals(List.of(), unjustified, "verified facts citing a host the README does not justify (hosts cited: " + cited + ")");
        assertTrue(unquoted.size() <= UNQUOTED_AT_MOST, unquoted.size() + " verified facts without a quote, more than "
                + UNQUOTED_AT_MOST + ": " + unquoted);
        assertTrue(verified > unquoted.size(), "some verified facts carry their quote");
    }

    /** The hosts and refused prefixes of the README's section "Hosts that verified facts may cite". */
    private static void readme(Set<String> hosts, List<String> refused) throws IOException {
        String text = new String(resource("/dataset/reference-README.md"), StandardCharsets.UTF_8);
        int start = text.indexOf("## Hosts that verified facts may cite");
        assertTrue(start >= 0, "the README has the section");
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Pattern token = Pattern.compile("`([^`]+)`");
        for (String line : section.split("\n")) {
            if (!line.startsWith("- ")) {
                continue;
            }
            // A line lists hosts (several may share one justification) or names one refused prefix.
            String listed = line.contains(": ") ? line.substring(0, line.indexOf(": ")) : line;
            Matcher m = token.matcher(listed);
            while (m.find()) {
                String value = m.group(1);
                if (value.startsWith("https://")) {
                    refused.add(value);
                } else {
                    hosts.add(value);
                }
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ReferenceSourcesTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return in.readAllBytes();
        }
    }
}
