package io.counterpower.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.organisation;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, attack 3: an anonymous crawler reads every public GET of the contract (each path with
 * {@code security: []}), in every representation its 200 answer lists (JSON, CSV, HTML, SVG), with
 * its filters pointed at seeded people, and fails on any seeded email address in any answer.
 * The people are seeded through every route personal data takes: identities, affiliations, a
 * governance seat, a merge and a dispute; their addresses must stay with curator and admin keys.
 */
@QuarkusTest
class PersonalDataCrawlTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Values for required parameters that name no seeded record. */
    private static final Map<String, String> REQUIRED = Map.of("expression", "MIT", "from", "2020-01-01");

    @Test
    void noPublicReadShowsASeededEmailAddress() throws Exception {
        String org = organisation("company");
        String slug = project(org);
        String ada = unique("ada") + "@crawl-person.example";
        String bob = unique("bob") + "@crawl-person.example";
        String bobWork = unique("bob.work") + "@crawl-work.example";
        long adaId = person("Ada Crawl", ada, "ada-" + unique("gh"));
        long bobId = person("Bob Crawl", bob, null);
        long bobTwin = person("Bob Twin", bobWork, null);
        long affiliation = admin().body(Map.of("contributor", adaId, "organisation", org, "from", "2020-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(Map.of("contributor", bobId, "independent", true, "from", "2021-01-01", "source", source()))
                .post("/api/v1/affiliations").then().statusCode(201);
        long merge = admin().body(Map.of("into", bobId, "from", bobTwin, "reason", "the same person"))
                .post("/api/v1/contributor-merges").then().statusCode(201).extract().jsonPath().getLong("id");
        long dispute = admin().body(Map.of("affiliation", affiliation, "reason", "left in 2021"))
                .post("/api/v1/affiliation-disputes").then().statusCode(201).extract().jsonPath().getLong("id");
        long body = admin().body(Map.of("project", slug, "kind", "steering-committee", "name", "Board", "source", source()))
                .post("/api/v1/governance-bodies").then().statusCode(201).extract().jsonPath().getLong("id");
        long seat = admin().body(Map.of("body", body, "holderContributor", adaId, "role", "chair", "from", "2020-01-01",
                "source", source())).post("/api/v1/governance-seats").then().statusCode(201).extract().jsonPath().getLong("id");
        long identity = admin().queryParam("email", ada).get("/api/v1/identities").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        // The curator sees the address: the crawl's silence below is not for want of data.
        assertTrue(admin().get("/api/v1/contributors/" + adaId).asString().contains(ada));

        Map<String, String> ids = Map.of("contributors", String.valueOf(adaId), "identities", String.valueOf(identity),
                "affiliations", String.valueOf(affiliation), "contributor-merges", String.valueOf(merge),
                "affiliation-disputes", String.valueOf(dispute), "governance-seats", String.valueOf(seat),
                "governance-bodies", String.valueOf(body));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("project", slug);
        query.put("projects", slug);
        query.put("organisation", org);
        query.put("contributor", String.valueOf(adaId));
        query.put("affiliation", String.valueOf(affiliation));
        query.put("body", String.valueOf(body));
        query.put("q", "Crawl");
        query.put("email", ada);
        query.put("username", "ada");
        query.put("size", "200");

        List<String> seeded = List.of(ada, bob, bobWork);
        Crawl crawl = crawl(slug, org, ids, query, seeded);
        List<String> leaks = crawl.leaks();
        int requests = crawl.requests();
        int ok = crawl.ok();
        assertEquals(List.of(), leaks);
        assertTrue(requests > 150, "the crawl covered the contract: " + requests);
        assertTrue(ok > 100, "most reads answered: " + ok + " of " + requests);
    }

    record Crawl(List<String> leaks, int requests, int ok) {
    }

    /**
     * Issue 17, attack 7: a curator's collection of a repository on the service's disk records its
     * local path (as a file: URL) as the source of what it found; no anonymous read shows it (only
     * its redacted form, …/<last segment>), while a curator still reads it whole.
     */
    @Test
    void noPublicReadShowsTheLocalPathOfACuratorsCollection(@TempDir Path disk) throws Exception {
        String org = organisation("company");
        String slug = project(org);
        Path repository = disk.resolve("server-side-folder").resolve("crawl-repo");
        try (Git git = Git.init().setInitialBranch("main")
                .setDirectory(repository.toFile()).call()) {
            String mit;
            try (java.io.InputStream in = PersonalDataCrawlTest.class.getClassLoader()
                    .getResourceAsStream("resources/stdlicenses/MIT.json")) {
                mit = new ObjectMapper().readTree(in).get("licenseText").asText();
            }
            java.nio.file.Files.writeString(repository.resolve("LICENSE"), mit);
            java.nio.file.Files.writeString(repository.resolve("GOVERNANCE.md"), "# Governance\n\nThe maintainers decide.\n");
            java.nio.file.Files.writeString(repository.resolve("README.md"), "# Crawl\n");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Local Dev", "local.dev@" + org + ".example",
                    java.util.Date.from(java.time.Instant.parse("2022-01-03T10:00:00Z")), java.util.TimeZone.getTimeZone("UTC"));
            git.commit().setMessage("Start").setAuthor(who).setCommitter(who).call();
        }
        io.restassured.path.json.JsonPath job = io.counterpower.collect.git.CollectionJobs.collect(slug, repository);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        String folder = repository.getParent().toString();
        String uri = repository.getParent().toUri().toString();
        // The curator reads the whole location: the crawl's silence below is not for want of data.
        String curatorView = admin().queryParam("q", "Local Dev").get("/api/v1/contributors").asString();
        assertTrue(curatorView.contains(folder), "a curator sees the local path: " + curatorView);
        String publicView = anonymous().queryParam("q", "Local Dev").get("/api/v1/contributors").asString();
        assertTrue(publicView.contains("\u2026/crawl-repo"), "the public sees its redacted form: " + publicView);
        // The audit keeps a local path whole (issue 17): a curator's close of a repository recorded on
        // the service's disk shows it whole in /changes to a curator, redacted to everyone else.
        long local = admin().body(Map.of("url", uri + "other-repo", "source", io.counterpower.support.Fixtures.source()))
                .post("/api/v1/projects/" + slug + "/repositories").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().queryParam("reason", "moved off the server").delete("/api/v1/projects/" + slug + "/repositories/" + local)
                .then().statusCode(204);
        String curatorChanges = admin().queryParam("project", slug).queryParam("kind", "project-repository")
                .get("/api/v1/changes").then().statusCode(200).extract().asString();
        assertTrue(curatorChanges.contains(folder), "a curator reads the change's local path whole: " + curatorChanges);
        String publicChanges = anonymous().queryParam("project", slug).queryParam("kind", "project-repository")
                .get("/api/v1/changes").then().statusCode(200).extract().asString();
        assertTrue(publicChanges.contains("\u2026/other-repo") && !publicChanges.contains(folder),
                "the public reads the change's local path redacted: " + publicChanges);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("project", slug);
        query.put("projects", slug);
        query.put("organisation", org);
        query.put("size", "200");
        Crawl crawl = crawl(slug, org, Map.of(), query, List.of(folder, uri, uri.replace("file:///", "file:/")));
        assertEquals(List.of(), crawl.leaks());
        assertTrue(crawl.requests() > 150, "the crawl covered the contract: " + crawl.requests());
        // The snapshot is gzip'd (the crawl cannot read it as text): the same check, unzipped.
        byte[] snapshot = anonymous().accept("application/gzip, application/problem+json").get("/api/v1/snapshots")
                .then().statusCode(200).extract().asByteArray();
        String lines;
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(snapshot))) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(lines.contains("\u2026/crawl-repo"), "the snapshot names the repository by its redacted form");
        assertTrue(!lines.contains(folder), "the snapshot does not hold the local path");
    }

    private Crawl crawl(String slug, String org, Map<String, String> ids, Map<String, String> query, List<String> seeded)
            throws Exception {
        JsonNode contract = YAML.readTree(Path.of("openapi/openapi.yaml").toFile());
        List<String> leaks = new ArrayList<>();
        int requests = 0;
        int ok = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            JsonNode get = entry.getValue().get("get");
            if (get == null || !get.has("security") || !get.get("security").isEmpty()) {
                continue; // not a public read
            }
            String path = concrete(entry.getKey(), slug, org, ids);
            List<String> queryNames = new ArrayList<>();
            List<String> required = new ArrayList<>();
            for (JsonNode p : parameters(contract, entry.getValue(), get)) {
                if ("query".equals(p.path("in").asText())) {
                    queryNames.add(p.get("name").asText());
                    if (p.path("required").asBoolean(false)) {
                        required.add(p.get("name").asText());
                    }
                }
            }
            for (String type : contentTypes(contract, get)) {
                for (boolean filtered : List.of(false, true)) {
                    RequestSpecification request = type.equals("application/json") ? anonymous() : plain().accept(type);
                    for (String name : filtered ? queryNames : required) {
                        if (query.containsKey(name)) {
                            request.queryParam(name, query.get(name));
                        } else if (required.contains(name)) {
                            request.queryParam(name, REQUIRED.getOrDefault(name, "x"));
                        }
                    }
                    if (queryNames.contains("format") && type.equals("text/csv")) {
                        request.queryParam("format", "csv");
                    }
                    Response r = request.get(path);
                    requests++;
                    if (r.statusCode() == 200) {
                        ok++;
                    }
                    String text = r.asString().toLowerCase(Locale.ROOT);
                    for (String address : seeded) {
                        if (text.contains(address.toLowerCase(Locale.ROOT))) {
                            leaks.add("GET " + path + (filtered ? " (filtered)" : "") + " as " + type + " shows " + address);
                        }
                    }
                }
            }
        }
        return new Crawl(leaks, requests, ok);
    }

    /** A request outside the JSON defaults (CSV, HTML, SVG), still checked against the contract. */
    private static RequestSpecification plain() {
        return io.counterpower.support.Api.anonymous().contentType("application/json");
    }

    private static long person(String name, String email, String login) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("name", name);
        identity.put("email", email);
        List<Map<String, Object>> identities = new ArrayList<>(List.of(identity));
        if (login != null) {
            identities.add(Map.of("name", name, "platform", "github", "username", login));
        }
        return admin().body(Map.of("displayName", name, "identities", identities, "source", source()))
                .post("/api/v1/contributors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String concrete(String template, String slug, String org, Map<String, String> ids) {
        String collection = template.replaceFirst("^/api/v1/([^/]+).*$", "$1");
        return template.replace("{slug}", slug).replace("{key}", org).replace("{version}", "2")
                .replace("{indicator}", "top_org_share").replace("{file}", "app.js")
                .replace("{id}", ids.getOrDefault(collection, "1"));
    }

    private static List<JsonNode> parameters(JsonNode contract, JsonNode pathItem, JsonNode operation) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode p : list) {
                out.add(p.has("$ref") ? resolve(contract, p.get("$ref").asText()) : p);
            }
        }
        return out;
    }

    private static List<String> contentTypes(JsonNode contract, JsonNode operation) {
        JsonNode ok = operation.path("responses").path("200");
        if (ok.has("$ref")) {
            ok = resolve(contract, ok.get("$ref").asText());
        }
        List<String> types = new ArrayList<>();
        ok.path("content").fieldNames().forEachRemaining(types::add);
        return types.isEmpty() ? List.of("application/json") : types;
    }

    private static JsonNode resolve(JsonNode contract, String ref) {
        JsonNode node = contract;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }
}
