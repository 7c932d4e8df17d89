package io.counterpower.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalidAsAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
    static final List<String> IMPORTS = List.of("/api/v1/governance-events/import", "/api/v1/funding-events/import",
            "/api/v1/license-periods/import", "/api/v1/adopters/import");
    static final String[] HOSTILE = {"'; drop table project; --", "<script>alert(1)</script>", "../../../../etc/passwd",
            "%2e%2e%2f%2e%2e%2f", "\u0000", "${jndi:ldap://127.0.0.1/x}", "=cmd|' /C calc'!A0", "\uD83D\uDE00 émoji",
            "x".repeat(5000), "null", "-1", "1e400", "SELECT * FROM api_key"};
    static final String[] FIELDS = {"key", "slug", "name", "type", "kind", "origin", "project", "organisation", "contributor",
            "date", "from", "to", "amount", "currency", "expression", "artifact", "relation", "component", "status",
            "scopes", "source", "url", "identities", "body", "downloads", "funder", "independent"};

    private final Random random = new Random(20261125L);

    @Test
    void everyWriteEndpointAnswersHostileBodiesWithAProblemAndWritesNothing() {
        int requests = 0;
        for (int round = 0; round < 12; round++) {
            for (String path : COLLECTIONS) {
                send(path, "POST", "application/json", body(round).getBytes(StandardCharsets.UTF_8));
                requests++;
            }
        }
        for (String path : IMPORTS) {
            send(path, "POST", "text/csv", ("project,kind,date\n" + HOSTILE[random.nextInt(HOSTILE.length)] + ",x,y\n")
                    .getBytes(StandardCharsets.UTF_8));
            send(path, "POST", "application/json", body(random.nextInt(12)).getBytes(StandardCharsets.UTF_8));
            requests += 2;
        }
        assertTrue(requests > 150);
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

    private void send(String path, String method, String contentType, byte[] body) {
        String before = anonymous().get("/api/v1/projects?size=1").header("Counterpower-Data-Version");
        Response response = invalidAsAdmin().contentType(contentType).body(body).request(method, path);
        int status = response.statusCode();
        if (status >= 500) {
            fail(method + " " + path + " answered " + status + " to " + preview(body) + ": " + response.asString());
        }
        if (status >= 400) {
            assertTrue(response.contentType().startsWith("application/problem+json"), path + " " + response.contentType());
            String after = anonymous().get("/api/v1/projects?size=1").header("Counterpower-Data-Version");
            assertEquals(before, after, "a rejected " + method + " " + path + " wrote something: " + preview(body));
        }
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
