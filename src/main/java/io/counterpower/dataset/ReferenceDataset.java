package io.counterpower.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    // The columns the loader writes (the others keep their defaults), table by table.
    private static final VersionedRows.Table ORGANISATION_VERSIONS = VersionedRows.Table.of("organisation_version",
            VersionedRows.text("name"), VersionedRows.text("type"), VersionedRows.textArray("domains"), VersionedRows.text("note"));
    private static final VersionedRows.Table ORGANISATION_PARENTS = VersionedRows.Table.of("organisation_parent",
            VersionedRows.bigint("organisation_id"), VersionedRows.bigint("parent_id"), VersionedRows.date("valid_from"));
    private static final VersionedRows.Table PROJECT_VERSIONS = VersionedRows.Table.of("project_version",
            VersionedRows.text("name"), VersionedRows.text("kind"), VersionedRows.text("origin"), VersionedRows.text("description"),
            VersionedRows.bigint("upstream_project_id"), VersionedRows.text("fork_point_commit"), VersionedRows.date("fork_point_date"));
    private static final VersionedRows.Table PROJECT_REPOSITORIES = VersionedRows.Table.of("project_repository",
            VersionedRows.bigint("project_id"), VersionedRows.text("url"), VersionedRows.text("role"));
    private static final VersionedRows.Table PROJECT_STEWARDS = VersionedRows.Table.of("project_steward",
            VersionedRows.bigint("project_id"), VersionedRows.bigint("organisation_id"), VersionedRows.date("valid_from"),
            VersionedRows.date("valid_to"));
    private static final VersionedRows.Table LICENSE_PERIODS = VersionedRows.Table.of("license_period",
            VersionedRows.bigint("project_id"), VersionedRows.text("artifact"), VersionedRows.text("expression"),
            VersionedRows.date("valid_from"), VersionedRows.text("date_precision"), VersionedRows.text("change_kind"),
            VersionedRows.text("note"), VersionedRows.text("artifact_name"));
    private static final VersionedRows.Table GOVERNANCE_EVENTS = VersionedRows.Table.of("governance_event",
            VersionedRows.bigint("project_id"), VersionedRows.text("kind"), VersionedRows.date("event_date"),
            VersionedRows.text("date_precision"), VersionedRows.bigint("from_organisation_id"),
            VersionedRows.bigint("to_organisation_id"), VersionedRows.text("note"));
    private static final VersionedRows.Table FUNDING_EVENTS = VersionedRows.Table.of("funding_event",
            VersionedRows.bigint("recipient_organisation_id"), VersionedRows.bigint("funder_organisation_id"),
            VersionedRows.text("type"), VersionedRows.numeric("amount"), VersionedRows.text("currency"),
            VersionedRows.text("amount_scope"), VersionedRows.numeric("reported_amount"), VersionedRows.text("reported_currency"),
            VersionedRows.date("event_date"), VersionedRows.text("date_precision"), VersionedRows.date("period_from"),
            VersionedRows.text("note"));
    private static final VersionedRows.Table OPENNESS_RATINGS = VersionedRows.Table.of("openness_component",
            VersionedRows.bigint("project_id"), VersionedRows.text("component"), VersionedRows.text("rater"),
            VersionedRows.text("status"), VersionedRows.text("note"));
    private static final VersionedRows.Table DERIVATIVES = VersionedRows.Table.of("derivative",
            VersionedRows.bigint("project_id"), VersionedRows.text("derived_name"), VersionedRows.text("relation"),
            VersionedRows.bigint("publisher_organisation_id"), VersionedRows.text("publisher_name"),
            VersionedRows.date("published_at"), VersionedRows.text("base_name"), VersionedRows.text("base_artifact"));

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
        // The facts go through the batch form of the fact path on the connection of this transaction: one load, one commit.
        Map<String, Long> projects = em.unwrap(Session.class).doReturningWork(c -> write(c, data, periods, counts));
        em.createNativeQuery("insert into dataset_load (name, version, counts) values (?1, ?2, cast(?3 as jsonb))")
                .setParameter(1, NAME).setParameter(2, data.path("version").asText()).setParameter(3, toJson(counts))
                .executeUpdate();
        projects.values().forEach(id -> changes.bump(ChangeLog.projectScope(id)));
        changes.record(ChangeLog.GLOBAL, "import", "dataset", NAME, null, counts, "default dataset loaded on first start");
        Log.infof("Loaded the reference dataset %s: %s", data.path("version").asText(), counts);
        return new LoadResult(true, "loaded", counts);
    }

    /**
     * Writes the dataset's facts, table by table in the order that gives each new fact its {@code fact_id_seq}
     * (the default figures' goldens pin the ids): organisations and their parents, projects and their repositories,
     * steward periods, license periods, governance and funding events, openness ratings, derivatives. The
     * organisation and project rows are the stable ids (not versioned), inserted before the facts that name them.
     */
    private static Map<String, Long> write(Connection c, JsonNode data, JsonNode periods, Map<String, Integer> counts)
            throws SQLException {
        Map<String, Long> orgs = insertKeys(c, "organisation", "key", data.path("organisations"));
        VersionedRows.Batch organisations = ORGANISATION_VERSIONS.batch();
        for (JsonNode o : data.path("organisations")) {
            organisations.add(orgs.get(o.path("key").asText()), source(o), null,
                    o.path("name").asText(), o.path("type").asText(), textArray(o.path("domains")), text(o, "note"));
        }
        organisations.write(c);
        counts.put("organisations", orgs.size());
        VersionedRows.Batch parents = ORGANISATION_PARENTS.batch();
        for (JsonNode o : data.path("organisations")) {
            if (o.hasNonNull("parent")) {
                JsonNode period = periods.path(o.path("key").asText());
                LocalDate from = period.hasNonNull("from") ? LocalDate.parse(period.path("from").asText()) : null;
                parents.add(null, source(o), null, orgs.get(o.path("key").asText()), org(orgs, o.path("parent").asText()), from);
            }
        }
        parents.write(c);
        counts.put("organisationParents", parents.versions());

        Map<String, Long> projects = insertKeys(c, "project", "slug", data.path("projects"));
        VersionedRows.Batch projectVersions = PROJECT_VERSIONS.batch();
        VersionedRows.Batch repositories = PROJECT_REPOSITORIES.batch();
        int forks = 0;
        for (JsonNode p : data.path("projects")) {
            long id = projects.get(p.path("key").asText());
            // A fork's link to its upstream (METHODOLOGY.md section 7, "Forks"): the project's upstream, fork point commit
            // and date. The git collector then reads the fork's repository after the fork point: the upstream's history is
            // not the fork's work. Every project has its id before any version is written (an upstream may follow its fork).
            boolean fork = p.hasNonNull("upstream");
            projectVersions.add(id, source(p), null, p.path("name").asText(), p.path("kind").asText(), p.path("origin").asText(),
                    text(p, "description"), fork ? project(projects, p.path("upstream").asText()) : null,
                    fork ? text(p, "fork_point_commit") : null,
                    fork && p.hasNonNull("fork_point_date") ? LocalDate.parse(p.path("fork_point_date").asText()) : null);
            forks += fork ? 1 : 0;
            if (p.hasNonNull("repository")) {
                String url = p.path("repository").asText();
                repositories.add(null, source(p), null, id, url, repositoryRole(url));
            }
        }
        projectVersions.write(c);
        repositories.write(c);
        counts.put("projects", projects.size());
        counts.put("forks", forks);
        counts.put("stewardPeriods", insertStewards(c, data, orgs, projects));

        VersionedRows.Batch licenses = LICENSE_PERIODS.batch();
        for (JsonNode l : licensesBeforeFirstChange(data.path("license_events"))) {
            // METHODOLOGY.md section 2: the `from` of an artifact's first recorded change is a fact too (MongoDB was
            // AGPL-3.0 before SSPL-1.0). It held up to the day before the change; when it started is not recorded,
            // so nothing is stated before that day.
            Dated change = Dated.of(l);
            licenses.add(null, source(l), null, project(projects, l.path("project").asText()), l.path("artifact").asText(),
                    l.path("from").asText(), change.day().minusDays(1), "day", "initial", initialNote(l), artifactName(l));
        }
        for (JsonNode l : data.path("license_events")) {
            Dated date = Dated.of(l);
            licenses.add(null, source(l), null, project(projects, l.path("project").asText()), l.path("artifact").asText(),
                    l.path("to").asText(), date.day(), date.precision(), l.path("change_kind").asText(), text(l, "note"),
                    artifactName(l));
        }
        licenses.write(c);
        counts.put("licensePeriods", licenses.versions());

        VersionedRows.Batch governance = GOVERNANCE_EVENTS.batch();
        for (JsonNode g : data.path("governance_events")) {
            Dated date = Dated.of(g);
            governance.add(null, source(g), null, project(projects, g.path("project").asText()), g.path("kind").asText(),
                    date.day(), date.precision(), fromOrganisation(g, orgs), toOrganisation(g, orgs), text(g, "note"));
        }
        governance.write(c);
        counts.put("governanceEvents", governance.versions());

        VersionedRows.Batch funding = FUNDING_EVENTS.batch();
        for (JsonNode f : data.path("funding_events")) {
            Dated date = Dated.of(f);
            String type = f.path("type").asText();
            boolean periodic = type.equals("membership") || type.equals("sponsorship");
            String currency = text(f, "currency");
            funding.add(null, source(f), null,
                    org(orgs, f.path("recipient").asText()), org(orgs, f.path("funder").asText()), type,
                    f.hasNonNull("amount") ? f.path("amount").decimalValue() : null,
                    f.hasNonNull("amount") || f.hasNonNull("reported_amount") ? currency : null,
                    text(f, "amount_scope"),
                    f.hasNonNull("reported_amount") ? f.path("reported_amount").decimalValue() : null,
                    f.hasNonNull("reported_amount") ? currency : null,
                    date.day(), date.precision(), periodic ? date.day() : null, text(f, "note"));
        }
        funding.write(c);
        counts.put("fundingEvents", funding.versions());

        // METHODOLOGY.md section 6: the openness ratings of the European Open Source AI Index and the Model Openness
        // Tool, imported facts (source kind import) with their rater, licence and citation (ops/openness/ratings.py).
        VersionedRows.Batch ratings = OPENNESS_RATINGS.batch();
        for (JsonNode r : data.path("openness_ratings")) {
            ratings.add(null, source(SourceKind.IMPORT, r), null, project(projects, r.path("project").asText()),
                    r.path("component").asText(), r.path("rater").asText(), r.path("status").asText(), text(r, "note"));
        }
        ratings.write(c);
        counts.put("opennessRatings", ratings.versions());
        VersionedRows.Batch derivatives = DERIVATIVES.batch();
        for (JsonNode v : data.path("derivatives")) {
            // Issue #23: the compost heap of the default models, each derivative as its Hub page states it.
            derivatives.add(null, source(v), null,
                    project(projects, v.path("project").asText()), v.path("derived_name").asText(), v.path("relation").asText(),
                    v.hasNonNull("publisher") ? org(orgs, v.path("publisher").asText()) : null, text(v, "publisher_name"),
                    v.hasNonNull("published") ? LocalDate.parse(v.path("published").asText()) : null, text(v, "base_name"),
                    text(v, "base_artifact"));
        }
        derivatives.write(c);
        counts.put("derivatives", derivatives.versions());
        return projects;
    }

    /** Inserts the stable ids (organisation or project rows, not versioned) of the records' keys, in their order. */
    private static Map<String, Long> insertKeys(Connection c, String table, String keyColumn, JsonNode records) throws SQLException {
        List<String> keys = new ArrayList<>();
        records.forEach(r -> keys.add(r.path("key").asText()));
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("insert into " + table + " (" + keyColumn + ")"
                + " select t.key from unnest(cast(? as text[])) with ordinality as t(key, position) order by t.position"
                + " returning " + keyColumn + ", id")) {
            s.setArray(1, c.createArrayOf("text", keys.toArray(String[]::new)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return ids;
    }

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

    /**
     * Steward periods: each project's current steward, from its last foundation-transfer (if any);
     * before each transfer, the organisation it came from. Without a transfer the start is open.
     */
    private static int insertStewards(Connection c, JsonNode data, Map<String, Long> orgs, Map<String, Long> projects)
            throws SQLException {
        VersionedRows.Batch stewards = PROJECT_STEWARDS.batch();
        Map<String, List<JsonNode>> transfers = new HashMap<>();
        for (JsonNode g : data.path("governance_events")) {
            if (g.path("kind").asText().equals("foundation-transfer")) {
                transfers.computeIfAbsent(g.path("project").asText(), k -> new ArrayList<>()).add(g);
            }
        }
        for (JsonNode p : data.path("projects")) {
            long projectId = projects.get(p.path("key").asText());
            List<JsonNode> moves = new ArrayList<>(transfers.getOrDefault(p.path("key").asText(), List.of()));
            moves.sort(Comparator.comparing(g -> Dated.of(g).day()));
            LocalDate start = null;
            for (JsonNode move : moves) {
                LocalDate day = Dated.of(move).day();
                if (move.hasNonNull("from_org")) {
                    stewards.add(null, source(move), null, projectId, org(orgs, move.path("from_org").asText()), start,
                            day.minusDays(1));
                }
                start = day;
            }
            JsonNode basis = moves.isEmpty() ? p : moves.get(moves.size() - 1);
            stewards.add(null, source(basis), null, projectId, org(orgs, p.path("steward").asText()), start, null);
        }
        stewards.write(c);
        return stewards.versions();
    }

    /** A Hugging Face repository holds weights (or data); a code forge holds code. */
    static String repositoryRole(String url) {
        if (url.startsWith("https://huggingface.co/datasets/")) {
            return "data";
        }
        return url.startsWith("https://huggingface.co/") ? "weights" : "code";
    }

    /** The provenance of a dataset record: its source, note, quote and confidence, of source kind reference-dataset. */
    private static FactSource source(JsonNode record) {
        return source(SourceKind.REFERENCE_DATASET, record);
    }

    /** The same, for a fact of another source kind the dataset carries (imported openness ratings). */
    private static FactSource source(SourceKind kind, JsonNode record) {
        return new FactSource(kind, record.path("source").asText(), sourceNote(record), quote(record),
                Confidence.of(record.path("confidence").asText()));
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
