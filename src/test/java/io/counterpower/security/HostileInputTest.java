package io.counterpower.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.counterpower.support.Fixtures;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalidAsAdmin;
import static io.counterpower.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded fuzz test: random and malformed JSON, huge numbers, deep nesting, invalid UTF-8,
 * injection strings and path traversal sent to every write endpoint. Every answer must be a 4xx
 * problem+json that matches the contract, and a rejected request must write nothing (the data
 * version, which every write increases, stays the same).
 */
@QuarkusTest
class HostileInputTest {
    static final List<String> COLLECTIONS = List.of("/api/v1/organisations", "/api/v1/projects", "/api/v1/contributors",
            "/api/v1/affiliations", "/api/v1/api-keys", "/api/v1/governance-events", "/api/v1/governance-bodies",
            "/api/v1/governance-seats", "/api/v1/funding-events", "/api/v1/license-periods", "/api/v1/adopters",
            "/api/v1/derivatives", "/api/v1/downloads", "/api/v1/openness-components");
    static final String[] HOSTILE = {"'; drop table project; --", "<script>alert(1)</script>", "../../../../etc/passwd",
            "%2e%2e%2f%2e%2e%2f", "\u0000", "${jndi:ldap://127.0.0.1/x}", "=cmd|' /C calc'!A0", "\uD83D\uDE00 émoji",
            "x".repeat(5000), "null", "-1", "1e400", "SELECT * FROM api_key"};
    static final String[] FIELDS = {"key", "slug", "name", "type", "kind", "origin", "project", "organisation", "contributor",
            "date", "from", "to", "amount", "currency", "expression", "artifact", "relation", "component", "status",
            "scopes", "source", "url", "identities", "body", "downloads", "funder", "independent"};

    private final Random random = new Random(20261125L);

