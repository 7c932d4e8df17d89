package io.counterpower.common.fact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Disputes of facts of every kind (issue 17). A steward key that edits or closes a fact it did
 * not record itself opens one instead of changing the fact; so does a steward's self-reported
 * affiliation that another source contradicts over the same dates (a claim). Only a curator
 * decides: accepted, the change is applied as the curator's write with the curator's reason;
 * rejected, nothing changes. Both are in the audit log ({@code /changes}).
 */
@ApplicationScoped
public class FactDisputes {
    static final Map<String, String> SORTABLE = Map.of("id", "d.id", "raisedAt", "d.raisedAt");
    static final Set<String> STATES = Set.of("open", "accepted", "rejected");

    /** A dispute as the API shows it. */
    public record DisputeView(long id, String kind, Long fact, String action, Map<String, Object> proposal,
                              List<Long> conflictsWith, String reason, String state, Instant raisedAt, Instant resolvedAt,
                              String resolutionReason, Long resultingFact) {
        static DisputeView of(FactDispute d) {
            return new DisputeView(d.id, d.factKind, d.factId, d.action, d.proposal, d.conflictsWith == null ? List.of() : d.conflictsWith,
                    d.reason, d.state, d.raisedAt, d.resolvedAt, d.resolutionReason, d.resultingFactId);
        }
    }

    @Inject
    EntityManager em;
    @Inject
    Caller caller;
    @Inject
    ChangeLog changes;
    @Inject
    ObjectMapper json;
    @Inject
    FactStore store;
    @Any
    @Inject
    Instance<FactKind<?, ?, ?>> kinds;
    @Any
    @Inject
    Instance<DisputeTarget> targets;

    /**
     * Records an open dispute (inside the caller's transaction) and audits it in {@code scope}.
     * {@code proposal} is the request body of an edit or a claim, null for a close.
     */
    public DisputeView open(String scope, String kind, Long factId, String action, Object proposal, List<Long> conflictsWith,
                            String reason) {
        FactDispute d = new FactDispute();
        d.factKind = kind;
        d.factId = factId;
        d.action = action;
        @SuppressWarnings("unchecked")
        Map<String, Object> body = proposal == null ? null : json.convertValue(proposal, Map.class);
        d.proposal = body;
        d.conflictsWith = conflictsWith == null || conflictsWith.isEmpty() ? null : List.copyOf(conflictsWith);
        d.reason = ChangeReasons.require(reason);
        d.state = "open";
        d.raisedBy = caller.keyId();
        d.raisedAt = Instants.now();
        d.persist();
        DisputeView view = DisputeView.of(d);
        changes.record(scope, "dispute", kind, factId == null ? "claim" : String.valueOf(factId), null, view, d.reason);
        return view;
    }

    /** Whether a fact has an open dispute (an edit, a close, or a claim that contradicts it). */
    public boolean hasOpen(String kind, long factId) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from fact_dispute
                        where state = 'open' and fact_kind = ?1
                          and (fact_id = ?2 or conflicts_with @> cast(?3 as jsonb))""")
                .setParameter(1, kind).setParameter(2, factId).setParameter(3, "[" + factId + "]")
                .getSingleResult()).longValue() > 0;
    }

    DisputeView get(long id) {
        return DisputeView.of(find(id));
    }

    Page<DisputeView> list(DisputeListQuery q) {
        return new ListQuery<>(FactDispute.class, "FactDispute d", "d", "d.id")
                .and("d.state = :state", "state", q.state())
                .and("d.factKind = :kind", "kind", q.kind())
                .and("d.factId = :fact", "fact", q.fact())
                .page(em, q.page(), DisputeView::of);
    }

    /** A curator accepts an open dispute: its change is applied, recorded with the curator's key and reason. */
    @Transactional
    DisputeView accept(long id, String reason) {
        FactDispute d = decide(id, reason);
        // The change carries both reasons: the curator's decision and what the steward asked for.
        String why = "dispute " + id + " accepted: " + d.resolutionReason + " (steward's reason: " + d.reason + ")";
        d.state = "accepted";
        em.flush(); // resolved before the change is applied, so that views no longer flag it
        long written = target(d.factKind).apply(d, why);
        d.resultingFactId = "claim".equals(d.action) ? written : null;
        DisputeView view = DisputeView.of(d);
        changes.audit("accept-dispute", d.factKind, String.valueOf(id), null, view, d.resolutionReason);
        return view;
    }

    /** A curator rejects an open dispute: nothing changes but the dispute's state. */
    @Transactional
    DisputeView reject(long id, String reason) {
        FactDispute d = decide(id, reason);
        d.state = "rejected";
        DisputeView view = DisputeView.of(d);
        // The fact is no longer flagged as disputed: its scope's data version moves. The errata
        // feed (/changes) lists the rejection with its reason, although no fact changed.
        changes.record(ChangeLog.GLOBAL, "reject-dispute", d.factKind, String.valueOf(id), null, view, d.resolutionReason);
        return view;
    }

    // ---- internals --------------------------------------------------------------------------

    private FactDispute decide(long id, String reason) {
        caller.requireCurator();
        String why = ChangeReasons.require(reason);
        FactDispute d = find(id);
        if (!"open".equals(d.state)) {
            throw ApiProblem.conflict("Dispute " + id + " was already decided (" + d.state + ")");
        }
        d.resolvedBy = caller.keyId();
        d.resolvedAt = Instants.now();
        d.resolutionReason = why;
        return d;
    }

    private FactDispute find(long id) {
        return FactDispute.<FactDispute>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("No dispute " + id));
    }

    private DisputeTarget target(String kind) {
        for (DisputeTarget t : targets) {
            if (t.kind().equals(kind)) {
                return t;
            }
        }
        for (FactKind<?, ?, ?> k : kinds) {
            if (k.name().equals(kind)) {
                return new StoreTarget(k);
            }
        }
        throw new IllegalStateException("No kind of fact named " + kind);
    }

    /** A kind written through {@link FactStore}: the store applies the dispute. */
    private final class StoreTarget implements DisputeTarget {
        private final FactKind<?, ?, ?> kind;

        StoreTarget(FactKind<?, ?, ?> kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind.name();
        }

        @Override
        public long apply(FactDispute dispute, String reason) {
            return store.applyDispute(kind, dispute, reason);
        }
    }
}
