package io.counterpower.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.invalid;
import static io.counterpower.support.Api.invalidAsAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots (issue #20): the whole fact base as recorded at a moment, pseudonymised, with its
 * checksum; loaded into an empty service and exported again it gives the same bytes. One test
 * method, because it empties its service's database on the way.
 */
@QuarkusTest
@TestProfile(SnapshotServiceProfile.class)
class SnapshotTest {
    static final String GZIP = "application/gzip";

    @Inject
    EntityManager em;
    @Inject
    ReferenceDataset dataset;
    @Inject
    ObjectMapper json;
    @Inject
    io.counterpower.indicator.Methodology methodology;

    @Test
    void aSnapshotIsPseudonymisedCitableAndGoesRoundTripByteForByte() throws Exception {
        assertTrue(dataset.loadIfEmpty().loaded());
        admin().body("""
                {"displayName": "Ada", "identities": [{"name": "Ada L", "email": "Ada.Lovelace@Example.ORG"},
                 {"name": "Ada L", "email": "4711+adal@users.noreply.github.com"}],
                 "source": {"url": "https://example.org/ada", "quote": "The sentence.", "confidence": "verified"}}""")
                .post("/api/v1/contributors").then().statusCode(201);
        sql("""
                insert into contribution (project_id, identity_id, kind, at, reference, repository_url, source_kind)
                select p.id, i.id, 'commit', timestamptz '2024-03-01 10:00:00+00', 'c0ffee', 'https://github.com/meta-llama/llama', 'git'
                from project p, identity i where p.slug = 'llama' and i.email = 'Ada.Lovelace@Example.ORG'""");
        // A steward's open dispute goes with the facts (issue 17: "disputed" reads it after a load too).
        sql("""
                insert into fact_dispute (fact_kind, fact_id, action, reason, state, raised_at)
                select 'organisation', o.id, 'close', 'we were never here', 'open', timestamptz '2024-03-02 10:00:00+00'
                from organisation o where o.key = 'meta'""");
        String beforeEdit = (String) single("select to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
        admin().body("""
                {"name": "Meta", "type": "company", "domains": ["meta.com", "fb.com", "facebook.com"],
                 "source": {"url": "https://about.meta.com/", "quote": "The sentence.", "confidence": "verified"}, "reason": "the name it goes by"}""")
                .put("/api/v1/organisations/meta").then().statusCode(200);

        byte[] now = export(null);
        List<String> lines = lines(now);
        JsonNode header = json.readTree(lines.get(0)).path("snapshot");
        assertEquals("counterpower-snapshot/1", header.path("format").asText());
        assertEquals("CC-BY-4.0", header.path("licence").path("facts").asText());
        assertEquals(header.path("dataVersion").asText(), header.path("asRecordedOn").asText());
        assertEquals(methodology.latest().number(), header.path("methodologyVersion").asInt());
        assertTrue(header.path("citation").asText().contains("CC-BY-4.0"));
        JsonNode covers = header.path("covers");
        assertEquals(1, covers.path("commits").asLong());
        assertEquals("2024-03-01T10:00:00Z", covers.path("newestCommitAt").asText());
        assertEquals("llama", covers.path("repositories").get(0).path("project").asText());
        assertTrue(covers.path("notCollected").toString().contains("\"project\":\"pytorch\""));

        // The same coverage is served on its own: llama collected, pytorch not (never "inactive").
        anonymous().get("/api/v1/snapshots/coverage").then().statusCode(200)
                .body("commits", equalTo(1)).body("repositories[0].project", equalTo("llama"))
                .body("notCollected.project", org.hamcrest.Matchers.hasItem("pytorch"))
                .body("notCollected.project", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("llama")));

        // Pseudonymised: the address only as its domain and hash; the noreply address (a public login) kept.
        String text = String.join("\n", lines);
        assertFalse(text.toLowerCase().contains("ada.lovelace@example.org"));
        assertTrue(text.contains("\"email_sha256\": \"" + sha256("ada.lovelace@example.org") + "\""));
        assertTrue(text.contains("\"email_domain\": \"example.org\""));
        assertTrue(text.contains("4711+adal@users.noreply.github.com"));
        assertFalse(text.contains("key_hash"));

        // The last line: the number of records and the SHA-256 of every line before it.
        JsonNode end = json.readTree(lines.get(lines.size() - 1)).path("end");
        assertEquals(lines.size() - 2, end.path("records").asLong());
        assertEquals(sha256(String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"), end.path("sha256").asText());

        // As recorded before the edit: the old name, its version open as it then was, and the contribution recorded before it.
        byte[] before = export(beforeEdit);
        String old = String.join("\n", lines(before));
        assertTrue(old.contains("\"name\": \"Meta Platforms, Inc.\""), "the old version");
        assertFalse(old.contains("\"name\": \"Meta\""));
        assertFalse(old.contains("\"superseded_at\": \"20"), "nothing was superseded then");
        assertTrue(old.contains("c0ffee"));

        // Not into a service that holds facts.
        load(admin(), now).then().statusCode(409);
        // Only an admin loads one.
        load(invalid(), now).then().statusCode(401);

        empty();
        long organisations = count("organisation");
        assertEquals(0, organisations);
        // Refused with nothing written: a changed row, a cut file, not gzip.
        byte[] changed = gzip(text.replace("\"name\": \"Meta\"", "\"name\": \"Meat\"") + "\n");
        load(invalidAsAdmin(), changed).then().statusCode(400).body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("checksum"));
        byte[] cut = gzip(String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
        load(invalidAsAdmin(), cut).then().statusCode(400).body("errors[0].message", containsString("cut"));
        load(invalidAsAdmin(), "not gzip".getBytes(StandardCharsets.UTF_8)).then().statusCode(400);
        byte[] dangling = gzip(lines.get(0) + "\n" + "{\"table\":\"organisation_version\",\"row\":{\"id\": 999999, \"name\": \"X\","
                + " \"type\": \"company\", \"source_kind\": \"manual\", \"source_url\": \"https://x.example\", \"confidence\": \"verified\","
                + " \"recorded_at\": \"2024-01-01T00:00:00+00:00\"}}\n");
        load(invalidAsAdmin(), dangling).then().statusCode(400).body("errors[0].message", containsString("lines 2-2"));
        assertEquals(0, count("organisation"));
        assertEquals(0, count("organisation_version"));

        // The round trip: load, export at the same moment, the same bytes.
        load(admin(), now).then().statusCode(200)
                .body("sha256", equalTo(end.path("sha256").asText()))
                .body("tables.contribution", equalTo(1)).body("tables.fact_dispute", equalTo(1));
        assertArrayEquals(now, export(null));
        assertArrayEquals(before, export(beforeEdit));

        // The service goes on: new facts get new ids, and the loaded one is read like any other.
        anonymous().get("/api/v1/organisations/meta").then().statusCode(200).body("name", equalTo("Meta"));
        admin().body("""
                {"key": "snapshot-after", "name": "After", "type": "community", "domains": [],
                 "source": {"url": "https://example.org/after", "quote": "The sentence.", "confidence": "verified"}}""")
                .post("/api/v1/organisations").then().statusCode(201);
        assertNotEquals(now.length, export(null).length);
    }

    private byte[] export(String asRecordedOn) {
        RequestSpecification request = anonymous().accept(GZIP + ", application/problem+json");
        if (asRecordedOn != null) {
            request.queryParam("asRecordedOn", asRecordedOn);
        }
        return request.get("/api/v1/snapshots").then().statusCode(200).contentType(GZIP).extract().asByteArray();
    }

    private static io.restassured.response.Response load(RequestSpecification request, byte[] body) {
        return request.contentType(GZIP).body(body).post("/api/v1/snapshots");
    }

    private static List<String> lines(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\n"));
            return List.of(text.substring(0, text.length() - 1).split("\n", -1));
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Empties every table of the snapshot (this profile's own database). */
    private void empty() {
        StringBuilder tables = new StringBuilder("contribution_attribution, audit_log");
        SnapshotTables.ALL.forEach(t -> tables.append(", ").append(t.name()));
        sql("truncate " + tables + " restart identity cascade");
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }

    private Object single(String query) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(query).getSingleResult());
    }

    private long count(String table) {
        return ((Number) single("select count(*) from " + table)).longValue();
    }
}
