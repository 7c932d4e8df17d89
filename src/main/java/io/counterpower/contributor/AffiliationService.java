package io.counterpower.contributor;

import io.counterpower.common.text.Texts;

import io.counterpower.common.fact.Provenance;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.ChangeReasons;
import io.counterpower.common.fact.FactDisputes;
import io.counterpower.common.fact.FactStore;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.Revisions;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.organisation.OrganisationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Enrolments in time (METHODOLOGY.md section 2): periods of the same source tier may not overlap;
 * across tiers the higher tier wins when indicators pick the affiliation valid on a date.
 */
@ApplicationScoped
class AffiliationService implements io.counterpower.common.fact.DisputeTarget {
    static final String KIND = "affiliation";
    static final Map<String, String> SORTABLE = Map.of("id", "a.id", "from", "a.validFrom", "to", "a.validTo",
            "recordedAt", "a.recordedAt", "contributor", "a.contributorId");

    @Inject
    EntityManager em;
    @Inject
    FactVersions facts;
    @Inject
    Caller caller;
    @Inject
    ChangeLog changes;
    @Inject
    OrganisationService organisations;
    @Inject
    FactDisputes disputes;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    Page<AffiliationView> list(AffiliationListQuery q) {
        ListQuery<Affiliation> query = ListQuery.facts(Affiliation.class, "Affiliation a", "a").visibleAt("a", q.asOf())
                .and("a.contributorId = :contributor", "contributor", q.contributor())
                .and("a.sourceKind = :kind", "kind", q.sourceKind())
                .and("a.confidence = :confidence", "confidence", q.confidence());
        if (q.organisation() != null) {
            query.and("a.organisationId = :org").param("org", organisations.currentId(q.organisation()).orElse(-1L));
        }
        if (q.independent() != null) {
            query.and(q.independent() ? "a.organisationId is null" : "a.organisationId is not null");
        }
        query.and("(a.validFrom is null or a.validFrom <= :day) and (a.validTo is null or a.validTo >= :day)", "day", q.at());
        return query.page(em, q.page(), this::view);
    }

    AffiliationView get(long id, Instant asOf) {
        return view(facts.find(Affiliation.class, id, asOf).orElseThrow(() -> ApiProblem.notFound(asOf == null
                ? "No current affiliation " + id : "Affiliation " + id + " was not recorded on " + asOf)));
    }

