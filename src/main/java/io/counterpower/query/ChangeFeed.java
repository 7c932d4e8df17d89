package io.counterpower.query;

import io.counterpower.common.text.Texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterpower.common.db.Rows;
import io.counterpower.common.paging.Page;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import io.counterpower.indicator.Methodology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;

/**
 * The errata feed: corrections (new versions, withdrawals, merges) of facts, read from the audit
 * trail without the keys that wrote them, and changes of the default methodology (kind
 * {@code methodology}, listed for every project). Creations are not corrections and are left out, as
 * are records that are not facts (keys, jobs). Each correction names the projects it can change,
 * traced in SQL ({@code errata_affected_projects}, V032) through organisations, people and identities. A rejected
 * dispute changes no fact but the flags of the figures that read it: it names the projects of the disputed fact
 * (its latest recorded version in the audit trail) or of a claim's proposal.
 */
@ApplicationScoped
class ChangeFeed {
    static final List<String> ACTIONS = List.of("update", "close", "merge", "unmerge", "erase", "reject-dispute");
    /** Fact kinds -> the methodology's indicator groups that read them (METHODOLOGY.md section 3). */
    static final Map<String, List<String>> GROUPS = Map.ofEntries(
            entry("organisation", List.of("contribution", "governance", "funding", "resilience")),
            entry("organisation-parent", List.of("contribution", "governance", "funding", "resilience")),
            entry("contributor", List.of("contribution", "governance", "resilience")),
            entry("identity-link", List.of("contribution", "governance", "resilience")),
            entry("affiliation", List.of("contribution", "governance", "resilience")),
            entry("project", List.of()),
            entry("project-repository", List.of()),
            entry("project-steward", List.of("governance", "funding", "license", "resilience")),
            entry("governance-body", List.of("governance", "resilience")),
            entry("governance-seat", List.of("governance", "resilience")),
            entry("governance-event", List.of("governance", "resilience")),
            entry("funding-event", List.of("funding")),
            entry("license-period", List.of("license", "resilience")),
            entry("openness-component", List.of("license")),
            entry("adopter", List.of("adoption")),
            entry("derivative", List.of("adoption", "resilience")),
            entry("download-count", List.of("adoption")),
            entry("methodology", List.of("*")));
    private static final Set<String> GLOBAL_KINDS = Set.of("organisation", "organisation-parent", "contributor", "identity-link",
            "affiliation", "methodology");
    /** Version bookkeeping, not content: left out of changedFields. */
    private static final Set<String> BOOKKEEPING = Set.of("version");

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Methodology methodology;

    /** The query string of {@code GET /changes}, as sent. */
    record ChangeParams(@RestQuery String since, @RestQuery String project, @RestQuery String kind, @RestQuery String page,
                        @RestQuery String size) {
    }

    /**
     * An errata feed request, parsed once.
     *
     * @param since   corrections recorded from this moment on; null: all
     * @param project only the corrections that can change this project's figures; null: every one
     * @param kind    only corrections of this kind of fact; null: every kind
     */
    record ChangeQuery(PageRequest page, Instant since, String project, String kind) {
    }

    /** Parses a feed request: every fault is reported at once. */
    ChangeQuery query(ChangeParams p) {
        FieldErrors errors = new FieldErrors();
        PageRequest request = errors.collect(() -> PageRequest.parse(p.page(), p.size(), null, Map.of("id", "id"), "-id"));
        Instant from = errors.collect(() -> Instants.parseInstantOrDate(p.since(), "since"));
        String kind = p.kind(), project = p.project();
        if (kind != null && !kind.isBlank() && !GROUPS.containsKey(kind.trim())) {
            errors.add("kind", "must be one of " + new TreeSet<>(GROUPS.keySet()));
        }
        errors.throwIfAny();
        return new ChangeQuery(request, from, Texts.trimmedOrNull(project),
                Texts.trimmedOrNull(kind));
    }

