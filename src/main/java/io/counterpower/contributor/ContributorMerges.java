package io.counterpower.contributor;

import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.paging.Page;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.time.Instants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merging and unmerging contributors. A merge moves the identities (and so their contributions) and
 * the affiliations of one contributor to another, and closes the first; every step is a new
 * version, and the merge keeps the versions it superseded, so that an unmerge restores them exactly.
 */
@ApplicationScoped
class ContributorMerges {

    /** What a merge did. */
    record MergeView(long id, long into, long from, int movedIdentities, int movedAffiliations, Instant mergedAt,
                            Instant unmergedAt, String reason) {
        static MergeView of(ContributorMerge m) {
            return new MergeView(m.id, m.intoContributor, m.fromContributor, m.movedLinkRows.length, m.movedAffiliationRows.length,
                    m.mergedAt, m.unmergedAt, m.reason);
        }
    }

    /** Two (or more) contributors that may be one person, and why. */
    record Candidate(List<Long> contributors, List<String> displayNames, List<String> reasons) {
    }

    @Inject
    EntityManager em;
    @Inject
    FactVersions facts;
    @Inject
    Caller caller;
    @Inject
    ChangeLog changes;

    @Transactional
    MergeView merge(long into, long from, String reason) {
        caller.requireCurator();
        if (into == from) {
            throw ApiProblem.badRequest("from", "a contributor cannot be merged into itself");
        }
        reason = io.counterpower.common.fact.ChangeReasons.require(reason); // a merge edits two contributors (issue 17)
        ContributorVersion target = current(into, "into");
        ContributorVersion merged = current(from, "from");
        List<Affiliation> movedAffiliations = Affiliation.list("contributorId = ?1 and supersededAt is null", from);
        List<Affiliation> kept = Affiliation.list("contributorId = ?1 and supersededAt is null", into);
        for (Affiliation a : movedAffiliations) {
            for (Affiliation k : kept) {
                if (a.sourceKind.tier() == k.sourceKind.tier() && Periods.overlap(a.validFrom, a.validTo, k.validFrom, k.validTo)) {
                    throw ApiProblem.conflict("from", "affiliation " + a.id + " of contributor " + from + " overlaps affiliation "
                            + k.id + " of contributor " + into + " in the same source tier; correct one of them before merging");
                }
            }
        }
        Instant at = Instants.now();
        FactWrite write = systemWrite(at, reason == null ? "merge of contributor " + from + " into " + into : reason);
        List<Long> linkRows = new ArrayList<>();
        for (IdentityLink link : IdentityLink.<IdentityLink>list("contributorId = ?1 and supersededAt is null", from)) {
            linkRows.add(link.rowId);
            IdentityLink next = copyLink(link);
            next.contributorId = into;
            supersedeKeepingSource(link, next, write);
        }
        List<Long> affiliationRows = new ArrayList<>();
        for (Affiliation a : movedAffiliations) {
            affiliationRows.add(a.rowId);
            Affiliation next = copyAffiliation(a);
            next.contributorId = into;
            supersedeKeepingSource(a, next, write);
        }
        facts.close(merged, at);
        ContributorMerge m = new ContributorMerge();
        m.intoContributor = target.id;
        m.fromContributor = merged.id;
        m.movedLinkRows = linkRows.toArray(Long[]::new);
        m.movedAffiliationRows = affiliationRows.toArray(Long[]::new);
        m.fromContributorRow = merged.rowId;
        m.mergedAt = at;
        m.mergedBy = caller.keyId();
        m.reason = reason;
        m.persist();
        MergeView view = MergeView.of(m);
        changes.record(ChangeLog.GLOBAL, "merge", "contributor", String.valueOf(from), null, view, reason);
        return view;
    }

    /** Restores exactly what the merge changed; refused when any of it was changed again since. */
    @Transactional
    MergeView unmerge(long mergeId, String reason) {
        caller.requireCurator();
        ContributorMerge m = ContributorMerge.<ContributorMerge>findByIdOptional(mergeId)
                .orElseThrow(() -> ApiProblem.notFound("No contributor merge " + mergeId));
        if (m.unmergedAt != null) {
            throw ApiProblem.conflict("Merge " + mergeId + " was already undone on " + m.unmergedAt);
        }
        reason = io.counterpower.common.fact.ChangeReasons.require(reason);
        Instant at = Instants.now();
        FactWrite write = systemWrite(at, reason == null ? "unmerge of merge " + mergeId : reason);
        for (Long row : m.movedLinkRows) {
            IdentityLink before = IdentityLink.findById(row);
            IdentityLink now = currentMadeByMerge(IdentityLink.class, before.id, m);
            supersedeKeepingSource(now, copyLink(before), write);
        }
        for (Long row : m.movedAffiliationRows) {
            Affiliation before = Affiliation.findById(row);
            Affiliation now = currentMadeByMerge(Affiliation.class, before.id, m);
            supersedeKeepingSource(now, copyAffiliation(before), write);
        }
        ContributorVersion closed = ContributorVersion.findById(m.fromContributorRow);
        if (facts.find(ContributorVersion.class, closed.id, null).isPresent()) {
            throw ApiProblem.conflict("Contributor " + closed.id + " was recorded again since the merge; the merge cannot be undone");
        }
        ContributorVersion reopened = new ContributorVersion();
        reopened.id = closed.id;
        reopened.displayName = closed.displayName;
        reopened.note = closed.note;
        copySource(closed, reopened, write);
        reopened.persist();
        m.unmergedAt = at;
        m.unmergedBy = caller.keyId();
        MergeView view = MergeView.of(m);
        changes.record(ChangeLog.GLOBAL, "unmerge", "contributor", String.valueOf(m.fromContributor), null, view, reason);
        return view;
    }

