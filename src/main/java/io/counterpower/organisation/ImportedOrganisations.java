package io.counterpower.organisation;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.db.SequenceIds;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.VersionedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The organisations an enrolment import names (gitdm, SortingHat, CSV), matched to recorded ones by key, alias or
 * name, case-insensitively, then by email domain; the others are recorded as new organisations in one batch, never as
 * a near-duplicate of a recorded one (issue 17).
 */
@ApplicationScoped
public class ImportedOrganisations {
    /** A new organisation's first version as an import records it: typed company (see IMPORT_TYPE_NOTE). */
    private static final VersionedRows.Table VERSIONS = VersionedRows.Table.of("organisation_version",
            VersionedRows.text("name"), VersionedRows.text("type"), VersionedRows.textArray("domains"));

    @Inject
    EntityManager em;
    @Inject
    ChangeLog changes;

    /** An organisation as an import names it: a name (or key) and the email domains the file gives it. */
    public record Named(String name, List<String> domains) {
    }

    /** The organisation each name of an import stands for, and those created for it (name -> key, in order). */
    public record Matched(Map<Named, Long> ids, Map<String, String> created) {
    }

    /**
     * The current organisation each imported name refers to: by key, by name or alias (ignoring
     * case), or by one of the email domains given, in that order; names that match nothing are
     * recorded as new organisations (typed company: see IMPORT_TYPE_NOTE). The recorded organisations
     * are looked up for all names at once; then the names are taken in the order given, so that a
     * later name matches an organisation an earlier one created, as if they were matched one by one.
     */
    public Matched matchOrCreate(List<Named> names, FactWrite write) {
        List<String> trimmed = names.stream().map(n -> n.name() == null ? "" : n.name().trim()).distinct().toList();
        List<String> domains = names.stream().flatMap(n -> n.domains().stream()).map(OrganisationService::normaliseDomain).distinct().toList();
        // Keys match whatever the case ("Google" names the organisation google): an import never
        // creates google-2 beside google (issue 17).
        Map<String, Long> byKey = lookup("""
                select t.name, min(h.id) from unnest(cast(?1 as text[])) as t(name)
                join organisation h on lower(h.key) = lower(t.name)
                where exists (select 1 from organisation_version v where v.id = h.id and v.superseded_at is null)
                group by t.name""", trimmed);
        Map<String, Long> byName = lookup("""
                select t.name, min(n.id) from unnest(cast(?1 as text[])) as t(name)
                join (select lower(v.name) as name, v.id from organisation_version v where v.superseded_at is null
                      union all
                      select lower(a.alias), v.id from organisation_version v, unnest(v.aliases) as a(alias) where v.superseded_at is null) n
                  on n.name = lower(t.name)
                group by t.name""", trimmed);
        Map<String, Long> byDomain = lookup("""
                select d.domain, min(v.id) from unnest(cast(?1 as text[])) as d(domain)
                join organisation_version v on v.superseded_at is null and v.domains @> array[d.domain]
                group by d.domain""", domains);
        // Keys of every organisation ever recorded that a new one's key could collide with (closed ones too).
        List<String> bases = trimmed.stream().map(ImportedOrganisations::importKeyBase).distinct().toList();
        Set<String> takenKeys = new HashSet<>(lookup("""
                select h.key, h.id from organisation h
                where h.key = any(cast(?1 as text[])) or substring(h.key from '^(.*)-[0-9]+$') = any(cast(?1 as text[]))""", bases).keySet());
        Map<Named, Long> ids = new HashMap<>();
        Map<String, String> created = new LinkedHashMap<>();
        Map<String, Long> createdByKey = new HashMap<>();
        Map<String, Long> createdByName = new HashMap<>();
        Map<String, Long> createdByDomain = new HashMap<>();
        List<OrganisationVersion> newVersions = new ArrayList<>();
        List<String> newKeys = new ArrayList<>();
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            SequenceIds organisationIds = new SequenceIds(c, "organisation");
            for (Named named : names) {
                if (ids.containsKey(named)) {
                    continue;
                }
                String n = named.name() == null ? "" : named.name().trim();
                Long id = byKey.getOrDefault(n, createdByKey.get(n));
                if (id == null) {
                    id = byName.get(n);
                }
                if (id == null) {
                    id = createdByName.get(n.toLowerCase(Locale.ROOT));
                }
                for (int i = 0; id == null && i < named.domains().size(); i++) {
                    String d = OrganisationService.normaliseDomain(named.domains().get(i));
                    id = byDomain.getOrDefault(d, createdByDomain.get(d));
                }
                if (id == null) {
                    String base = importKeyBase(n);
                    String key = base;
                    for (int i = 2; takenKeys.contains(key); i++) {
                        key = base + "-" + i;
                    }
                    takenKeys.add(key);
                    List<String> free = new ArrayList<>();
                    for (String d : named.domains()) {
                        String nd = OrganisationService.normaliseDomain(d);
                        if (OrganisationService.DOMAIN.matcher(nd).matches() && !byDomain.containsKey(nd) && !createdByDomain.containsKey(nd) && !free.contains(nd)) {
                            free.add(nd);
                        }
                    }
                    id = organisationIds.next();
                    OrganisationVersion v = new OrganisationVersion();
                    v.id = id;
                    v.name = n;
                    v.type = OrganisationType.COMPANY;
                    v.aliases = new String[0];
                    v.domains = free.toArray(String[]::new);
                    v.provenance(write);
                    v.sourceNote = IMPORT_TYPE_NOTE;
                    newVersions.add(v);
                    newKeys.add(key);
                    created.put(named.name(), key);
                    createdByKey.putIfAbsent(key, id);
                    createdByName.putIfAbsent(n.toLowerCase(Locale.ROOT), id);
                    for (String d : free) {
                        createdByDomain.putIfAbsent(d, id);
                    }
                }
                ids.put(named, id);
            }
            insertImported(c, newVersions, newKeys, write);
        });
        List<OrganisationView> views = new ArrayList<>();
        for (int i = 0; i < newVersions.size(); i++) {
            views.add(OrganisationView.from(newKeys.get(i), newVersions.get(i), List.of()));
        }
        changes.recordAll(ChangeLog.GLOBAL, "create", "organisation", newKeys, views, write.reason());
        return new Matched(ids, created);
    }

    private Map<String, Long> lookup(String sql, List<String> values) {
        Map<String, Long> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, values.toArray(String[]::new)).getResultList();
        for (Object[] row : rows) {
            found.put((String) row[0], ((Number) row[1]).longValue());
        }
        return found;
    }

    /**
     * The type of an organisation an import names is not given by any of the formats, and the
     * schema has no "unknown" type: it is recorded as a company and the source note says so, for a
     * curator to check (docs/decisions.md, "Bulk enrolment imports").
     */
    private static final String IMPORT_TYPE_NOTE = "created by an import that named it; its type (company) is assumed";

    /** The key an imported organisation gets: its name made a slug (then -2, -3 … while taken). */
    private static String importKeyBase(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "organisation";
        }
        return base.length() > 70 ? base.substring(0, 70) : base;
    }

    private static void insertImported(Connection c, List<OrganisationVersion> versions, List<String> keys, FactWrite write)
            throws SQLException {
        if (versions.isEmpty()) {
            return;
        }
        Long[] ids = versions.stream().map(v -> v.id).toArray(Long[]::new);
        OffsetDateTime at = OffsetDateTime.ofInstant(write.at(), ZoneOffset.UTC);
        try (PreparedStatement s = c.prepareStatement("""
                insert into organisation (id, key, created_at) overriding system value
                select t.id, t.key, ? from unnest(?::bigint[], ?::text[]) as t(id, key)""")) {
            s.setObject(1, at);
            s.setArray(2, c.createArrayOf("bigint", ids));
            s.setArray(3, c.createArrayOf("text", keys.toArray()));
            s.executeUpdate();
        }
        FactSource source = write.source();
        FactSource noted = new FactSource(source.kind(), source.url(), IMPORT_TYPE_NOTE, source.confidence());
        VersionedRows.Batch batch = VERSIONS.batch().recordedAs(write.at(), write.keyId());
        for (OrganisationVersion v : versions) {
            batch.add(v.id, noted, write.reason(), v.name, "company", arrayLiteral(v.domains));
        }
        batch.write(c);
        // The views of the change log name each new version by its row id.
        Map<Long, Long> rowIds = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select id, row_id from organisation_version where id = any(?) and superseded_at is null")) {
            s.setArray(1, c.createArrayOf("bigint", ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rowIds.put(r.getLong(1), r.getLong(2));
                }
            }
        }
        versions.forEach(v -> v.rowId = rowIds.get(v.id));
    }

    /** A text[] literal of domains ({@code {"a.org","b.org"}}), quoted so that no character is read as syntax. */
    private static String arrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