    Page<Change> list(ChangeQuery q) {
        PageRequest request = q.page();
        String kindValue = q.kind();
        String projectValue = q.project();
        // Bound as text: the statement tests it for null before casting it.
        String sinceValue = q.since() == null ? null : q.since().toString();
        String changes = """
                with changes as (
                    select a.id, a.at, a.action, a.entity_type, a.entity_id, a.before, a.after, a.reason,
                           case when a.action = 'reject-dispute' then errata_affected_projects(a.entity_type, a.after ->> 'fact',
                                    (select f.after from audit_log f
                                     where f.entity_type = a.entity_type and f.entity_id = a.after ->> 'fact' and f.id < a.id
                                       and f.action not in ('dispute', 'accept-dispute', 'reject-dispute')
                                     order by f.id desc limit 1),
                                    a.after -> 'proposal')
                                else errata_affected_projects(a.entity_type, a.entity_id, a.before, a.after) end as projects
                    from audit_log a
                    where a.action in ('update', 'close', 'merge', 'unmerge', 'erase', 'reject-dispute') and a.entity_type in (:kinds)
                      and (cast(:kind as text) is null or a.entity_type = :kind)
                      and (cast(:since as text) is null or a.at >= cast(:since as timestamptz)))
                """;
        // A change of the default methodology changes every project's figures: it is listed for each.
        String where = " where (cast(:project as text) is null or :project = any(projects) or entity_type = 'methodology')";
        List<?> rows = em.createNativeQuery(changes + "select id, at, action, entity_type, entity_id, cast(before as text), "
                        + "cast(after as text), reason, array_to_string(projects, ',') from changes" + where
                        + " order by id desc offset :offset limit :limit")
                .setParameter("kinds", GROUPS.keySet()).setParameter("kind", kindValue).setParameter("since", sinceValue)
                .setParameter("project", projectValue).setParameter("offset", request.offset()).setParameter("limit", request.size())
                .getResultList();
        long total = ((Number) em.createNativeQuery(changes + "select count(*) from changes" + where)
                .setParameter("kinds", GROUPS.keySet()).setParameter("kind", kindValue).setParameter("since", sinceValue)
                .setParameter("project", projectValue).getSingleResult()).longValue();
        List<Change> items = new ArrayList<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            String type = (String) row[3];
            JsonNode before = redacted((String) row[5]), after = redacted((String) row[6]);
            String projects = (String) row[8];
            items.add(new Change(((Number) row[0]).longValue(), Rows.instant(row[1]), (String) row[2], type, (String) row[4],
                    before, after, changedFields(before, after), (String) row[7],
                    new Change.Affects(GLOBAL_KINDS.contains(type) ? "global" : "project",
                            projects == null || projects.isEmpty() ? List.of() : List.of(projects.split(",")), indicators(type))));
        }
        return new Page<>(items, request.page(), request.size(), total);
    }

    /** The indicators of the current methodology that read a kind of fact, then the assessment figures they feed. */
    private List<String> indicators(String kind) {
        List<String> groups = GROUPS.getOrDefault(kind, List.of());
        List<String> out = new ArrayList<>();
        for (JsonNode def : methodology.latest().document().path("indicators")) {
            if (groups.contains("*") || groups.contains(def.path("group").asText())) {
                out.add(def.path("id").asText());
            }
        }
        if (!out.isEmpty() || kind.equals("project")) {
            // A project's origin is a signal of the assessment even though no indicator reads it.
            out.add("capture_risk");
            out.add("stage");
        }
        return out;
    }

    /** Top-level fields whose values differ between the two versions (all of them for a creation or a withdrawal). */
    private static List<String> changedFields(JsonNode before, JsonNode after) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode n : new JsonNode[]{before, after}) {
            if (n != null && n.isObject()) {
                n.fieldNames().forEachRemaining(names::add);
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            JsonNode b = before == null ? null : before.get(name), a = after == null ? null : after.get(name);
            if (!BOOKKEEPING.contains(name) && !java.util.Objects.equals(b, a)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The stored JSON without email addresses: public reads show their domain only, and so does this feed. */
    private JsonNode redacted(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            redact(node, !io.counterpower.common.auth.Caller.readerSeesLocalPaths());
            return node;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The audit log keeps local paths whole (ChangeLog); the feed is public, so a local path or
     * {@code file:} URL a curator's collection recorded shows redacted to anyone but a curator.
     */
    private static void redact(JsonNode node, boolean paths) {
        if (node instanceof ObjectNode o) {
            if (o.has("email")) {
                o.putNull("email");
            }
            if (paths) {
                for (String field : List.of("url", "sourceUrl")) {
                    if (o.path(field).isTextual()) {
                        o.put(field, io.counterpower.common.text.LocalPathRedaction.url(o.get(field).asText()));
                    }
                }
                if (o.path("note").isTextual()) {
                    o.put("note", io.counterpower.common.text.LocalPathRedaction.text(o.get("note").asText()));
                }
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                redact(it.next(), paths);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(n -> redact(n, paths));
        }
    }
}
