package io.counterpower.contributor;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Disputes of affiliations: anyone with a key may dispute one with a reason; a curator resolves it.
 * Upheld, the affiliation is corrected (or closed when no correction is given); rejected, it stays.
 * While a dispute is open the affiliation is flagged as disputed wherever it is shown.
 */
@ApplicationScoped
class AffiliationDisputes {
    static final Map<String, String> SORTABLE = Map.of("id", "d.id", "raisedAt", "d.raisedAt");
    static final Set<String> STATES = Set.of("open", "upheld", "rejected");

    record DisputeView(long id, long affiliation, String reason, String state, Instant raisedAt, Instant resolvedAt,
                              String resolutionNote) {
        static DisputeView of(AffiliationDispute d) {
            return new DisputeView(d.id, d.affiliationId, d.reason, d.state, d.raisedAt, d.resolvedAt, d.resolutionNote);
        }
    }

    @Inject
    EntityManager em;
    @Inject
    Caller caller;
    @Inject
    FactVersions facts;
    @Inject
    ChangeLog changes;
    @Inject
    AffiliationService affiliations;

    @Transactional
    DisputeView raise(long affiliationId, String reason) {
        caller.requireKey();
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.badRequest("reason", "is required: say what is wrong and how you know");
        }
        if (facts.find(Affiliation.class, affiliationId, null).isEmpty()) {
            throw ApiProblem.notFound("No current affiliation " + affiliationId);
        }
        AffiliationDispute d = new AffiliationDispute();
        d.affiliationId = affiliationId;
        d.reason = reason.trim();
        d.state = "open";
        d.raisedBy = caller.keyId();
        d.raisedAt = Instants.now();
        d.persist();
        DisputeView view = DisputeView.of(d);
        changes.record(ChangeLog.GLOBAL, "dispute", "affiliation", String.valueOf(affiliationId), null, view, d.reason);
        return view;
    }

    /**
     * Resolves an open dispute. Upheld with a correction: the affiliation gets a new version; upheld
     * without one: it is closed. Rejected: it stays as it is.
     */
    @Transactional
    DisputeView resolve(long disputeId, String outcome, String note, AffiliationInput correction) {
        caller.requireCurator();
        AffiliationDispute d = AffiliationDispute.<AffiliationDispute>findByIdOptional(disputeId)
                .orElseThrow(() -> ApiProblem.notFound("No dispute " + disputeId));
        if (!"open".equals(d.state)) {
            throw ApiProblem.conflict("Dispute " + disputeId + " was already resolved (" + d.state + ")");
        }
        if (!"upheld".equals(outcome) && !"rejected".equals(outcome)) {
            throw ApiProblem.badRequest("outcome", "must be upheld or rejected");
        }
        if ("rejected".equals(outcome) && correction != null) {
            throw ApiProblem.badRequest("correction", "a rejected dispute leaves the affiliation as it is");
        }
        d.state = outcome;
        d.resolvedAt = Instants.now();
        d.resolvedBy = caller.keyId();
        d.resolutionNote = note;
        em.flush(); // the dispute is resolved before the correction is shown without the flag
        if ("upheld".equals(outcome)) {
            if (correction == null) {
                affiliations.close(d.affiliationId, "dispute " + disputeId + " upheld" + (note == null ? "" : ": " + note), null);
            } else {
                affiliations.update(d.affiliationId, correction.reason() == null || correction.reason().isBlank()
                        ? withReason(correction, "dispute " + disputeId + " upheld" + (note == null ? "" : ": " + note))
                        : correction, null);
            }
        }
        DisputeView view = DisputeView.of(d);
        changes.record(ChangeLog.GLOBAL, "resolve-dispute", "affiliation", String.valueOf(d.affiliationId), null, view, note);
        return view;
    }

    private static AffiliationInput withReason(AffiliationInput in, String reason) {
        return new AffiliationInput(in.contributor(), in.organisation(), in.independent(), in.from(), in.to(), in.role(),
                in.source(), reason);
    }

    DisputeView get(long id) {
        return AffiliationDispute.<AffiliationDispute>findByIdOptional(id).map(DisputeView::of)
                .orElseThrow(() -> ApiProblem.notFound("No dispute " + id));
    }

    Page<DisputeView> list(AffiliationDisputeListQuery q) {
        return new ListQuery<>(AffiliationDispute.class, "AffiliationDispute d", "d", "d.id")
                .and("d.state = :state", "state", q.state())
                .and("d.affiliationId = :affiliation", "affiliation", q.affiliation())
                .page(em, q.page(), DisputeView::of);
    }
}
