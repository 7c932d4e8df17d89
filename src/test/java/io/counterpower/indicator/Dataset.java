package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.arc.Arc;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.unique;
import static io.counterpower.support.Fixtures.contributor;
import static io.counterpower.support.Fixtures.source;

/**
 * Hand-built datasets for indicator tests: projects, organisations, contributors and affiliations
 * through the API; contributions by SQL (there is no contribution write API yet), followed by a bump
 * of the project's data version as a write would do.
 */
final class Dataset {
    final String slug;
    final long projectId;
    private int seq;

    Dataset(String slug) {
        this.slug = slug;
        this.projectId = ((Number) em().createNativeQuery("select id from project where slug = ?1")
                .setParameter(1, slug).getSingleResult()).longValue();
    }

    static Dataset project(String origin) {
        String slug = unique("ind");
        Map<String, Object> body = io.counterpower.support.Fixtures.projectBody(slug);
        body.put("origin", origin);
        admin().body(body).post("/api/v1/projects").then().statusCode(201);
        return QuarkusTransaction.requiringNew().call(() -> new Dataset(slug));
    }

    static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }

    /** A contributor with one identity; returns its id. */
    static long person() {
        return contributor(unique("p") + "@example.org");
    }

    static long identityOf(long contributor) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em().createNativeQuery(
                "select id from identity_link where contributor_id = ?1 and superseded_at is null order by id limit 1")
                .setParameter(1, contributor).getSingleResult()).longValue());
    }

    static void affiliate(long person, String organisation, String from, String to) {
        Map<String, Object> body = new HashMap<>();
        body.put("contributor", person);
        if (organisation == null) {
            body.put("independent", true);
        } else {
            body.put("organisation", organisation);
        }
        body.put("from", from);
        body.put("to", to);
        body.put("source", source());
        admin().body(body).post("/api/v1/affiliations").then().statusCode(201);
    }

    static void parent(String organisation, String parent, String from, String to) {
        Map<String, Object> body = new HashMap<>();
        body.put("parent", parent);
        body.put("from", from);
        body.put("to", to);
        body.put("source", source());
        admin().body(body).post("/api/v1/organisations/" + organisation + "/parents").then().statusCode(201);
    }

    static void bot(long person) {
        long identity = identityOf(person);
        admin().body(Map.of("contributor", person, "bot", true, "botReason", "a CI account", "source", source(),
                        "reason", "a CI account"))
                .put("/api/v1/identities/" + identity).then().statusCode(200);
    }

    /** Records {@code count} contributions of a kind by a person on a day (at noon UTC). */
    Dataset contribute(long person, String day, int count, String kind) {
        return record(person, Map.of(LocalDate.parse(day), count), kind);
    }

    /** Commits by a person on several days (day to count), in one transaction. */
    Dataset contributeOnDays(long person, Map<LocalDate, Integer> counts) {
        return record(person, counts, "commit");
    }

    Dataset contribute(long person, String day, int count) {
        return contribute(person, day, count, "commit");
    }

    private Dataset record(long person, Map<LocalDate, Integer> counts, String kind) {
        long identity = identityOf(person);
        QuarkusTransaction.requiringNew().run(() -> {
            counts.forEach((day, count) -> {
                for (int i = 0; i < count; i++) {
                    em().createNativeQuery("""
                                    insert into contribution (project_id, identity_id, kind, at, reference, source_kind)
                                    values (?1, ?2, ?3, ?4, ?5, 'git')""")
                            .setParameter(1, projectId).setParameter(2, identity).setParameter(3, kind)
                            .setParameter(4, day.atTime(12, 0).atOffset(ZoneOffset.UTC))
                            .setParameter(5, slug + "-" + (++seq))
                            .executeUpdate();
                }
            });
            bump();
        });
        return this;
    }

    Dataset contributeAt(long person, OffsetDateTime at, String kind, String reference, String sourceKind) {
        long identity = identityOf(person);
        QuarkusTransaction.requiringNew().run(() -> {
            em().createNativeQuery("""
                            insert into contribution (project_id, identity_id, kind, at, reference, source_kind)
                            values (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, projectId).setParameter(2, identity).setParameter(3, kind)
                    .setParameter(4, at).setParameter(5, reference).setParameter(6, sourceKind)
                    .executeUpdate();
            bump();
        });
        return this;
    }

    private void bump() {
        em().createNativeQuery("""
                        insert into data_version (scope, version, changed_at) values (?1, nextval('data_version_seq'), now())
                        on conflict (scope) do update set version = excluded.version, changed_at = excluded.changed_at""")
                .setParameter(1, "project:" + projectId).executeUpdate();
    }

    static Instant now() {
        return Instant.now();
    }

    static List<Object> list(Object... values) {
        return List.of(values);
    }
}