    MergeView get(long id) {
        return ContributorMerge.<ContributorMerge>findByIdOptional(id).map(MergeView::of)
                .orElseThrow(() -> ApiProblem.notFound("No contributor merge " + id));
    }

    /**
     * Pairs of current contributors that may be one person: the same email local part and name,
     * a GitHub noreply address and the same GitHub login, or the same name once case, accents,
     * punctuation and spacing are ignored. Bots are left out.
     */
    Page<Candidate> candidates(PageRequest page) {
        String sql = """
                with ident as (
                    select l.contributor_id, i.name, lower(i.email) as email, split_part(lower(i.email), '@', 1) as local_part,
                           i.platform, lower(i.username) as username,
                           nullif(trim(regexp_replace(lower(unaccent(coalesce(i.name, ''))), '[^a-z0-9]+', ' ', 'g')), '') as norm_name
                    from identity_link l join identity i on i.id = l.id
                    join contributor_version c on c.id = l.contributor_id and c.superseded_at is null
                    where l.superseded_at is null and not l.is_bot),
                pairs as (
                    select a.contributor_id as c1, b.contributor_id as c2, 'same email local part and name' as reason
                    from ident a join ident b on a.contributor_id < b.contributor_id
                     and a.local_part = b.local_part and a.norm_name = b.norm_name
                    union
                    select least(a.contributor_id, b.contributor_id), greatest(a.contributor_id, b.contributor_id), 'same GitHub login'
                    from ident a join ident b on a.contributor_id <> b.contributor_id and b.platform = 'github'
                     and substring(a.email from '^(?:[0-9]+\\+)?([^@]+)@users\\.noreply\\.github\\.com$') = b.username
                    union
                    select a.contributor_id, b.contributor_id, 'same normalised name'
                    from ident a join ident b on a.contributor_id < b.contributor_id and a.norm_name = b.norm_name
                     and position(' ' in a.norm_name) > 0)
                select c1, c2, array_agg(distinct reason order by reason) as reasons
                from pairs group by c1, c2 order by c1, c2""";
        @SuppressWarnings("unchecked")
        List<Object[]> all = em.createNativeQuery(sql).getResultList();
        List<Object[]> rows = all.subList(Math.min(page.offset(), all.size()), Math.min(page.offset() + page.size(), all.size()));
        long total = all.size();
        List<Candidate> items = rows.stream().map(r -> {
            long c1 = ((Number) r[0]).longValue();
            long c2 = ((Number) r[1]).longValue();
            return new Candidate(List.of(c1, c2), List.of(name(c1), name(c2)), Arrays.asList((String[]) r[2]));
        }).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    // ---- internals --------------------------------------------------------------------------

    private ContributorVersion current(long id, String field) {
        return facts.find(ContributorVersion.class, id, null)
                .orElseThrow(() -> ApiProblem.badRequest(field, "no contributor " + id + " is currently recorded"));
    }

    private String name(long contributorId) {
        return facts.find(ContributorVersion.class, contributorId, null).map(v -> v.displayName).orElse(null);
    }

    private <T extends VersionedFact> T currentMadeByMerge(Class<T> type, long id, ContributorMerge m) {
        return facts.find(type, id, null).filter(v -> v.recordedAt.equals(m.mergedAt))
                .orElseThrow(() -> ApiProblem.conflict("The " + (type == IdentityLink.class ? "identity" : "affiliation") + " " + id
                        + " changed after merge " + m.id + "; correct it by hand instead of undoing the merge"));
    }

    /** A merge moves facts without re-sourcing them: the new version keeps the source of the old. */
    private <T extends VersionedFact> void supersedeKeepingSource(T current, T next, FactWrite write) {
        facts.close(current, write.at());
        next.id = current.id;
        copySource(current, next, write);
        next.persist();
    }

    private static void copySource(VersionedFact from, VersionedFact to, FactWrite write) {
        to.sourceKind = from.sourceKind;
        to.sourceUrl = from.sourceUrl;
        to.sourceNote = from.sourceNote;
        to.sourceQuote = from.sourceQuote;
        to.confidence = from.confidence;
        to.recordedAt = write.at();
        to.recordedBy = write.keyId();
        to.changeReason = write.reason();
    }

    private FactWrite systemWrite(Instant at, String reason) {
        return new FactWrite(null, at, caller.keyId(), reason);
    }

    private static IdentityLink copyLink(IdentityLink l) {
        IdentityLink c = new IdentityLink();
        c.contributorId = l.contributorId;
        c.bot = l.bot;
        c.botReason = l.botReason;
        return c;
    }

    private static Affiliation copyAffiliation(Affiliation a) {
        Affiliation c = new Affiliation();
        c.contributorId = a.contributorId;
        c.organisationId = a.organisationId;
        c.validFrom = a.validFrom;
        c.validTo = a.validTo;
        c.role = a.role;
        return c;
    }
}
