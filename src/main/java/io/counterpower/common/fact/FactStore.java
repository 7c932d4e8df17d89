package io.counterpower.common.fact;

import io.counterpower.common.text.Texts;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;
import io.counterpower.common.problem.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Create, read, list, edit (as a new version), close, import and export any {@link FactKind}
 * with the same rules: scopes, provenance, optimistic locking, audit and data versions.
 */
@ApplicationScoped
public class FactStore {

    /** The outcome of one imported row. */
    record ImportedRow(int line, long id, String outcome) {
    }

    /**
     * What an import did: counts, and each row's fact id and outcome (created, updated, unchanged, or
     * disputed: a steward's row that would replace a fact it did not record opened a dispute).
     */
    record ImportReport(String kind, int total, int created, int updated, int unchanged, int disputed,
                               List<ImportedRow> rows) {
    }

    /** A row of an import, with the line (CSV) or position (JSON, from 1) that error messages name. */
    record Row<I>(int line, I input) {
    }

    @Inject
    EntityManager em;
    @Inject
    FactVersions facts;
    @Inject
    Caller caller;
    @Inject
    ChangeLog changes;
    @Inject
    FactDisputes disputes;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    <E extends VersionedFact, I extends FactInput, V> Page<V> list(FactKind<E, I, V> kind, FactListQuery<E> q) {
        return query(kind, q).page(em, q.page(), kind::view);
    }

    /** Every fact matching the filters (for exports), as the inputs that would record them again. */
    <E extends VersionedFact, I extends FactInput, V> List<I> export(FactKind<E, I, V> kind, FactListQuery<E> q) {
        return query(kind, q).all(em, "f.id asc").stream().map(kind::input).toList();
    }

    <E extends VersionedFact, I extends FactInput, V> V get(FactKind<E, I, V> kind, long id, Instant asOf) {
        return kind.view(find(kind, id, asOf));
    }

