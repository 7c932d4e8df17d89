package io.counterpower.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.audit.ChangeLog;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the bundled reference dataset (a copy of shared/data/reference.json: public facts, each
 * with an https source and a confidence) into an empty database, once. Its {@code unverified}
 * claims are never loaded. Every fact is recorded with source kind {@code reference-dataset}.
 *
 * <p>Two derivations are made, both documented in docs/reference-dataset.md: steward periods
 * come from the projects' current steward and their foundation-transfer events, and the start of
 * an acquired organisation's parent period comes from reference-periods.json.
 */
@ApplicationScoped
public class ReferenceDataset {
    static final String NAME = "reference";
    static final long LOCK_KEY = 0x436f756e74657250L; // any constant: serialises concurrent first starts

    public record LoadResult(boolean loaded, String reason, Map<String, Integer> counts) {
    }

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    ChangeLog changes;

    /** Loads the dataset unless it was loaded before or the database already holds facts. */
    @Transactional
    public LoadResult loadIfEmpty() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LOCK_KEY).getSingleResult();
        if (!em.createNativeQuery("select name from dataset_load where name = ?1").setParameter(1, NAME).getResultList().isEmpty()) {
            return new LoadResult(false, "already loaded", Map.of());
        }
        boolean empty = (Boolean) em.createNativeQuery(
                "select not exists (select 1 from organisation) and not exists (select 1 from project)").getSingleResult();
        if (!empty) {
            return new LoadResult(false, "the database already holds facts", Map.of());
        }
        JsonNode data = read("/dataset/reference.json");
        JsonNode periods = read("/dataset/reference-periods.json").path("parentPeriods");
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Long> orgs = new HashMap<>();
        Map<String, Long> projects = new HashMap<>();

        for (JsonNode o : data.path("organisations")) {
            long id = insertReturningId("insert into organisation (key) values (?1) returning id", o.path("key").asText());
            orgs.put(o.path("key").asText(), id);
            fact("""
                    insert into organisation_version (id, name, type, domains, note, %s)
                    values (?1, ?2, ?3, cast(?4 as text[]), ?5, %s)""", o,
                    id, o.path("name").asText(), o.path("type").asText(), textArray(o.path("domains")), text(o, "note"));
        }
        counts.put("organisations", orgs.size());
        int parents = 0;
        for (JsonNode o : data.path("organisations")) {
            if (o.hasNonNull("parent")) {
                JsonNode period = periods.path(o.path("key").asText());
                LocalDate from = period.hasNonNull("from") ? LocalDate.parse(period.path("from").asText()) : null;
                fact("""
                        insert into organisation_parent (organisation_id, parent_id, valid_from, %s)
                        values (?1, ?2, ?3, %s)""", o,
                        orgs.get(o.path("key").asText()), org(orgs, o.path("parent").asText()), from);
                parents++;
            }
        }
        counts.put("organisationParents", parents);

        for (JsonNode p : data.path("projects")) {
            long id = insertReturningId("insert into project (slug) values (?1) returning id", p.path("key").asText());
            projects.put(p.path("key").asText(), id);
            fact("""
                    insert into project_version (id, name, kind, origin, description, %s)
                    values (?1, ?2, ?3, ?4, ?5, %s)""", p,
                    id, p.path("name").asText(), p.path("kind").asText(), p.path("origin").asText(), text(p, "description"));
            if (p.hasNonNull("repository")) {
                String url = p.path("repository").asText();
                fact("insert into project_repository (project_id, url, role, %s) values (?1, ?2, ?3, %s)", p, id, url, repositoryRole(url));
            }
        }
        counts.put("projects", projects.size());
        counts.put("forks", linkForks(data, projects));
        counts.put("stewardPeriods", insertStewards(data, orgs, projects));

        int licenses = 0;
        for (JsonNode l : licensesBeforeFirstChange(data.path("license_events"))) {
            // METHODOLOGY.md section 2: the `from` of an artifact's first recorded change is a fact too (MongoDB was
            // AGPL-3.0 before SSPL-1.0). It held up to the day before the change; when it started is not recorded,
            // so nothing is stated before that day.
            Dated change = Dated.of(l);
            fact("""
                    insert into license_period (project_id, artifact, expression, valid_from, date_precision, change_kind, note,
                                                artifact_name, %s)
                    values (?1, ?2, ?3, ?4, 'day', 'initial', ?5, ?6, %s)""", l,
                    project(projects, l.path("project").asText()), l.path("artifact").asText(), l.path("from").asText(),
                    change.day().minusDays(1), initialNote(l), artifactName(l));
            licenses++;
        }
        for (JsonNode l : data.path("license_events")) {
            Dated date = Dated.of(l);
            fact("""
                    insert into license_period (project_id, artifact, expression, valid_from, date_precision, change_kind, note,
                                                artifact_name, %s)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, %s)""", l,
                    project(projects, l.path("project").asText()), l.path("artifact").asText(), l.path("to").asText(),
                    date.day(), date.precision(), l.path("change_kind").asText(), text(l, "note"), artifactName(l));
            licenses++;
        }
        counts.put("licensePeriods", licenses);

        int governance = 0;
        for (JsonNode g : data.path("governance_events")) {
            Dated date = Dated.of(g);
            fact("""
                    insert into governance_event (project_id, kind, event_date, date_precision, from_organisation_id, to_organisation_id, note, %s)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, %s)""", g,
                    project(projects, g.path("project").asText()), g.path("kind").asText(), date.day(), date.precision(),
                    fromOrganisation(g, orgs), toOrganisation(g, orgs), text(g, "note"));
            governance++;
        }
        counts.put("governanceEvents", governance);

        int funding = 0;
        for (JsonNode f : data.path("funding_events")) {
            Dated date = Dated.of(f);
            String type = f.path("type").asText();
            boolean periodic = type.equals("membership") || type.equals("sponsorship");
            String currency = text(f, "currency");
            fact("""
                    insert into funding_event (recipient_organisation_id, funder_organisation_id, type, amount, currency, amount_scope,
                        reported_amount, reported_currency, event_date, date_precision, period_from, note, %s)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, %s)""", f,
                    org(orgs, f.path("recipient").asText()), org(orgs, f.path("funder").asText()), type,
                    f.hasNonNull("amount") ? f.path("amount").decimalValue() : null,
                    f.hasNonNull("amount") || f.hasNonNull("reported_amount") ? currency : null,
                    text(f, "amount_scope"),
                    f.hasNonNull("reported_amount") ? f.path("reported_amount").decimalValue() : null,
                    f.hasNonNull("reported_amount") ? currency : null,
                    date.day(), date.precision(), periodic ? date.day() : null, text(f, "note"));
            funding++;
        }
        counts.put("fundingEvents", funding);

        // METHODOLOGY.md section 6: the openness ratings of the European Open Source AI Index and the Model Openness
        // Tool, imported facts (source kind import) with their rater, licence and citation (ops/openness/ratings.py).
        int ratings = 0;
        for (JsonNode r : data.path("openness_ratings")) {
            factOfKind("import", """
                    insert into openness_component (project_id, component, rater, status, note, %s)
                    values (?1, ?2, ?3, ?4, ?5, %s)""", r,
                    project(projects, r.path("project").asText()), r.path("component").asText(), r.path("rater").asText(),
                    r.path("status").asText(), text(r, "note"));
            ratings++;
        }
        counts.put("opennessRatings", ratings);
        int derivatives = 0;
        for (JsonNode v : data.path("derivatives")) {
            // Issue #23: the compost heap of the default models, each derivative as its Hub page states it.
            fact("""
                    insert into derivative (project_id, derived_name, relation, publisher_organisation_id, publisher_name, published_at,
                                            base_name, base_artifact, %s)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, %s)""", v,
                    project(projects, v.path("project").asText()), v.path("derived_name").asText(), v.path("relation").asText(),
                    v.hasNonNull("publisher") ? org(orgs, v.path("publisher").asText()) : null, text(v, "publisher_name"),
                    v.hasNonNull("published") ? LocalDate.parse(v.path("published").asText()) : null, text(v, "base_name"),
                    text(v, "base_artifact"));
            derivatives++;
        }
        counts.put("derivatives", derivatives);

        em.createNativeQuery("insert into dataset_load (name, version, counts) values (?1, ?2, cast(?3 as jsonb))")
                .setParameter(1, NAME).setParameter(2, data.path("version").asText()).setParameter(3, toJson(counts))
                .executeUpdate();
        projects.values().forEach(id -> changes.bump(ChangeLog.projectScope(id)));
        changes.record(ChangeLog.GLOBAL, "import", "dataset", NAME, null, counts, "default dataset loaded on first start");
        Log.infof("Loaded the reference dataset %s: %s", data.path("version").asText(), counts);
        return new LoadResult(true, "loaded", counts);
    }

    /**
     * A fork's link to its upstream (METHODOLOGY.md section 7, "Forks"): the project's upstream, fork point commit and date,
     * set on the version just recorded once every project has an id (an upstream may be listed after its fork). The git
     * collector then reads the fork's repository after the fork point: the upstream's history is not the fork's work.
     */
    private int linkForks(JsonNode data, Map<String, Long> projects) {
        int forks = 0;
        for (JsonNode p : data.path("projects")) {
            if (!p.hasNonNull("upstream")) {
                continue;
            }
            em.createNativeQuery("""
                            update project_version set upstream_project_id = ?1, fork_point_commit = ?2, fork_point_date = ?3
                            where id = ?4 and superseded_at is null""")
                    .setParameter(1, project(projects, p.path("upstream").asText())).setParameter(2, text(p, "fork_point_commit"))
                    .setParameter(3, p.hasNonNull("fork_point_date") ? LocalDate.parse(p.path("fork_point_date").asText()) : null)
                    .setParameter(4, projects.get(p.path("key").asText())).executeUpdate();
            forks++;
        }
        return forks;
    }

    /**
     * Steward periods: each project's current steward, from its last foundation-transfer (if any);
     * before each transfer, the organisation it came from. Without a transfer the start is open.
     */
    /**
     * The first recorded event of each artifact (project, kind and name) whose {@code from} names the license before it:
     * a change whose earlier terms the dataset states but records no period for.
     */
    static List<JsonNode> licensesBeforeFirstChange(JsonNode events) {
        Map<String, JsonNode> first = new LinkedHashMap<>();
        for (JsonNode l : events) {
            String key = l.path("project").asText() + "|" + l.path("artifact").asText() + "|" + artifactName(l);
            JsonNode known = first.get(key);
            if (known == null || Dated.of(l).day().isBefore(Dated.of(known).day())) {
                first.put(key, l);
            }
        }
        return first.values().stream()
                .filter(l -> l.hasNonNull("from") && !l.path("from").asText().isBlank())
                // A new release's `from` names the family's previous member, not earlier terms of this artifact.
                .filter(l -> "relicense".equals(l.path("change_kind").asText()))
                .toList();
    }

    /** The artifact's name within its kind (METHODOLOGY.md section 2): empty for the kind's single unnamed artifact. */
    static String artifactName(JsonNode l) {
        return l.hasNonNull("artifact_name") ? l.path("artifact_name").asText() : "";
    }

    /** The note of the period in force before an artifact's first recorded change. */
    static String initialNote(JsonNode change) {
        return "In force before the change of " + change.path("date").asText()
                + " (the period's start is not recorded; the day before the change is the latest day it is"
                + " known to hold). " + text(change, "note");
    }

    /** The bundled dataset (reference.json). */
    JsonNode bundled() {
        return read("/dataset/reference.json");
    }

    /**
     * The organisation an event goes to. For a {@code trademark} event that is the holder of the mark after it
     * (METHODOLOGY.md section 2), named by the bundled copy's {@code holder}: the shared dataset's {@code to_org}
     * of Elastic's 2022 settlement is Amazon, the other party, which does not hold the mark.
     */
    static Long toOrganisation(JsonNode g, Map<String, Long> orgs) {
        if ("trademark".equals(g.path("kind").asText())) {
            return g.hasNonNull("holder") ? org(orgs, g.path("holder").asText()) : null;
        }
        return g.hasNonNull("to_org") ? org(orgs, g.path("to_org").asText()) : null;
    }

    /** The other party: for a trademark event, the party named beside the holder (null when there is none). */
    static Long fromOrganisation(JsonNode g, Map<String, Long> orgs) {
        if ("trademark".equals(g.path("kind").asText())) {
            String holder = g.path("holder").asText(null);
            for (String field : List.of("to_org", "from_org")) {
                if (g.hasNonNull(field) && !g.path(field).asText().equals(holder)) {
                    return org(orgs, g.path(field).asText());
                }
            }
            return null;
        }
        return g.hasNonNull("from_org") ? org(orgs, g.path("from_org").asText()) : null;
    }

    private int insertStewards(JsonNode data, Map<String, Long> orgs, Map<String, Long> projects) {
        Map<String, List<JsonNode>> transfers = new HashMap<>();
        for (JsonNode g : data.path("governance_events")) {
            if (g.path("kind").asText().equals("foundation-transfer")) {
                transfers.computeIfAbsent(g.path("project").asText(), k -> new ArrayList<>()).add(g);
            }
        }
        int count = 0;
        for (JsonNode p : data.path("projects")) {
            long projectId = projects.get(p.path("key").asText());
            List<JsonNode> moves = new ArrayList<>(transfers.getOrDefault(p.path("key").asText(), List.of()));
            moves.sort(Comparator.comparing(g -> Dated.of(g).day()));
            LocalDate start = null;
            for (JsonNode move : moves) {
                LocalDate day = Dated.of(move).day();
                if (move.hasNonNull("from_org")) {
                    fact("insert into project_steward (project_id, organisation_id, valid_from, valid_to, %s) values (?1, ?2, ?3, ?4, %s)",
                            move, projectId, org(orgs, move.path("from_org").asText()), start, day.minusDays(1));
                    count++;
                }
                start = day;
            }
            JsonNode basis = moves.isEmpty() ? p : moves.get(moves.size() - 1);
            fact("insert into project_steward (project_id, organisation_id, valid_from, %s) values (?1, ?2, ?3, %s)",
                    basis, projectId, org(orgs, p.path("steward").asText()), start);
            count++;
        }
        return count;
    }

    /** A Hugging Face repository holds weights (or data); a code forge holds code. */
    static String repositoryRole(String url) {
        if (url.startsWith("https://huggingface.co/datasets/")) {
            return "data";
        }
        return url.startsWith("https://huggingface.co/") ? "weights" : "code";
    }

    /** Runs an insert whose last columns are the provenance of {@code record}; %s marks where they go. */
    private void fact(String sqlTemplate, JsonNode record, Object... values) {
        factOfKind("reference-dataset", sqlTemplate, record, values);
    }

    /** The same, for a fact of another source kind the dataset carries (imported openness ratings). */
    private void factOfKind(String sourceKind, String sqlTemplate, JsonNode record, Object... values) {
        int n = values.length;
        String sql = sqlTemplate.formatted("source_kind, source_url, source_note, source_quote, confidence",
                "'" + sourceKind + "', ?" + (n + 1) + ", ?" + (n + 2) + ", ?" + (n + 4) + ", ?" + (n + 3));
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < n; i++) {
            q.setParameter(i + 1, values[i]);
        }
        q.setParameter(n + 1, record.path("source").asText());
        q.setParameter(n + 2, sourceNote(record));
        q.setParameter(n + 3, record.path("confidence").asText());
        q.setParameter(n + 4, quote(record));
        q.executeUpdate();
    }

    static String sourceNote(JsonNode r) {
        List<String> parts = new ArrayList<>();
        if (r.hasNonNull("source_note")) {
            parts.add(r.path("source_note").asText());
        }
        if (r.hasNonNull("date_source")) {
            parts.add("Date from " + r.path("date_source").asText());
        }
        if (r.hasNonNull("date_precision_note")) {
            parts.add(r.path("date_precision_note").asText());
        }
        // Where an organisation's email domain was read as its own (issue #20 part 4); the sentence is in reference.json.
        for (JsonNode domain : r.path("domain_sources")) {
            parts.add("Domain " + domain.path("domain").asText() + " from " + domain.path("source").asText());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** The sentence of the source that states the fact (issue #20 part 7): a reader sees why it is verified. */
    static String quote(JsonNode r) {
        return r.hasNonNull("quote") && !r.path("quote").asText().isBlank() ? r.path("quote").asText() : null;
    }

    private long insertReturningId(String sql, String key) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, key).getSingleResult()).longValue();
    }

    private static long org(Map<String, Long> orgs, String key) {
        Long id = orgs.get(key);
        if (id == null) {
            throw new IllegalStateException("The reference dataset names an unknown organisation: " + key);
        }
        return id;
    }

    private static long project(Map<String, Long> projects, String key) {
        Long id = projects.get(key);
        if (id == null) {
            throw new IllegalStateException("The reference dataset names an unknown project: " + key);
        }
        return id;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static String textArray(JsonNode array) {
        StringBuilder sb = new StringBuilder("{");
        for (JsonNode item : array) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(item.asText().toLowerCase(java.util.Locale.ROOT).replace("\"", "")).append('"');
        }
        return sb.append('}').toString();
    }

    private JsonNode read(String resource) {
        try (InputStream in = ReferenceDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A date given to the day, month or year; it counts from the first day of its interval (section 3). */
    record Dated(LocalDate day, String precision) {
        static Dated of(JsonNode record) {
            String text = record.path("date").asText();
            String precision = record.hasNonNull("date_precision") ? record.path("date_precision").asText()
                    : switch (text.length()) {
                        case 4 -> "year";
                        case 7 -> "month";
                        default -> "day";
                    };
            LocalDate day = switch (text.length()) {
                case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
                case 7 -> LocalDate.parse(text + "-01");
                default -> LocalDate.parse(text);
            };
            return new Dated(day, precision);
        }
    }
}
