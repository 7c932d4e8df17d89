package io.counterpower.contributor;

import io.counterpower.common.text.Texts;

import io.counterpower.common.fact.Provenance;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Revisions;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Contributors (people) and the identities linked to them. */
@ApplicationScoped
public class ContributorService {
    static final Map<String, String> SORTABLE = Map.of("id", "c.id", "displayName", "lower(c.displayName)",
            "recordedAt", "c.recordedAt");
    static final Map<String, String> IDENTITY_SORTABLE = Map.of("id", "l.id", "recordedAt", "l.recordedAt");

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
    AffiliationService affiliations;

    // ---- contributors ------------------------------------------------------------------------

    /** A page of contributors; {@code q} was parsed by its Params, which refuse a search by email without a curator key. */
    Page<ContributorView> list(ContributorListQuery q) {
        Instant asOf = q.asOf();
        ListQuery<ContributorVersion> query = ListQuery.facts(ContributorVersion.class, "ContributorVersion c", "c");
        query.visibleAt("c", asOf)
                .and("lower(c.displayName) like :q escape '\\'", "q", q.nameLike());
        if (q.email() != null) {
            query.and("exists (select 1 from IdentityLink l, Identity i where i.id = l.id and l.contributorId = c.id"
                            + " and lower(i.email) = :email and " + linkVisibility(asOf) + ")")
                    .param("email", q.email());
        }
        if (q.organisation() != null) {
            Long orgId = organisations.currentId(q.organisation()).orElse(-1L);
            LocalDate day = asOf == null ? LocalDate.now(ZoneOffset.UTC) : asOf.atZone(ZoneOffset.UTC).toLocalDate();
            query.and("exists (select 1 from Affiliation a where a.contributorId = c.id and a.organisationId = :org"
                            + " and " + (asOf == null ? "a.supersededAt is null" : FactVersions.visibleAt("a"))
                            + " and (a.validFrom is null or a.validFrom <= :day) and (a.validTo is null or a.validTo >= :day))")
                    .param("org", orgId).param("day", day);
        }
        if (asOf != null) {
            query.param("asOf", asOf);
        }
        return query.page(em, q.page(), v -> view(v, asOf));
    }

    public ContributorView get(long id, Instant asOf) {
        return view(version(id, asOf), asOf);
    }

    List<ContributorView> history(long id) {
        requireHeader(id);
        return facts.history(ContributorVersion.class, id).stream().map(v -> view(v, v.supersededAt == null ? null : v.recordedAt)).toList();
    }

    /** Whether a contributor is currently recorded. */
    public boolean exists(long id) {
        return facts.find(ContributorVersion.class, id, null).isPresent();
    }

    @Transactional
    ContributorView create(ContributorInput in) {
        caller.requireCurator();
        FieldErrors errors = new FieldErrors();
        if (in.identities() != null) {
            for (int i = 0; i < in.identities().size(); i++) {
                validateIdentity(in.identities().get(i), "identities[" + i + "].", errors);
            }
        }
        errors.throwIfAny();
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        Contributor h = new Contributor();
        h.createdAt = write.at();
        h.persist();
        ContributorVersion v = new ContributorVersion();
        v.id = h.id;
        v.displayName = in.displayName().trim();
        v.note = in.note();
        facts.record(v, write);
        if (in.identities() != null) {
            for (int i = 0; i < in.identities().size(); i++) {
                link(h.id, in.identities().get(i), write, "identities[" + i + "]");
            }
        }
        ContributorView after = view(v, null);
        changes.record(ChangeLog.GLOBAL, "create", "contributor", String.valueOf(h.id), null, after, write.reason());
        return after;
    }