    <E extends VersionedFact, I extends FactInput, V> List<V> history(FactKind<E, I, V> kind, long id) {
        List<E> versions = facts.history(kind.entityType(), id);
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("No " + kind.name() + " " + id);
        }
        return versions.stream().map(kind::view).toList();
    }

    @Transactional
    <E extends VersionedFact, I extends FactInput, V> V create(FactKind<E, I, V> kind, I input) {
        E fact = validated(kind, input);
        boolean asSteward = caller.requireCuratorOrStewardOf(kind.stewards(fact));
        FactWrite write = Provenance.of(caller, input.source(), input.reason(), asSteward);
        kind.checkUnique(fact, null);
        return kind.view(recordNew(kind, fact, write));
    }

    /**
     * What an edit or a close did: the fact's new view (null after a close), or, when a steward key
     * asked to change a fact it did not record itself, the dispute it opened instead.
     */
    public record Written<V>(V view, FactDisputes.DisputeView dispute) {
    }

    /**
     * Edits a fact as a new version; a reason is required. A steward key edits only its own
     * self-reported facts: an edit of any other fact opens a dispute that a curator decides.
     */
    @Transactional
    <E extends VersionedFact, I extends FactInput, V> Written<V> update(FactKind<E, I, V> kind, long id, I input, String ifMatch) {
        E current = find(kind, id, null);
        E next = validated(kind, input);
        boolean asSteward = caller.requireCuratorOrStewardOf(kind.stewards(current));
        asSteward |= caller.requireCuratorOrStewardOf(kind.stewards(next));
        String reason = ChangeReasons.require(input.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, input.source(), reason, asSteward);
        kind.checkUnique(next, current.id);
        if (asSteward && !recordedBySelf(current)) {
            return new Written<>(null, disputes.open(kind.dataScope(current), kind.name(), id, "edit", input, null, reason));
        }
        return new Written<>(kind.view(supersede(kind, current, next, write)), null);
    }

    /**
     * Closes a fact; a reason is required. A steward key closes only its own self-reported facts:
     * a close of any other fact opens a dispute that a curator decides.
     */
    @Transactional
    <E extends VersionedFact, I extends FactInput, V> Written<V> close(FactKind<E, I, V> kind, long id, String reason, String ifMatch) {
        E current = find(kind, id, null);
        boolean asSteward = caller.requireCuratorOrStewardOf(kind.stewards(current));
        String why = ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        if (asSteward && !recordedBySelf(current)) {
            return new Written<>(null, disputes.open(kind.dataScope(current), kind.name(), id, "close", null, null, why));
        }
        V before = kind.view(current);
        facts.close(current, Provenance.closing(asSteward, current));
        changes.record(kind.dataScope(current), "close", kind.name(), String.valueOf(id), before, null, why);
        return new Written<>(null, null);
    }

    /**
     * Applies a dispute a curator accepted: the proposed edit becomes a new version (keeping the
     * steward's source, recorded with the curator's key and {@code reason}), or the fact is closed.
     */
    <E extends VersionedFact, I extends FactInput, V> long applyDispute(FactKind<E, I, V> kind, FactDispute dispute, String reason) {
        E current = facts.find(kind.entityType(), dispute.factId, null).orElseThrow(() -> ApiProblem.conflict(
                "The " + kind.name() + " " + dispute.factId + " is no longer current; reject the dispute instead"));
        if ("close".equals(dispute.action)) {
            V before = kind.view(current);
            facts.close(current, io.counterpower.common.time.Instants.now());
            changes.record(kind.dataScope(current), "close", kind.name(), String.valueOf(current.id), before, null, reason);
            return current.id;
        }
        I input = json.convertValue(dispute.proposal, kind.inputType());
        E next = validated(kind, input);
        kind.checkUnique(next, current.id);
        FactWrite write = new FactWrite(new FactSource(SourceKind.SELF_REPORTED, input.source().url(), input.source().note(),
                input.source().quote(), input.source().confidence()), io.counterpower.common.time.Instants.now(), caller.keyId(), reason);
        V before = kind.view(current);
        facts.supersede(current, next, write);
        changes.record(kind.dataScope(next), "update", kind.name(), String.valueOf(next.id), before, kind.view(next), reason);
        return next.id;
    }

    /** Whether the calling key recorded this version itself, as self-reported (a steward's own claim). */
    private boolean recordedBySelf(VersionedFact current) {
        return current.sourceKind == SourceKind.SELF_REPORTED && java.util.Objects.equals(current.recordedBy, caller.keyId());
    }

    /**
     * Imports rows in one transaction: every row is validated first and any error rejects the whole
     * import (nothing is written). A row whose natural key matches a current fact updates it, or
     * leaves it as it is when nothing changed, so repeating an import changes nothing. The request's
     * {@code reason} (issue 17) is recorded on every row that gives none. A row that updates a current fact is an edit, and an edit says why: an import that would
     * update one with neither the row's reason nor the request's is refused (400 naming the line's
     * {@code reason}), and nothing is written.
     */
    @Transactional
    <E extends VersionedFact, I extends FactInput, V> ImportReport importRows(FactKind<E, I, V> kind, List<Row<I>> rows,
                                                                                    String requestReason) {
        caller.requireKey();
        String defaultReason = Texts.trimmedOrNull(requestReason);
        List<FieldError> errors = new ArrayList<>();
        List<E> built = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Row<I> row : rows) {
            FieldErrors rowErrors = new FieldErrors();
            E fact = kind.build(row.input(), rowErrors);
            String prefix = "line " + row.line() + ": ";
            rowErrors.forEach(e -> errors.add(new FieldError(prefix + e.field(), e.message())));
            if (rowErrors.isEmpty()) {
                String key = kind.naturalKey(fact);
                Integer earlier = seen.putIfAbsent(key, row.line());
                if (earlier != null) {
                    errors.add(new FieldError(prefix + "row", "repeats line " + earlier + " (same " + kind.name() + ")"));
                }
            }
            built.add(fact);
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(400, "Invalid import", errors.size() + " problem(s) in the " + kind.name()
                    + " import; nothing was imported", errors, Map.of());
        }
        Map<String, E> current = new HashMap<>();
        for (E fact : ListQuery.facts(kind.entityType(), kind.entityType().getSimpleName() + " f", "f")
                .visibleAt("f", null).all(em, "f.id asc")) {
            current.put(kind.naturalKey(fact), fact);
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int disputed = 0;
        List<ImportedRow> outcomes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row<I> row = rows.get(i);
            E fact = built.get(i);
            E existing = current.get(kind.naturalKey(fact));
            List<String> stewards = new ArrayList<>(kind.stewards(fact));
            if (existing != null) {
                stewards.retainAll(kind.stewards(existing));
            }
            boolean asSteward;
            try {
                asSteward = caller.requireCuratorOrStewardOf(stewards);
            } catch (ApiProblem problem) {
                throw onLine(row.line(), problem);
            }
            if (existing != null && kind.input(existing).equals(kind.input(withSource(fact, row.input().source())))) {
                // Unchanged: nothing to write, whatever its source kind (exports of collected or
                // reference facts can be imported back as they are).
                outcomes.add(new ImportedRow(row.line(), existing.id, "unchanged"));
                unchanged++;
                continue;
            }
            String reason = row.input().reason() == null || row.input().reason().isBlank() ? defaultReason : row.input().reason().trim();
            FactWrite write;
            try {
                if (existing != null) {
                    ChangeReasons.require(reason);
                }
                write = Provenance.of(caller, row.input().source(), reason, asSteward);
            } catch (ApiProblem problem) {
                throw onLine(row.line(), problem);
            }
            if (asSteward && existing != null && !recordedBySelf(existing)) {
                // A steward's row that would replace a fact it did not record is an edit it may only ask for (issue 17).
                disputes.open(kind.dataScope(existing), kind.name(), existing.id, "edit", withReason(row.input(), reason), null, reason);
                outcomes.add(new ImportedRow(row.line(), existing.id, "disputed"));
                disputed++;
                continue;
            }
            if (existing == null) {
                outcomes.add(new ImportedRow(row.line(), recordNew(kind, fact, write).id, "created"));
                created++;
            } else {
                E next = supersede(kind, existing, fact, write);
                current.put(kind.naturalKey(next), next);
                outcomes.add(new ImportedRow(row.line(), next.id, "updated"));
                updated++;
            }
        }
        return new ImportReport(kind.name(), rows.size(), created, updated, unchanged, disputed, outcomes);
    }

    // ---- internals --------------------------------------------------------------------------

    private <E extends VersionedFact, I extends FactInput, V> ListQuery<E> query(FactKind<E, I, V> kind, FactListQuery<E> q) {
        ListQuery<E> query = ListQuery.facts(kind.entityType(), kind.entityType().getSimpleName() + " f", "f").visibleAt("f", q.asOf())
                .and("f.confidence = :confidence", "confidence", q.confidence())
                .and("f.sourceKind = :sourceKind", "sourceKind", q.sourceKind());
        q.filters().addTo(query);
        return query;
    }

    private <E extends VersionedFact, I extends FactInput, V> E find(FactKind<E, I, V> kind, long id, Instant asOf) {
        return facts.find(kind.entityType(), id, asOf).orElseThrow(() -> ApiProblem.notFound(asOf == null
                ? "No current " + kind.name() + " " + id
                : "No " + kind.name() + " " + id + " was recorded on " + asOf));
    }

    private <E extends VersionedFact, I extends FactInput, V> E validated(FactKind<E, I, V> kind, I input) {
        FieldErrors errors = new FieldErrors();
        E fact = kind.build(input, errors);
        errors.throwIfAny();
        return fact;
    }

    private <E extends VersionedFact, I extends FactInput, V> E recordNew(FactKind<E, I, V> kind, E fact, FactWrite write) {
        fact.id = facts.newFactId();
        facts.record(fact, write);
        changes.record(kind.dataScope(fact), "create", kind.name(), String.valueOf(fact.id), null, kind.view(fact), write.reason());
        return fact;
    }

    private <E extends VersionedFact, I extends FactInput, V> E supersede(FactKind<E, I, V> kind, E current, E next, FactWrite write) {
        write.checkMayReplace(current);
        V before = kind.view(current);
        facts.supersede(current, next, write);
        changes.record(kind.dataScope(next), "update", kind.name(), String.valueOf(next.id), before, kind.view(next), write.reason());
        return next;
    }

    /** The unsaved fact with the source a row gives, to compare it with a current one. */
    private static <E extends VersionedFact> E withSource(E fact, SourceInput source) {
        fact.sourceKind = source.kind() == null ? SourceKind.MANUAL : source.kind();
        fact.sourceUrl = Texts.trimmedOrNull(source.url());
        fact.sourceNote = source.note();
        fact.sourceQuote = Texts.trimmedOrNull(source.quote());
        fact.confidence = source.confidence();
        return fact;
    }

    /** The row as a dispute's proposal, with the reason it was imported with (its own or the request's). */
    private <I extends FactInput> Object withReason(I input, String reason) {
        @SuppressWarnings("unchecked")
        Map<String, Object> proposal = json.convertValue(input, Map.class);
        proposal.put("reason", reason);
        return proposal;
    }


    /** The same problem, naming the import line it comes from; the whole import is rolled back. */
    private static ApiProblem onLine(int line, ApiProblem problem) {
        List<FieldError> errors = problem.errors().isEmpty()
                ? List.of(new FieldError("line " + line, problem.getMessage()))
                : problem.errors().stream().map(e -> new FieldError("line " + line + ": " + e.field(), e.message())).toList();
        return new ApiProblem(problem.status(), problem.title(), "line " + line + ": " + problem.getMessage()
                + "; nothing was imported", errors, problem.headers());
    }
}
