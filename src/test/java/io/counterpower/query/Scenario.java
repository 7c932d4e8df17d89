package io.counterpower.query;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.counterpower.support.Api.admin;
import static org.awaitility.Awaitility.await;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.source;

/**
 * A project where one company does most of the recent work: contributors affiliated through the
 * API, contributions by SQL dated a month ago (there is no contribution write API), then a bump of
 * the project's data version as a write would do.
 */
final class Scenario {
    final String slug;
    final long projectId;
    final String company;
    final String other;
    final long[] people;
    final long[] affiliations;
    private int seq;

    private Scenario(String slug, long projectId, String company, String other, long[] people, long[] affiliations) {
        this.slug = slug;
        this.projectId = projectId;
        this.company = company;
        this.other = other;
        this.people = people;
        this.affiliations = affiliations;
    }

    /** Three people of {@code company} (6 contributions) and one of another company (2), in the last month. */
    static Scenario corporate(String kind, String name) {
        String company = io.counterpower.support.Fixtures.organisation("company");
        String other = io.counterpower.support.Fixtures.organisation("company");
        String slug = unique("q");
        Map<String, Object> body = io.counterpower.support.Fixtures.projectBody(slug);
        body.put("kind", kind);
        body.put("origin", "community");
        if (name != null) {
            body.put("name", name);
        }
        body.put("steward", Map.of("organisation", company, "from", "2020-01-01"));
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        long projectId = QuarkusTransaction.requiringNew().call(() -> ((Number) em()
                .createNativeQuery("select id from project where slug = ?1").setParameter(1, slug).getSingleResult()).longValue());
        long[] people = new long[3];
        long[] affiliations = new long[3];
        for (int i = 0; i < 3; i++) {
            people[i] = contributor(unique("p") + "@example.org");
            affiliations[i] = affiliate(people[i], i < 2 ? company : other);
        }
        Scenario s = new Scenario(slug, projectId, company, other, people, affiliations);
        String day = LocalDate.now(ZoneOffset.UTC).minusMonths(1).toString();
        s.contribute(people[0], day, 4).contribute(people[1], day, 2).contribute(people[2], day, 2);
        return s;
    }

    static long affiliate(long person, String organisation) {
        Map<String, Object> body = new HashMap<>();
        body.put("contributor", person);
        body.put("organisation", organisation);
        body.put("source", source());
        return admin().body(body).post("/api/v1/affiliations").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }

    Scenario contribute(long person, String day, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            long identity = ((Number) em().createNativeQuery(
                            "select id from identity_link where contributor_id = ?1 and superseded_at is null order by id limit 1")
                    .setParameter(1, person).getSingleResult()).longValue();
            for (int i = 0; i < count; i++) {
                em().createNativeQuery("""
                                insert into contribution (project_id, identity_id, kind, at, reference, source_kind)
                                values (?1, ?2, 'commit', ?3, ?4, 'git')""")
                        .setParameter(1, projectId).setParameter(2, identity)
                        .setParameter(3, LocalDate.parse(day).atTime(12, 0).atOffset(ZoneOffset.UTC))
                        .setParameter(4, slug + "-" + (++seq)).executeUpdate();
            }
            em().createNativeQuery("""
                            insert into data_version (scope, version, changed_at) values (?1, nextval('data_version_seq'), now())
                            on conflict (scope) do update set version = excluded.version, changed_at = excluded.changed_at""")
                    .setParameter(1, "project:" + projectId).executeUpdate();
        });
        return this;
    }

    /** The current data version (over every scope). */
    static long dataVersion() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em()
                .createNativeQuery("select max(version) from data_version").getSingleResult()).longValue());
    }

    /**
     * The stored ranking once it covers the data as it is now: asks for a refresh and reads until
     * the snapshot's data version has caught up (the refresh runs in the background). The ceiling is generous:
     * a refresh already running finishes first, and with the suite's few hundred projects on a loaded two-core
     * machine one refresh took two minutes.
     */
    static JsonPath freshRanking(String query) {
        long version = dataVersion();
        admin().post("/api/v1/risk/refresh").then().statusCode(202);
        AtomicReference<JsonPath> fresh = new AtomicReference<>();
        await("the stored ranking catches up with data version " + version).atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    var response = anonymous().get("/api/v1/risk" + query);
                    if (response.statusCode() == 503) {
                        return false;
                    }
                    if (response.statusCode() != 200) {
                        throw new AssertionError("GET /api/v1/risk answered " + response.statusCode() + ": " + response.asString());
                    }
                    fresh.set(response.jsonPath());
                    return fresh.get().getLong("snapshot.dataVersion") >= version;
                });
        return fresh.get();
    }
}