    /**
     * Every operation of the contract that takes a body (JSON, CSV or a snapshot), read from the contract itself so
     * that a new write endpoint is attacked the day it is added: "POST /api/v1/projects" and so on, with the media
     * types it accepts.
     */
    static Map<String, List<String>> contractWrites() {
        OpenAPI contract = new OpenAPIV3Parser().read("openapi/openapi.yaml");
        Map<String, List<String>> writes = new TreeMap<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                writes.put(method.name() + " " + path, List.copyOf(operation.getRequestBody().getContent().keySet()));
            }
        }));
        return writes;
    }

    /**
     * Fills a contract path's parameters with things that exist, so that a hostile body reaches the code that reads
     * it rather than stopping at "not found": this test's project, organisation and contributor, and for
     * {@code /things/{id}} the first recorded thing of that kind (an id nobody has when the kind is empty).
     */
    private String concrete(String path) {
        String filled = path.replace("{slug}", slug).replace("{key}", organisation)
                .replace("/contributors/{id}", "/contributors/" + contributor);
        while (filled.contains("{")) {
            int open = filled.indexOf('{');
            String list = filled.substring(0, open - 1);
            Response listed = invalidAsAdmin().queryParam("size", 1).get(list);
            Object first = listed.statusCode() == 200 ? listed.path("items[0].id") : null;
            String id = first != null ? first.toString() : "987654321";
            filled = filled.substring(0, open) + id + filled.substring(filled.indexOf('}', open) + 1);
        }
        return filled;
    }

    private String slug;
    private String organisation;
    private long contributor;

    @Test
    void everyWriteOfTheContractRefusesHostileBodiesWithAProblemAndWritesNothing() {
        organisation = Fixtures.organisation("company");
        slug = Fixtures.project(organisation);
        contributor = Fixtures.contributor(unique("hostile") + "@example.org");
        Map<String, List<String>> writes = contractWrites();
        assertTrue(writes.containsKey("POST /api/v1/projects") && writes.containsKey("PUT /api/v1/watches/{id}"), writes.keySet().toString());
        Set<String> attacked = new TreeSet<>();
        for (int round = 0; round < 4; round++) {
            for (var write : writes.entrySet()) {
                String method = write.getKey().substring(0, write.getKey().indexOf(' '));
                String path = concrete(write.getKey().substring(method.length() + 1));
                for (String mediaType : write.getValue()) {
                    byte[] body = switch (mediaType) {
                        case "application/json" -> body(round).getBytes(StandardCharsets.UTF_8);
                        case "application/gzip" -> ("\u001f\u008b" + HOSTILE[random.nextInt(HOSTILE.length)]).getBytes(StandardCharsets.UTF_8);
                        default -> ("project,kind,date\n" + HOSTILE[random.nextInt(HOSTILE.length)] + ",x,y\n").getBytes(StandardCharsets.UTF_8);
                    };
                    send(path, method, mediaType, body);
                    attacked.add(write.getKey());
                }
            }
        }
        assertEquals(writes.keySet(), attacked, "every write of the contract was attacked");
    }

    @Test
    void invalidUtf8DeepNestingAndHugeNumbersAreClientErrors() {
        byte[] invalidUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String huge = "{\"amount\": 1" + "0".repeat(500) + ", \"downloads\": 99999999999999999999999999}";
        for (String path : COLLECTIONS) {
            send(path, "POST", "application/json", invalidUtf8);
            send(path, "POST", "application/json", deep.getBytes(StandardCharsets.UTF_8));
            send(path, "POST", "application/json", huge.getBytes(StandardCharsets.UTF_8));
        }
        send("/api/v1/funding-events/import", "POST", "text/csv", invalidUtf8);
    }

    @Test
    void pathTraversalInIdsIsNotFound() {
        for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "1;drop", "'or'1'='1")) {
            Response r = invalidAsAdmin().get("/api/v1/projects/" + id);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, id + " gave " + r.statusCode());
        }
    }

    /** Sends a hostile request, which must be refused with a problem (a 4xx) and must write nothing. */
    private void send(String path, String method, String contentType, byte[] body) {
        String before = anonymous().get("/api/v1/projects?size=1").header("Counterpower-Data-Version");
        Response response = invalidAsAdmin().contentType(contentType).body(body).request(method, path);
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500,
                method + " " + path + " answered " + status + " to " + preview(body) + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), path + " " + response.contentType());
        String after = anonymous().get("/api/v1/projects?size=1").header("Counterpower-Data-Version");
        assertEquals(before, after, "a rejected " + method + " " + path + " wrote something: " + preview(body));
    }

    /** A random body: shapes of every kind, with hostile values in plausible fields. */
    private String body(int round) {
        return switch (round % 6) {
            case 0 -> randomValue(0);
            case 1 -> "{" + field() + ": " + randomValue(0) + ", \"source\": " + randomValue(0) + "}";
            case 2 -> "{" + field() + ": " + quote(HOSTILE[random.nextInt(HOSTILE.length)]) + ", " + field() + ": "
                    + quote(HOSTILE[random.nextInt(HOSTILE.length)]) + ", \"source\": {\"url\": "
                    + quote(HOSTILE[random.nextInt(HOSTILE.length)]) + ", \"confidence\": \"verified\"}}";
            case 3 -> "{\"" + HOSTILE[random.nextInt(3)].replace("\"", "") + "\": 1";
            case 4 -> "[" + randomValue(0) + "]";
            default -> "{" + field() + ": " + (random.nextBoolean() ? "1e99999" : "-0.0000000000000001") + "}";
        };
    }

    private String randomValue(int depth) {
        int choice = depth > 6 ? random.nextInt(4) : random.nextInt(7);
        return switch (choice) {
            case 0 -> quote(HOSTILE[random.nextInt(HOSTILE.length)]);
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> String.valueOf(random.nextDouble() * 1e300);
            case 4 -> {
                List<String> parts = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    parts.add(randomValue(depth + 1));
                }
                yield "[" + String.join(",", parts) + "]";
            }
            default -> {
                List<String> parts = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    parts.add(field() + ":" + randomValue(depth + 1));
                }
                yield "{" + String.join(",", parts) + "}";
            }
        };
    }

    private String field() {
        return quote(FIELDS[random.nextInt(FIELDS.length)]);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
