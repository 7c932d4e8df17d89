package io.counterpower.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A new version of the default dataset reaching an instance that holds an older one (issue #20
 * part 5): its differences are recorded as corrections, never as a silent rewrite. A fact of the
 * dataset whose values or source changed gets a new version with the reason ("default dataset
 * 2026-12-07: source replaced"), which the errata feed ({@code /api/v1/changes}) shows; a fact the
 * new version no longer holds is closed with its reason; a new one is recorded. Facts a curator has
 * changed since (their current version is not the dataset's) are left to the curator, and facts
 * that did not change are not touched, so their data version does not move.
 *
 * <p>Reconciled: organisations, projects, license periods, governance events, funding events and derivatives,
 * matched by their natural keys (an organisation's or project's key; a license period's project,
 * artifact, start and kind; a governance event's project, kind and date; a funding event's
 * recipient, funder, type and date), the imported openness ratings (model, component and rater;
 * source kind import; added, corrected, and closed when a version drops one that the dataset itself recorded), and the recorded derivatives
 * (a derivative's base project, name and relation). Parent links, repositories and steward periods, which the
 * loader derives, are not reconciled (docs/decisions.md).
 */
@ApplicationScoped
class ReferenceDatasetUpgrade {
    /** The version of an organisation new in a dataset version, as the loader writes it. */
    private static final VersionedRows.Table ORGANISATION_VERSIONS = VersionedRows.Table.of("organisation_version",
            VersionedRows.text("name"), VersionedRows.text("type"), VersionedRows.textArray("domains"), VersionedRows.text("note"));

    /** The SQL type of every column a new fact of the reconciled tables is written with (natural key and values). */
    private static final Map<String, VersionedRows.Column> COLUMNS = columns(
            VersionedRows.bigint("project_id"), VersionedRows.text("artifact"), VersionedRows.text("artifact_name"),
            VersionedRows.date("valid_from"), VersionedRows.text("change_kind"), VersionedRows.text("expression"),
            VersionedRows.text("date_precision"), VersionedRows.text("note"), VersionedRows.text("kind"),
            VersionedRows.date("event_date"), VersionedRows.bigint("from_organisation_id"), VersionedRows.bigint("to_organisation_id"),
            VersionedRows.bigint("recipient_organisation_id"), VersionedRows.bigint("funder_organisation_id"),
            VersionedRows.text("type"), VersionedRows.numeric("amount"), VersionedRows.text("currency"),
            VersionedRows.text("amount_scope"), VersionedRows.numeric("reported_amount"), VersionedRows.text("reported_currency"),
            VersionedRows.date("period_from"), VersionedRows.text("component"), VersionedRows.text("rater"),
            VersionedRows.text("status"), VersionedRows.text("derived_name"), VersionedRows.text("relation"),
            VersionedRows.bigint("publisher_organisation_id"), VersionedRows.text("publisher_name"),
            VersionedRows.date("published_at"), VersionedRows.text("base_name"), VersionedRows.text("base_artifact"));

    private static Map<String, VersionedRows.Column> columns(VersionedRows.Column... columns) {
        Map<String, VersionedRows.Column> byName = new HashMap<>();
        for (VersionedRows.Column column : columns) {
            byName.put(column.name(), column);
        }
        return Map.copyOf(byName);
    }

    /** Columns every version carries that are bookkeeping, not the fact. */
    private static final Set<String> BOOKKEEPING = Set.of("row_id", "recorded_at", "superseded_at", "recorded_by", "change_reason");

    /** The fact's id and the provenance columns, which a new version takes from the dataset (FactSource). */
    private static final Set<String> PROVENANCE = Set.of("id", "source_kind", "source_url", "source_note", "confidence", "source_quote");

    /** What an upgrade did. */
    record Result(String from, String to, int corrected, int closed, int added, int keptAsCurated) {
    }

    /** One fact as a version of the dataset states it. */
    record Expected(String table, String kind, Long projectId, String label, Map<String, Object> key, Map<String, Object> values,
                    String sourceUrl, String sourceNote, String sourceQuote, String confidence, String sourceKind) {
        String naturalKey() {
            return table + new TreeMap<>(key).toString();
        }
    }

    @Inject
    EntityManager em;
    @Inject
    ChangeLog changes;
    /** Domains the new version adds to or takes from an organisation: their work is attributed anew after the commit. */
    @Inject
    jakarta.enterprise.event.Event<io.counterpower.common.fact.DomainsChanged> domainsChanged;

    /**
     * Applies {@code data} when it is newer than the version the instance holds (dataset_load);
     * an instance without the dataset, or with the same or a newer version, is left as it is.
     */
    @Transactional
    Result applyIfNewer(JsonNode data) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, ReferenceDataset.LOCK_KEY).getSingleResult();
        List<?> held = em.createNativeQuery("select version from dataset_load where name = ?1")
                .setParameter(1, ReferenceDataset.NAME).getResultList();
        String to = data.path("version").asText();
        if (held.isEmpty()) {
            return new Result(null, to, 0, 0, 0, 0);
        }
        String from = (String) held.get(0);
        if (compareVersions(to, from) <= 0) {
            return new Result(from, to, 0, 0, 0, 0);
        }
        String prefix = "default dataset " + to + ": ";
        int[] added = {0};
        Set<String> changedDomains = new java.util.TreeSet<>();
        Map<String, Long> orgs = ids("select key, id from organisation");
        for (JsonNode o : data.path("organisations")) {
            if (!orgs.containsKey(o.path("key").asText())) {
                long id = ((Number) em.createNativeQuery("insert into organisation (key) values (?1) returning id")
                        .setParameter(1, o.path("key").asText()).getSingleResult()).longValue();
                orgs.put(o.path("key").asText(), id);
                VersionedRows.Batch version = ORGANISATION_VERSIONS.batch().add(id,
                        new FactSource(SourceKind.REFERENCE_DATASET, o.path("source").asText(), ReferenceDataset.sourceNote(o),
                                ReferenceDataset.quote(o), Confidence.of(o.path("confidence").asText())),
                        prefix + "added", o.path("name").asText(), o.path("type").asText(), domains(o.path("domains")), text(o, "note"));
                em.unwrap(Session.class).doWork(version::write);
                changes.record(ChangeLog.GLOBAL, "create", "organisation", String.valueOf(id), null,
                        Map.of("key", o.path("key").asText()), prefix + "added");
                changedDomains.addAll(domainSet(domains(o.path("domains"))));
                added[0]++;
            }
        }
        Map<String, Long> projects = ids("select slug, id from project");
        List<Expected> expected = expected(data, orgs, projects);
        Set<String> stated = new HashSet<>();
        int corrected = 0, kept = 0;
        for (Expected e : expected) {
            stated.add(e.naturalKey());
            Map<String, Object> current = current(e);
            if (current == null) {
                if (!e.table().endsWith("_version")) {
                    insert(e, prefix + "added");
                    added[0]++;
                }
                continue;
            }
            if (!e.sourceKind().equals(current.get("source_kind"))) {
                kept++;
                continue;
            }
            List<String> changed = differences(e, current);
            if (!changed.isEmpty()) {
                if (changed.contains("domains corrected")) {
                    changedDomains.addAll(io.counterpower.common.fact.DomainsChanged.between(
                            domainSet((String) current.get("domains")), domainSet((String) e.values().get("domains"))).domains());
                }
                String reason = prefix + String.join(", ", changed);
                supersede(e, current, reason);
                corrected++;
            }
        }
        int closed = closeWithdrawn(expected, stated, prefix + "withdrawn from the dataset");
        em.createNativeQuery("update dataset_load set version = ?2, loaded_at = now() where name = ?1")
                .setParameter(1, ReferenceDataset.NAME).setParameter(2, to).executeUpdate();
        domainsChanged.fire(new io.counterpower.common.fact.DomainsChanged(changedDomains));
        Result result = new Result(from, to, corrected, closed, added[0], kept);
        changes.audit("import", "dataset", ReferenceDataset.NAME, Map.of("version", from), Map.of("version", to, "corrected", corrected,
                "closed", closed, "added", added[0], "keptAsCurated", kept), "default dataset " + to + " shipped with this release");
        Log.infof("Default dataset %s -> %s: %d facts corrected, %d closed, %d added, %d left as curators changed them",
                from, to, corrected, closed, added[0], kept);
        return result;
    }

    /** Compares dataset versions part by part as numbers ("2026-11-25" < "2026.12.2"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\D+");
        String[] y = b.split("\\D+");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length && !x[i].isEmpty() ? Long.parseLong(x[i]) : 0;
            long q = i < y.length && !y[i].isEmpty() ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** The facts a version of the dataset states, with the values the loader records (ReferenceDataset). */
    static List<Expected> expected(JsonNode data, Map<String, Long> orgs, Map<String, Long> projects) {
        List<Expected> out = new ArrayList<>();
        for (JsonNode o : data.path("organisations")) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", o.path("name").asText());
            values.put("type", o.path("type").asText());
            values.put("domains", domains(o.path("domains")));
            values.put("note", text(o, "note"));
            out.add(of("organisation_version", "organisation", null, o.path("key").asText(),
                    Map.of("id", orgs.get(o.path("key").asText())), values, o));
        }
        for (JsonNode p : data.path("projects")) {
            Long id = projects.get(p.path("key").asText());
            if (id == null) {
                continue; // a project new in this version: not added here (its repository and steward are derived at load)
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", p.path("name").asText());
            values.put("kind", p.path("kind").asText());
            values.put("origin", p.path("origin").asText());
            values.put("description", text(p, "description"));
            // A fork's link (upstream, fork point): a dataset that adds it corrects the project's record.
            values.put("upstream_project_id", p.hasNonNull("upstream") ? String.valueOf(projects.get(p.path("upstream").asText())) : null);
            values.put("fork_point_commit", text(p, "fork_point_commit"));
            values.put("fork_point_date", text(p, "fork_point_date"));
            out.add(of("project_version", "project", id, p.path("key").asText(), Map.of("id", id), values, p));
        }
        for (JsonNode l : ReferenceDataset.licensesBeforeFirstChange(data.path("license_events"))) {
            ReferenceDataset.Dated change = ReferenceDataset.Dated.of(l);
            Long project = projects.get(l.path("project").asText());
            if (project == null) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("expression", l.path("from").asText());
            values.put("date_precision", "day");
            values.put("note", ReferenceDataset.initialNote(l));
            out.add(of("license_period", "license-period", project, l.path("project").asText(),
                    key("project_id", project, "artifact", l.path("artifact").asText(),
                            "artifact_name", ReferenceDataset.artifactName(l), "valid_from", change.day().minusDays(1),
                            "change_kind", "initial"), values, l));
        }
        for (JsonNode l : data.path("license_events")) {
            ReferenceDataset.Dated date = ReferenceDataset.Dated.of(l);
            Long project = projects.get(l.path("project").asText());
            if (project == null) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("expression", l.path("to").asText());
            values.put("date_precision", date.precision());
            values.put("note", text(l, "note"));
            out.add(of("license_period", "license-period", project, l.path("project").asText(),
                    key("project_id", project, "artifact", l.path("artifact").asText(),
                            "artifact_name", ReferenceDataset.artifactName(l), "valid_from", date.day(),
                            "change_kind", l.path("change_kind").asText()), values, l));
        }
        for (JsonNode g : data.path("governance_events")) {
            ReferenceDataset.Dated date = ReferenceDataset.Dated.of(g);
            Long project = projects.get(g.path("project").asText());
            if (project == null) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("date_precision", date.precision());
            values.put("from_organisation_id", ReferenceDataset.fromOrganisation(g, orgs));
            values.put("to_organisation_id", ReferenceDataset.toOrganisation(g, orgs));
            values.put("note", text(g, "note"));
            out.add(of("governance_event", "governance-event", project, g.path("project").asText(),
                    key("project_id", project, "kind", g.path("kind").asText(), "event_date", date.day()), values, g));
        }
        for (JsonNode f : data.path("funding_events")) {
            ReferenceDataset.Dated date = ReferenceDataset.Dated.of(f);
            String type = f.path("type").asText();
            boolean periodic = type.equals("membership") || type.equals("sponsorship");
            String currency = text(f, "currency");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("amount", f.hasNonNull("amount") ? f.path("amount").decimalValue() : null);
            values.put("currency", f.hasNonNull("amount") || f.hasNonNull("reported_amount") ? currency : null);
            values.put("amount_scope", text(f, "amount_scope"));
            values.put("reported_amount", f.hasNonNull("reported_amount") ? f.path("reported_amount").decimalValue() : null);
            values.put("reported_currency", f.hasNonNull("reported_amount") ? currency : null);
            values.put("date_precision", date.precision());
            values.put("period_from", periodic ? date.day() : null);
            values.put("note", text(f, "note"));
            out.add(of("funding_event", "funding-event", null, f.path("recipient").asText(),
                    key("recipient_organisation_id", orgs.get(f.path("recipient").asText()),
                            "funder_organisation_id", orgs.get(f.path("funder").asText()), "type", type, "event_date", date.day()),
                    values, f));
        }
        // Imported openness ratings (METHODOLOGY.md section 6): one per model, component and rater, of source kind import.
        for (JsonNode r : data.path("openness_ratings")) {
            Long project = projects.get(r.path("project").asText());
            if (project == null) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("status", r.path("status").asText());
            values.put("note", text(r, "note"));
            Expected rating = of("openness_component", "openness-component", project, r.path("project").asText(),
                    key("project_id", project, "component", r.path("component").asText(), "rater", r.path("rater").asText()),
                    values, r);
            out.add(new Expected(rating.table(), rating.kind(), rating.projectId(), rating.label(), rating.key(), rating.values(),
                    rating.sourceUrl(), rating.sourceNote(), rating.sourceQuote(), rating.confidence(), "import"));
        }
        // Issue #23: the recorded derivatives of the default models (the compost heap).
        for (JsonNode v : data.path("derivatives")) {
            Long project = projects.get(v.path("project").asText());
            if (project == null) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("publisher_organisation_id", v.hasNonNull("publisher") ? orgs.get(v.path("publisher").asText()) : null);
            values.put("publisher_name", text(v, "publisher_name"));
            values.put("published_at", v.hasNonNull("published") ? java.time.LocalDate.parse(v.path("published").asText()) : null);
            values.put("base_name", text(v, "base_name"));
            values.put("base_artifact", text(v, "base_artifact"));
            out.add(of("derivative", "derivative", project, v.path("project").asText(),
                    key("project_id", project, "derived_name", v.path("derived_name").asText(), "relation", v.path("relation").asText()),
                    values, v));
        }
        return out;
    }

    private static Expected of(String table, String kind, Long projectId, String label, Map<String, Object> key,
                               Map<String, Object> values, JsonNode record) {
        return new Expected(table, kind, projectId, label, key, values, record.path("source").asText(),
                ReferenceDataset.sourceNote(record), ReferenceDataset.quote(record), record.path("confidence").asText(),
                "reference-dataset");
    }

    private static Map<String, Object> key(Object... pairs) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            key.put((String) pairs[i], pairs[i + 1]);
        }
        return key;
    }

    /** The current version of the fact, its values read as text (null when there is none). */
    private Map<String, Object> current(Expected e) {
        StringBuilder sql = new StringBuilder("select row_id, id, source_kind, source_url, source_note, confidence, source_quote");
        e.values().keySet().forEach(column -> sql.append(", cast(").append(column).append(" as text)"));
        sql.append(" from ").append(e.table()).append(" where superseded_at is null");
        List<Object> parameters = new ArrayList<>();
        e.key().forEach((column, value) -> {
            parameters.add(value);
            sql.append(" and ").append(column).append(" = ?").append(parameters.size());
        });
        sql.append(" order by row_id limit 1");
        Query q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            q.setParameter(i + 1, parameters.get(i));
        }
        List<?> rows = q.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("row_id", ((Number) row[0]).longValue());
        current.put("id", ((Number) row[1]).longValue());
        current.put("source_kind", row[2]);
        current.put("source_url", row[3]);
        current.put("source_note", row[4]);
        current.put("confidence", row[5]);
        current.put("source_quote", row[6]);
        int i = 7;
        for (String column : e.values().keySet()) {
            current.put(column, row[i++]);
        }
        return current;
    }

    /** What changed, in words for the reason: "source replaced", "confidence verified -> reported", "expression corrected". */
    private static List<String> differences(Expected e, Map<String, Object> current) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(e.sourceUrl(), current.get("source_url"))) {
            changed.add("source replaced");
        } else if (!Objects.equals(e.sourceNote(), current.get("source_note"))) {
            changed.add("source note corrected");
        }
        if (!Objects.equals(e.sourceQuote(), current.get("source_quote"))) {
            changed.add(current.get("source_quote") == null ? "quote added" : e.sourceQuote() == null ? "quote removed" : "quote corrected");
        }
        if (!Objects.equals(e.confidence(), current.get("confidence"))) {
            changed.add("confidence " + current.get("confidence") + " -> " + e.confidence());
        }
        e.values().forEach((column, value) -> {
            if (!same(value, (String) current.get(column))) {
                changed.add(column.replace('_', ' ') + " corrected");
            }
        });
        return changed;
    }

    private static boolean same(Object expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (expected instanceof BigDecimal amount) {
            return amount.compareTo(new BigDecimal(actual)) == 0;
        }
        return expected.toString().equals(actual);
    }

    /**
     * Closes the current version and records the dataset's as the fact's next one, with the reason. The new version
     * copies the columns the dataset does not state (a curator's homepage or aliases, a period's end, a level), read
     * as text and cast back to their types, and takes the dataset's values and source.
     */
    private void supersede(Expected e, Map<String, Object> current, String reason) {
        long oldRow = (Long) current.get("row_id");
        Map<String, String> types = valueColumns(e.table());
        java.util.StringJoiner read = new java.util.StringJoiner(", ", "select ", " from " + e.table() + " where row_id = ?1");
        types.keySet().forEach(column -> read.add("cast(" + column + " as text)"));
        Object result = em.createNativeQuery(read.toString()).setParameter(1, oldRow).getSingleResult();
        Object[] copied = result instanceof Object[] row ? row : new Object[] {result};
        List<VersionedRows.Column> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> column : types.entrySet()) {
            columns.add(VersionedRows.cast(column.getKey(), column.getValue()));
            values.add(e.values().containsKey(column.getKey()) ? e.values().get(column.getKey()) : copied[i]);
            i++;
        }
        VersionedRows.Batch version = new VersionedRows.Table(e.table(), columns).batch().supersede(oldRow)
                .add((Long) current.get("id"), new FactSource(SourceKind.of((String) current.get("source_kind")), e.sourceUrl(),
                        e.sourceNote(), e.sourceQuote(), Confidence.of(e.confidence())), reason, values.toArray());
        em.unwrap(Session.class).doWork(version::write);
        changes.record(scope(e), "update", e.kind(), String.valueOf(current.get("id")), view(e, current), view(e, null), reason);
    }

    /** A fact new in this version. */
    private void insert(Expected e, String reason) {
        List<VersionedRows.Column> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>(e.key().values());
        values.addAll(e.values().values());
        e.key().keySet().forEach(column -> columns.add(COLUMNS.get(column)));
        e.values().keySet().forEach(column -> columns.add(COLUMNS.get(column)));
        VersionedRows.Batch fact = new VersionedRows.Table(e.table(), columns).batch().add(null,
                new FactSource(SourceKind.of(e.sourceKind()), e.sourceUrl(), e.sourceNote(), e.sourceQuote(), Confidence.of(e.confidence())),
                reason, values.toArray());
        long id = em.unwrap(Session.class).doReturningWork(fact::writeReturningIds).get(0);
        changes.record(scope(e), "create", e.kind(), String.valueOf(id), null, view(e, null), reason);
    }

    /**
     * Which current rows of a table are the dataset's own, so that a version that no longer states one closes it. An
     * imported openness rating has source kind import like a curator's import of the same rater; the dataset's are
     * those no API key recorded and whose reason, if any, is an earlier upgrade's ("default dataset ...: added").
     */
    static final Map<String, String> DATASET_ROWS = Map.of(
            "license_period", "source_kind = 'reference-dataset'",
            "governance_event", "source_kind = 'reference-dataset'",
            "funding_event", "source_kind = 'reference-dataset'",
            "derivative", "source_kind = 'reference-dataset'",
            "openness_component", "source_kind = 'import' and rater is not null and recorded_by is null"
                    + " and (change_reason is null or change_reason like 'default dataset %')");

    /** Closes the dataset's license periods, governance and funding events, derivatives and imported ratings that this version no longer states. */
    private int closeWithdrawn(List<Expected> expected, Set<String> stated, String reason) {
        Map<String, String> projectSlugs = new HashMap<>();
        ids("select slug, id from project").forEach((slug, id) -> projectSlugs.put(String.valueOf(id), slug));
        int closed = 0;
        Map<String, List<String>> keyColumns = Map.of(
                "license_period", List.of("project_id", "artifact", "artifact_name", "valid_from", "change_kind"),
                "governance_event", List.of("project_id", "kind", "event_date"),
                "funding_event", List.of("recipient_organisation_id", "funder_organisation_id", "type", "event_date"),
                "derivative", List.of("project_id", "derived_name", "relation"),
                "openness_component", List.of("project_id", "component", "rater"));
        Map<String, String> kinds = Map.of("license_period", "license-period", "governance_event", "governance-event",
                "funding_event", "funding-event", "derivative", "derivative", "openness_component", "openness-component");
        for (Map.Entry<String, List<String>> table : keyColumns.entrySet()) {
            List<String> key = table.getValue();
            StringBuilder sql = new StringBuilder("select row_id, id");
            key.forEach(column -> sql.append(", cast(").append(column).append(" as text)"));
            sql.append(" from ").append(table.getKey())
                    .append(" where superseded_at is null and ").append(DATASET_ROWS.get(table.getKey())).append(" order by row_id");
            for (Object r : em.createNativeQuery(sql.toString()).getResultList()) {
                Object[] row = (Object[]) r;
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < key.size(); i++) {
                    values.put(key.get(i), row[i + 2]);
                }
                if (stated.contains(table.getKey() + textKey(values))) {
                    continue;
                }
                VersionedRows.Batch close = new VersionedRows.Table(table.getKey(), List.of()).batch().supersede(((Number) row[0]).longValue());
                em.unwrap(Session.class).doWork(close::write);
                Map<String, Object> before = new LinkedHashMap<>(values);
                Object project = values.get("project_id");
                if (project != null) {
                    before.put("project", projectSlugs.get(project.toString()));
                }
                String scope = project == null ? ChangeLog.GLOBAL : ChangeLog.projectScope(Long.parseLong(project.toString()));
                changes.record(scope, "close", kinds.get(table.getKey()), String.valueOf(((Number) row[1]).longValue()), before, null, reason);
                closed++;
            }
        }
        return closed;
    }

    /** A natural key as {@link Expected#naturalKey()} writes it, from values read as text. */
    private static String textKey(Map<String, Object> values) {
        return new TreeMap<>(values).toString();
    }

    /** The fact as the errata feed shows it: its project, values and source. */
    private static Map<String, Object> view(Expected e, Map<String, Object> current) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (e.projectId() != null) {
            view.put("project", e.label());
        } else {
            view.put("key", e.label());
        }
        e.key().forEach((column, value) -> {
            if (!column.endsWith("id")) {
                view.put(column, String.valueOf(value));
            }
        });
        e.values().forEach((column, value) -> view.put(column, current == null ? (value == null ? null : value.toString()) : current.get(column)));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("url", current == null ? e.sourceUrl() : current.get("source_url"));
        source.put("note", current == null ? e.sourceNote() : current.get("source_note"));
        source.put("quote", current == null ? e.sourceQuote() : current.get("source_quote"));
        source.put("confidence", current == null ? e.confidence() : current.get("confidence"));
        view.put("source", source);
        return view;
    }

    private static String scope(Expected e) {
        return e.projectId() == null ? ChangeLog.GLOBAL : ChangeLog.projectScope(e.projectId());
    }

    /**
     * The value columns of a versioned table and their SQL types, in table order: every stored column but the
     * fact's id, the provenance a version is given anew and the bookkeeping.
     */
    private Map<String, String> valueColumns(String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Object r : em.createNativeQuery("""
                        select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a
                        where a.attrelid = cast(?1 as regclass) and a.attnum > 0 and not a.attisdropped
                          and a.attgenerated = '' and a.attidentity = ''
                        order by a.attnum""").setParameter(1, table).getResultList()) {
            Object[] row = (Object[]) r;
            String column = (String) row[0];
            if (!BOOKKEEPING.contains(column) && !PROVENANCE.contains(column)) {
                columns.put(column, (String) row[1]);
            }
        }
        return columns;
    }

    private Map<String, Long> ids(String sql) {
        Map<String, Long> ids = new HashMap<>();
        for (Object r : em.createNativeQuery(sql).getResultList()) {
            Object[] row = (Object[]) r;
            ids.put((String) row[0], ((Number) row[1]).longValue());
        }
        return ids;
    }

    /** The domains of a text[] literal ("{a.org,b.org}"). */
    static Set<String> domainSet(String literal) {
        if (literal == null || literal.length() < 2) {
            return Set.of();
        }
        Set<String> out = new java.util.TreeSet<>();
        for (String d : literal.substring(1, literal.length() - 1).split(",")) {
            if (!d.isBlank()) {
                out.add(d.replace("\"", "").trim());
            }
        }
        return out;
    }

    /** Domains as the loader stores them and PostgreSQL writes them back: lower-case, as a text[] literal. */
    static String domains(JsonNode array) {
        StringBuilder sb = new StringBuilder("{");
        for (JsonNode item : array) {
            sb.append(sb.length() > 1 ? "," : "").append(item.asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", ""));
        }
        return sb.append('}').toString();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }
}
