package io.counterpower.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recorded bodies from {@code src/test/resources/fixtures}, with their {@code {{name}}} placeholders filled in. */
public final class PlatformFixtures {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** Fills {@code {{run}}} with a value unique to this test, so that logins and names never meet another test's. */
    public PlatformFixtures(String run) {
        values.put("run", run);
    }

    /**
     * Creates a company whose alias is a platform account name (a GitHub organisation login, a Hub
     * namespace), which is how an account is made to stand for it; returns its key.
     */
    public static String organisationWithAlias(String alias) {
        String key = Api.unique("org");
        Map<String, Object> body = Fixtures.organisationBody(key, "company", List.of(key + ".example"));
        body.put("aliases", List.of(alias));
        Api.admin().body(body).post("/api/v1/organisations").then().statusCode(201);
        return key;
    }

    public PlatformFixtures with(String name, String value) {
        values.put(name, value);
        return this;
    }

    public String value(String name) {
        return values.get(name);
    }

    /** The body of {@code fixtures/<path>} with every placeholder replaced. */
    public String body(String path) {
        try (InputStream in = PlatformFixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace("{{" + e.getKey() + "}}", e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