    List<AffiliationView> history(long id) {
        List<Affiliation> versions = facts.history(Affiliation.class, id);
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("No affiliation " + id);
        }
        return versions.stream().map(this::view).toList();
    }

    /** A contributor's affiliations, oldest period first. */
    List<AffiliationView> ofContributor(long contributorId, Instant asOf) {
        return ListQuery.facts(Affiliation.class, "Affiliation a", "a").visibleAt("a", asOf)
                .and("a.contributorId = :c", "c", contributorId)
                .all(em, "a.validFrom asc nulls first, a.sourceTier asc, a.rowId asc").stream().map(this::view).toList();
    }

    @Transactional
    AffiliationView create(AffiliationInput in) {
        FactStore.Written<AffiliationView> done = create(in, false);
        if (done.dispute() != null) {
            throw ApiProblem.conflict("The affiliation contradicts affiliations " + done.dispute().conflictsWith()
                    + " of other sources; it waits for a curator as dispute " + done.dispute().id());
        }
        return done.view();
    }

    /**
     * Records an affiliation; with {@code closePrevious}, a period of the same tier that started
     * before it and is still running on its first day is ended the day before (someone moved from
     * one employer to the next), instead of refusing the overlap. A steward's affiliation that an
     * affiliation of another source contradicts (another organisation, or independent, over
     * overlapping dates) is not recorded: it is kept as a claim (a dispute) that a curator accepts
     * or rejects, and counts in no indicator until then (issue 17).
     */
    @Transactional
    FactStore.Written<AffiliationView> create(AffiliationInput in, boolean closePrevious) {
        Long orgId = validate(in);
        boolean asSteward = requireScope(in.organisation());
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), asSteward);
        if (asSteward) {
            List<Long> contradicted = contradicted(in.contributor(), orgId, in.from(), in.to(), null);
            if (!contradicted.isEmpty()) {
                return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, KIND, null, "claim", in, contradicted,
                        in.reason() == null || in.reason().isBlank() ? "self-reported affiliation contradicted by another source"
                                : in.reason()));
            }
        }
        if (asSteward && closePrevious) {
            // Ending another key's running period is an edit of a fact it did not record: the new
            // period waits as a claim against it, for a curator to close or keep it (issue 17).
            List<Long> notOwn = runningBefore(in, write).stream().filter(o -> !recordedBySelf(o)).map(o -> o.id).sorted().toList();
            if (!notOwn.isEmpty()) {
                return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, KIND, null, "claim", in, notOwn,
                        in.reason() == null || in.reason().isBlank() ? "a later period that would end another key's running period"
                                : in.reason()));
            }
        }
        if (closePrevious) {
            closePrevious(in, write);
        }
        checkOverlap(in, write.source().kind().tier(), null);
        Affiliation a = fill(new Affiliation(), in, orgId);
        a.id = facts.newFactId();
        facts.record(a, write);
        AffiliationView after = view(a);
        changes.record(ChangeLog.GLOBAL, "create", "affiliation", String.valueOf(a.id), null, after, write.reason());
        return new FactStore.Written<>(after, null);
    }

    /**
     * Edits an affiliation as a new version; a reason is required. A steward key edits only the
     * self-reported affiliations it recorded itself, and only where no other source contradicts the
     * result; otherwise the edit opens a dispute that a curator decides.
     */
    @Transactional
    FactStore.Written<AffiliationView> update(long id, AffiliationInput in, String ifMatch) {
        Affiliation current = facts.find(Affiliation.class, id, null).orElseThrow(() -> ApiProblem.notFound("No current affiliation " + id));
        Long orgId = validate(in);
        FieldErrors errors = new FieldErrors();
        errors.check(in.contributor().equals(current.contributorId), "contributor",
                "cannot change: an affiliation belongs to one contributor (close it and record another)");
        errors.throwIfAny();
        String currentOrg = current.organisationId == null ? null : organisations.keyOf(current.organisationId);
        boolean asSteward = requireScope(in.organisation());
        if (asSteward) {
            requireScope(currentOrg);
        }
        String reason = ChangeReasons.require(in.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), asSteward);
        if (asSteward) {
            List<Long> contradicted = contradicted(in.contributor(), orgId, in.from(), in.to(), id);
            if (!recordedBySelf(current) || !contradicted.isEmpty()) {
                return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, KIND, id, "edit", in, contradicted, reason));
            }
        }
        write.checkMayReplace(current);
        checkOverlap(in, write.source().kind().tier(), id);
        AffiliationView before = view(current);
        Affiliation next = facts.supersede(current, fill(new Affiliation(), in, orgId), write);
        AffiliationView after = view(next);
        changes.record(ChangeLog.GLOBAL, "update", "affiliation", String.valueOf(id), before, after, write.reason());
        return new FactStore.Written<>(after, null);
    }

    /**
     * Closes an affiliation; a reason is required. A steward key closes only the self-reported
     * affiliations it recorded itself; a close of any other opens a dispute.
     */
    @Transactional
    FactStore.Written<AffiliationView> close(long id, String reason, String ifMatch) {
        Affiliation current = facts.find(Affiliation.class, id, null).orElseThrow(() -> ApiProblem.notFound("No current affiliation " + id));
        boolean asSteward = requireScope(current.organisationId == null ? null : organisations.keyOf(current.organisationId));
        String why = ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, KIND, id, "close", null, null, why));
        }
        AffiliationView before = view(current);
        facts.close(current, Provenance.closing(asSteward, current));
        changes.record(ChangeLog.GLOBAL, "close", "affiliation", String.valueOf(id), before, null, why);
        return new FactStore.Written<>(null, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Applies a dispute a curator accepted (FactDisputes): a claim is recorded, an edit becomes a
     * new version, a close closes. The steward's source is kept (self-reported); the key and the
     * reason are the curator's.
     */
    @Override
    public long apply(io.counterpower.common.fact.FactDispute dispute, String reason) {
        java.time.Instant at = io.counterpower.common.time.Instants.now();
        if ("close".equals(dispute.action)) {
            Affiliation current = facts.find(Affiliation.class, dispute.factId, null).orElseThrow(() -> ApiProblem.conflict(
                    "Affiliation " + dispute.factId + " is no longer current; reject the dispute instead"));
            AffiliationView before = view(current);
            facts.close(current, at);
            changes.record(ChangeLog.GLOBAL, "close", KIND, String.valueOf(current.id), before, null, reason);
            return current.id;
        }
        AffiliationInput in = json.convertValue(dispute.proposal, AffiliationInput.class);
        Long orgId = validate(in);
        FactWrite write = new FactWrite(new FactSource(SourceKind.SELF_REPORTED, in.source().url(), in.source().note(),
                in.source().quote(), in.source().confidence()), at, caller.keyId(), reason);
        if ("claim".equals(dispute.action)) {
            checkOverlap(in, SourceKind.SELF_REPORTED.tier(), null);
            Affiliation a = fill(new Affiliation(), in, orgId);
            a.id = facts.newFactId();
            facts.record(a, write);
            changes.record(ChangeLog.GLOBAL, "create", KIND, String.valueOf(a.id), null, view(a), reason);
            return a.id;
        }
        Affiliation current = facts.find(Affiliation.class, dispute.factId, null).orElseThrow(() -> ApiProblem.conflict(
                "Affiliation " + dispute.factId + " is no longer current; reject the dispute instead"));
        checkOverlap(in, SourceKind.SELF_REPORTED.tier(), current.id);
        AffiliationView before = view(current);
        Affiliation next = facts.supersede(current, fill(new Affiliation(), in, orgId), write);
        changes.record(ChangeLog.GLOBAL, "update", KIND, String.valueOf(next.id), before, view(next), reason);
        return next.id;
    }

    // ---- internals --------------------------------------------------------------------------

    /** Whether the calling key recorded this version itself, as self-reported (a steward's own claim). */
    private boolean recordedBySelf(Affiliation current) {
        return current.sourceKind == SourceKind.SELF_REPORTED && java.util.Objects.equals(current.recordedBy, caller.keyId());
    }

    /**
     * Current affiliations of the contributor from another source than self-reported that say
     * something else (another organisation, or independent) over dates that overlap the period.
     */
    private List<Long> contradicted(long contributorId, Long orgId, LocalDate from, LocalDate to, Long exceptId) {
        List<Affiliation> others = Affiliation.list("contributorId = ?1 and supersededAt is null", contributorId);
        return others.stream()
                .filter(o -> o.sourceKind != SourceKind.SELF_REPORTED && !o.id.equals(exceptId))
                .filter(o -> !java.util.Objects.equals(o.organisationId, orgId))
                .filter(o -> Periods.overlap(from, to, o.validFrom, o.validTo))
                .map(o -> o.id).sorted().toList();
    }

    /** Curators write any affiliation; a steward only those with its own organisation. */
    private boolean requireScope(String organisationKey) {
        return caller.requireCuratorOrStewardOf(organisationKey == null ? List.of() : List.of(organisationKey));
    }

    private Long validate(AffiliationInput in) {
        FieldErrors errors = new FieldErrors();
        boolean independent = Boolean.TRUE.equals(in.independent());
        boolean hasOrg = in.organisation() != null && !in.organisation().isBlank();
        if (independent == hasOrg) {
            errors.add(hasOrg ? "independent" : "organisation",
                    "give either an organisation key or independent: true (unknown is recorded by recording nothing)");
        }
        Periods.validate(in.from(), in.to(), errors);
        Long orgId = hasOrg ? organisations.resolve(in.organisation().trim(), "organisation", errors) : null;
        if (facts.find(ContributorVersion.class, in.contributor(), null).isEmpty()) {
            errors.add("contributor", "no contributor " + in.contributor() + " is recorded");
        }
        errors.throwIfAny();
        return orgId;
    }

    /** The current periods of the same tier that started before the new one and still run on its first day. */
    private List<Affiliation> runningBefore(AffiliationInput in, FactWrite write) {
        if (in.from() == null) {
            throw ApiProblem.badRequest("from", "is required to close the previous period (it ends the day before)");
        }
        List<Affiliation> sameTier = Affiliation.list("contributorId = ?1 and sourceTier = ?2 and supersededAt is null",
                in.contributor(), (short) write.source().kind().tier());
        return sameTier.stream()
                .filter(other -> other.validFrom == null || other.validFrom.isBefore(in.from()))
                .filter(other -> other.validTo == null || !other.validTo.isBefore(in.from()))
                .toList();
    }

    private void closePrevious(AffiliationInput in, FactWrite write) {
        for (Affiliation other : runningBefore(in, write)) {
            write.checkMayReplace(other);
            if (!caller.isCurator()) {
                requireScope(other.organisationId == null ? null : organisations.keyOf(other.organisationId));
            }
            AffiliationView before = view(other);
            Affiliation shortened = new Affiliation();
            shortened.contributorId = other.contributorId;
            shortened.organisationId = other.organisationId;
            shortened.validFrom = other.validFrom;
            shortened.validTo = in.from().minusDays(1);
            shortened.role = other.role;
            facts.supersede(other, shortened, new FactWrite(io.counterpower.common.fact.FactSource.of(other), write.at(),
                    write.keyId(), "ended the day before affiliation from " + in.from()));
            changes.record(ChangeLog.GLOBAL, "update", "affiliation", String.valueOf(other.id), before, view(shortened),
                    "closed by a later period");
        }
    }

    private void checkOverlap(AffiliationInput in, int tier, Long exceptId) {
        List<Affiliation> sameTier = Affiliation.list("contributorId = ?1 and sourceTier = ?2 and supersededAt is null",
                in.contributor(), (short) tier);
        List<String> clashes = new ArrayList<>();
        for (Affiliation other : sameTier) {
            if (!other.id.equals(exceptId) && Periods.overlap(in.from(), in.to(), other.validFrom, other.validTo)) {
                clashes.add("affiliation " + other.id + " ("
                        + (other.organisationId == null ? "independent" : organisations.keyOf(other.organisationId)) + ", "
                        + Periods.describe(other.validFrom, other.validTo) + ")");
            }
        }
        if (!clashes.isEmpty()) {
            throw ApiProblem.conflict("from", "the period " + Periods.describe(in.from(), in.to()) + " overlaps "
                    + String.join(", ", clashes) + " of the same source tier; periods of one tier may not overlap. "
                    + "Close or shorten the earlier period first (PUT or DELETE /api/v1/affiliations/{id})");
        }
    }

    private Affiliation fill(Affiliation a, AffiliationInput in, Long orgId) {
        a.contributorId = in.contributor();
        a.organisationId = orgId;
        a.validFrom = in.from();
        a.validTo = in.to();
        a.role = Texts.trimmedOrNull(in.role());
        return a;
    }

    private AffiliationView view(Affiliation a) {
        return new AffiliationView(a.id, a.contributorId, a.organisationId == null ? null : organisations.keyOf(a.organisationId),
                a.organisationId == null, a.validFrom, a.validTo, a.role,
                a.sourceKind.tier(), AffiliationDispute.count("affiliationId = ?1 and state = 'open'", a.id) > 0
                        || disputes.hasOpen(KIND, a.id),
                FactSource.of(a), VersionInfo.of(a));
    }

    static Boolean parseBoolean(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }
}