    @Transactional
    ContributorView update(long id, ContributorInput in, String ifMatch) {
        caller.requireCurator();
        ContributorVersion current = version(id, null);
        if (in.identities() != null) {
            throw ApiProblem.badRequest("identities", "are attached at /contributors/{id}/identities and edited at /identities/{id}");
        }
        io.counterpower.common.fact.ChangeReasons.require(in.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        ContributorView before = view(current, null);
        ContributorVersion next = new ContributorVersion();
        next.displayName = in.displayName().trim();
        next.note = in.note();
        facts.supersede(current, next, write);
        ContributorView after = view(next, null);
        changes.record(ChangeLog.GLOBAL, "update", "contributor", String.valueOf(id), before, after, write.reason());
        return after;
    }

    @Transactional
    void close(long id, String reason, String ifMatch) {
        caller.requireCurator();
        ContributorVersion current = version(id, null);
        reason = io.counterpower.common.fact.ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        if (!currentLinks(id).isEmpty()) {
            throw ApiProblem.conflict("Contributor " + id + " still has identities; move them to another contributor "
                    + "(PUT /api/v1/identities/{id}) before closing it, so that no contribution is orphaned");
        }
        ContributorView before = view(current, null);
        facts.close(current, Provenance.closing(false, current));
        changes.record(ChangeLog.GLOBAL, "close", "contributor", String.valueOf(id), before, null, reason);
    }

    // ---- identities --------------------------------------------------------------------------

    List<IdentityView> identitiesOf(long contributorId, Instant asOf) {
        requireHeader(contributorId);
        ListQuery<IdentityLink> query = ListQuery.facts(IdentityLink.class, "IdentityLink l", "l")
                .and("l.contributorId = :c", "c", contributorId);
        query.visibleAt("l", asOf);
        return query.all(em, "l.id asc").stream().map(this::identityView).toList();
    }

    /** A page of identity links; {@code q} was parsed by its Params, which refuse a search by email without a curator key. */
    Page<IdentityView> listIdentities(IdentityListQuery q) {
        ListQuery<IdentityLink> query = ListQuery.facts(IdentityLink.class, "IdentityLink l join Identity i on i.id = l.id", "l");
        query.visibleAt("l", q.asOf())
                .and("lower(i.email) = :email", "email", q.email())
                .and("i.platform = :platform", "platform", q.platform())
                .and("lower(i.username) = :username", "username", q.username());
        return query.page(em, q.page(), this::identityView);
    }

    IdentityView identity(long id, Instant asOf) {
        requireIdentity(id);
        return facts.find(IdentityLink.class, id, asOf).map(this::identityView)
                .orElseThrow(() -> ApiProblem.notFound("Identity " + id + " is not linked to any contributor"
                        + (asOf == null ? "" : " as recorded on " + asOf)));
    }

    @Transactional
    IdentityView attach(long contributorId, AttachIdentityInput in) {
        caller.requireCurator();
        version(contributorId, null);
        FieldErrors errors = new FieldErrors();
        validateIdentity(in.identity(), "identity.", errors);
        errors.throwIfAny();
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        IdentityLink link = link(contributorId, in.identity(), write, "identity");
        IdentityView after = identityView(link);
        changes.record(ChangeLog.GLOBAL, "create", "identity-link", String.valueOf(link.id), null, after, write.reason());
        return after;
    }

    @Transactional
    IdentityView relink(long identityId, IdentityLinkInput in, String ifMatch) {
        caller.requireCurator();
        requireIdentity(identityId);
        if (!exists(in.contributor())) {
            throw ApiProblem.badRequest("contributor", "no contributor " + in.contributor() + " is recorded");
        }
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        Optional<IdentityLink> current = facts.find(IdentityLink.class, identityId, null);
        IdentityLink next = new IdentityLink();
        next.contributorId = in.contributor();
        next.bot = in.bot();
        next.botReason = next.bot ? in.botReason() : null;
        IdentityView before = current.map(this::identityView).orElse(null);
        if (current.isPresent()) {
            io.counterpower.common.fact.ChangeReasons.require(in.reason());
            Revisions.checkIfMatch(ifMatch, current.get());
            facts.supersede(current.get(), next, write);
        } else {
            next.id = identityId;
            facts.record(next, write);
        }
        IdentityView after = identityView(next);
        changes.record(ChangeLog.GLOBAL, "update", "identity-link", String.valueOf(identityId), before, after, write.reason());
        return after;
    }

    // ---- internals --------------------------------------------------------------------------

    /**
     * Emails are shown to curators only; searching by email would let anyone test whether an
     * address is in the data, so it is a curator's query too.
     */
    static void requireCuratorToSearchByEmail(Caller caller) {
        if (!caller.isCurator()) {
            throw ApiProblem.forbidden("Searching by email needs a curator or admin key (emails are not public)");
        }
    }

    private IdentityLink link(long contributorId, IdentityInput in, FactWrite write, String field) {
        Identity identity = findIdentity(in).orElseGet(() -> {
            Identity created = new Identity();
            created.name = Texts.trimmedOrNull(in.name());
            created.email = Texts.trimmedOrNull(in.email());
            created.platform = Texts.trimmedOrNull(in.platform());
            created.username = Texts.trimmedOrNull(in.username());
            created.createdAt = write.at();
            created.persist();
            return created;
        });
        Optional<IdentityLink> existing = facts.find(IdentityLink.class, identity.id, null);
        if (existing.isPresent()) {
            String detail = existing.get().contributorId == contributorId
                    ? "this identity (" + identity.id + ") is already linked to contributor " + contributorId
                    : "this identity (" + identity.id + ") belongs to contributor " + existing.get().contributorId
                      + "; merge the two contributors, or move the identity with PUT /api/v1/identities/" + identity.id;
            throw ApiProblem.conflict(field, detail);
        }
        IdentityLink link = new IdentityLink();
        link.id = identity.id;
        link.contributorId = contributorId;
        link.bot = Boolean.TRUE.equals(in.bot());
        link.botReason = link.bot ? in.botReason() : null;
        return facts.record(link, write);
    }

    private Optional<Identity> findIdentity(IdentityInput in) {
        return em.createQuery("""
                        from Identity i where coalesce(i.name, '') = :name and coalesce(lower(i.email), '') = :email
                        and coalesce(i.platform, '') = :platform and coalesce(lower(i.username), '') = :username""", Identity.class)
                .setParameter("name", nullToEmpty(Texts.trimmedOrNull(in.name())))
                .setParameter("email", nullToEmpty(Texts.trimmedOrNull(in.email())).toLowerCase(Locale.ROOT))
                .setParameter("platform", nullToEmpty(Texts.trimmedOrNull(in.platform())))
                .setParameter("username", nullToEmpty(Texts.trimmedOrNull(in.username())).toLowerCase(Locale.ROOT))
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    private static void validateIdentity(IdentityInput in, String prefix, FieldErrors errors) {
        boolean hasEmail = in.email() != null && !in.email().isBlank();
        boolean hasUser = in.username() != null && !in.username().isBlank();
        boolean hasPlatform = in.platform() != null && !in.platform().isBlank();
        boolean hasName = in.name() != null && !in.name().isBlank();
        errors.check(hasEmail || hasUser || hasName, prefix + "email", "an identity needs an email, a username or a name");
        errors.check(hasUser == hasPlatform, hasUser ? prefix + "platform" : prefix + "username",
                "platform and username go together");
    }

    private ContributorView view(ContributorVersion v, Instant asOf) {
        return new ContributorView(v.id, v.displayName, v.note, identitiesOf(v.id, asOf),
                affiliations.ofContributor(v.id, asOf), FactSource.of(v), VersionInfo.of(v));
    }

    private IdentityView identityView(IdentityLink l) {
        Identity i = Identity.findById(l.id);
        String domain = i.email == null || !i.email.contains("@") ? null
                : i.email.substring(i.email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return new IdentityView(i.id, l.contributorId, i.name, caller.isCurator() ? i.email : null, domain, i.platform,
                i.username, l.bot, l.botReason, FactSource.of(l), VersionInfo.of(l));
    }

    private List<IdentityLink> currentLinks(long contributorId) {
        return IdentityLink.list("contributorId = ?1 and supersededAt is null", contributorId);
    }

    private void requireHeader(long id) {
        if (Contributor.findById(id) == null) {
            throw ApiProblem.notFound("No contributor " + id);
        }
    }

    private void requireIdentity(long id) {
        if (Identity.findById(id) == null) {
            throw ApiProblem.notFound("No identity " + id);
        }
    }

    private ContributorVersion version(long id, Instant asOf) {
        requireHeader(id);
        return facts.find(ContributorVersion.class, id, asOf).orElseThrow(() -> ApiProblem.notFound(asOf == null
                ? "Contributor " + id + " is not currently recorded (it was closed)"
                : "Contributor " + id + " was not recorded on " + asOf));
    }

    private static String linkVisibility(Instant asOf) {
        return asOf == null ? "l.supersededAt is null" : FactVersions.visibleAt("l");
    }



    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
