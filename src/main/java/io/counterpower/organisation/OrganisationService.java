package io.counterpower.organisation;

import io.counterpower.common.fact.Provenance;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.auth.OrganisationDirectory;
import io.counterpower.common.fact.ChangeReasons;
import io.counterpower.common.fact.FactDispute;
import io.counterpower.common.fact.FactDisputes;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactStore;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.Revisions;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Organisations and their parent periods: the shared facts every other feature refers to. */
@ApplicationScoped
public class OrganisationService implements OrganisationDirectory {
    static final Map<String, String> SORTABLE = Map.of("key", "h.key", "name", "lower(o.name)", "type", "o.type",
            "recordedAt", "o.recordedAt");
    static final Pattern DOMAIN = Pattern.compile("^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final String FROM = "OrganisationVersion o join Organisation h on h.id = o.id";
    static final String KIND = "organisation";
    static final String PARENT_KIND = "organisation-parent";

    /** An organisation's domains changed: the collectors attribute the work at them anew (DomainReattribution). */
    @Inject
    jakarta.enterprise.event.Event<io.counterpower.common.fact.DomainsChanged> domainsChanged;
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

    /** Keys never change, so the id -> key mapping can be cached for good. */
    private final Map<Long, String> keysById = new ConcurrentHashMap<>();

    // ---- lookups used by other features ------------------------------------------------------

    @Override
    public boolean exists(String key) {
        return currentId(key).isPresent();
    }

    /** The id of an organisation that is currently recorded. */
    public Optional<Long> currentId(String key) {
        return header(key).filter(h -> facts.find(OrganisationVersion.class, h.id, null).isPresent()).map(h -> h.id);
    }

    /** Resolves a reference to an organisation, adding a field error when it is not recorded. */
    public Long resolve(String key, String field, FieldErrors errors) {
        if (key == null) {
            return null;
        }
        Optional<Long> id = currentId(key);
        if (id.isEmpty()) {
            errors.add(field, "no organisation '" + key + "' is recorded");
            return null;
        }
        return id.get();
    }

    public String keyOf(long id) {
        return keysById.computeIfAbsent(id, i -> Organisation.<Organisation>findByIdOptional(i).map(h -> h.key).orElse(null));
    }

    // ---- organisations -----------------------------------------------------------------------

    Page<OrganisationView> list(OrganisationListQuery q) {
        Instant asOf = q.asOf();
        ListQuery<OrganisationVersion> query = ListQuery.facts(OrganisationVersion.class, FROM, "o");
        query.visibleAt("o", asOf)
                .and("o.type = :type", "type", q.type())
                .and("lower(o.name) like :q escape '\\' or h.key like :q escape '\\' or lower(array_to_string(o.aliases, ' ')) like :q escape '\\'", "q", q.nameLike())
                .and("o.id in :domainOwners", "domainOwners", q.domain() == null ? null : orNone(claimants(q.domain(), asOf)));
        return query.page(em, q.page(), v -> view(v, asOf));
    }

    /** Every organisation matching {@code q} (a CSV list is not paged), read a page at a time in the order asked for. */
    List<OrganisationView> all(OrganisationListQuery q) {
        List<OrganisationView> all = new ArrayList<>();
        for (int p = 0; ; p++) {
            Page<OrganisationView> read = list(q.fullPage(p));
            all.addAll(read.items());
            if (read.items().size() < PageRequest.MAX_SIZE || all.size() >= read.totalItems()) {
                return all;
            }
        }
    }

    public OrganisationView get(String key, Instant asOf) {
        return view(version(key, asOf), asOf);
    }

    List<OrganisationView> history(String key) {
        Organisation h = requireHeader(key);
        return facts.history(OrganisationVersion.class, h.id).stream().map(v -> view(v, v.supersededAt == null ? null : v.recordedAt)).toList();
    }

    @Transactional
    OrganisationView create(OrganisationInput in) {
        caller.requireCurator();
        FieldErrors errors = new FieldErrors();
        if (in.key() == null) {
            errors.add("key", "is required");
        }
        List<String> domains = validateNames(in, errors);
        errors.throwIfAny();
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        Organisation h = header(in.key()).orElse(null);
        if (h != null && facts.find(OrganisationVersion.class, h.id, null).isPresent()) {
            throw ApiProblem.conflict("key", "organisation '" + in.key() + "' is already recorded");
        }
        if (h == null) {
            h = new Organisation();
            h.key = in.key();
            h.createdAt = write.at();
            h.persist();
        }
        checkDomainsFree(h.id, domains);
        checkNamesFree(h.id, in.key(), in);
        OrganisationVersion v = fill(new OrganisationVersion(), in, domains);
        v.id = h.id;
        facts.record(v, write);
        OrganisationView after = view(v, null);
        changes.record(ChangeLog.GLOBAL, "create", "organisation", h.key, null, after, write.reason());
        domainsChanged.fire(io.counterpower.common.fact.DomainsChanged.between(List.of(), domains));
        return after;
    }

    /**
     * Edits an organisation as a new version; a reason is required. A steward key edits only a
     * version it self-reported itself: its edit of any other opens a dispute that a curator decides
     * (issue 17), once the edit is known to be valid.
     */
    @Transactional
    FactStore.Written<OrganisationView> update(String key, OrganisationInput in, String ifMatch) {
        OrganisationVersion current = version(key, null);
        boolean asSteward = caller.requireCuratorOrStewardOf(List.of(key));
        FieldErrors errors = new FieldErrors();
        errors.check(in.key() == null || in.key().equals(key), "key", "cannot be changed (it is the organisation's permanent identifier)");
        List<String> domains = validateNames(in, errors);
        errors.throwIfAny();
        String reason = ChangeReasons.require(in.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, in.source(), reason, asSteward);
        checkDomainsFree(current.id, domains);
        checkNamesFree(current.id, key, in);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, KIND, current.id, "edit", in, null, reason));
        }
        write.checkMayReplace(current);
        return new FactStore.Written<>(supersede(key, current, in, domains, write), null);
    }

    /**
     * Closes an organisation; a reason is required. A steward key's close of its own organisation
     * opens a dispute (unless it self-reported the version itself): only a curator closes one.
     */
    @Transactional
    FactStore.Written<OrganisationView> close(String key, String reason, String ifMatch) {
        OrganisationVersion current = version(key, null);
        boolean asSteward = caller.requireCuratorOrStewardOf(List.of(key));
        String why = ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, KIND, current.id, "close", null, null, why));
        }
        OrganisationView before = view(current, null);
        facts.close(current, Provenance.closing(asSteward, current));
        changes.record(ChangeLog.GLOBAL, "close", KIND, key, before, null, why);
        domainsChanged.fire(io.counterpower.common.fact.DomainsChanged.between(domainList(current), List.of()));
        return new FactStore.Written<>(null, null);
    }

    /** Applies an accepted dispute of an organisation (see {@link OrganisationDisputeTargets}). */
    long applyOrganisationDispute(FactDispute dispute, String reason) {
        OrganisationVersion current = facts.find(OrganisationVersion.class, dispute.factId, null).orElseThrow(() -> ApiProblem.conflict(
                "The organisation " + dispute.factId + " is no longer current; reject the dispute instead"));
        String key = keyOf(current.id);
        if ("close".equals(dispute.action)) {
            OrganisationView before = view(current, null);
            facts.close(current, Instants.now());
            changes.record(ChangeLog.GLOBAL, "close", KIND, key, before, null, reason);
            domainsChanged.fire(io.counterpower.common.fact.DomainsChanged.between(domainList(current), List.of()));
            return current.id;
        }
        OrganisationInput in = json.convertValue(dispute.proposal, OrganisationInput.class);
        FieldErrors errors = new FieldErrors();
        List<String> domains = validateNames(in, errors);
        errors.throwIfAny();
        checkDomainsFree(current.id, domains);
        checkNamesFree(current.id, key, in);
        supersede(key, current, in, domains, acceptedWrite(in.source(), reason));
        return current.id;
    }

    private OrganisationView supersede(String key, OrganisationVersion current, OrganisationInput in, List<String> domains, FactWrite write) {
        OrganisationView before = view(current, null);
        OrganisationVersion next = facts.supersede(current, fill(new OrganisationVersion(), in, domains), write);
        OrganisationView after = view(next, null);
        changes.record(ChangeLog.GLOBAL, "update", KIND, key, before, after, write.reason());
        domainsChanged.fire(io.counterpower.common.fact.DomainsChanged.between(domainList(current), domains));
        return after;
    }

    private static List<String> domainList(OrganisationVersion v) {
        return v.domains == null ? List.of() : List.of(v.domains);
    }

    /** An accepted dispute keeps the steward's source (self-reported); the key and the reason are the curator's. */
    private FactWrite acceptedWrite(io.counterpower.common.fact.SourceInput source, String reason) {
        return new FactWrite(new FactSource(SourceKind.SELF_REPORTED, source.url(), source.note(), source.confidence()),
                Instants.now(), caller.keyId(), reason);
    }

    /** Whether the calling key recorded this version itself, as self-reported (a steward's own claim). */
    private boolean recordedBySelf(io.counterpower.common.fact.VersionedFact current) {
        return current.sourceKind == SourceKind.SELF_REPORTED && java.util.Objects.equals(current.recordedBy, caller.keyId());
    }

    // ---- parents ----------------------------------------------------------------------------

    List<ParentView> parents(String key, Instant asOf) {
        Organisation h = requireHeader(key);
        return parentsOf(h.id, asOf);
    }

    @Transactional
    ParentView addParent(String key, ParentInput in) {
        Organisation h = requireHeader(key);
        version(key, null);
        boolean asSteward = caller.requireCuratorOrStewardOf(List.of(key));
        FieldErrors errors = new FieldErrors();
        Long parentId = validateParent(h, in, errors);
        errors.throwIfAny();
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), asSteward);
        checkParentOverlap(h.id, null, in);
        OrganisationParent p = new OrganisationParent();
        p.id = facts.newFactId();
        p.organisationId = h.id;
        p.parentId = parentId;
        p.validFrom = in.from();
        p.validTo = in.to();
        facts.record(p, write);
        ParentView after = parentView(p);
        changes.record(ChangeLog.GLOBAL, "create", "organisation-parent", String.valueOf(p.id), null, after, write.reason());
        return after;
    }

    /** Edits a parent period; a steward's edit of a period it did not self-report opens a dispute. */
    @Transactional
    FactStore.Written<ParentView> updateParent(String key, long id, ParentInput in, String ifMatch) {
        Organisation h = requireHeader(key);
        OrganisationParent current = currentParent(h, id);
        boolean asSteward = caller.requireCuratorOrStewardOf(List.of(key));
        FieldErrors errors = new FieldErrors();
        Long parentId = validateParent(h, in, errors);
        errors.throwIfAny();
        String reason = ChangeReasons.require(in.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, in.source(), reason, asSteward);
        checkParentOverlap(h.id, id, in);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, PARENT_KIND, id, "edit", in, null, reason));
        }
        write.checkMayReplace(current);
        return new FactStore.Written<>(supersedeParent(h, current, parentId, in, write), null);
    }

    /** Closes a parent period; a steward's close of a period it did not self-report opens a dispute. */
    @Transactional
    FactStore.Written<ParentView> closeParent(String key, long id, String reason, String ifMatch) {
        Organisation h = requireHeader(key);
        OrganisationParent current = currentParent(h, id);
        boolean asSteward = caller.requireCuratorOrStewardOf(List.of(key));
        String why = ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.GLOBAL, PARENT_KIND, id, "close", null, null, why));
        }
        ParentView before = parentView(current);
        facts.close(current, Provenance.closing(asSteward, current));
        changes.record(ChangeLog.GLOBAL, "close", PARENT_KIND, String.valueOf(id), before, null, why);
        return new FactStore.Written<>(null, null);
    }

    /** Applies an accepted dispute of a parent period (see {@link OrganisationDisputeTargets}). */
    long applyParentDispute(FactDispute dispute, String reason) {
        OrganisationParent current = facts.find(OrganisationParent.class, dispute.factId, null).orElseThrow(() -> ApiProblem.conflict(
                "The parent period " + dispute.factId + " is no longer current; reject the dispute instead"));
        if ("close".equals(dispute.action)) {
            ParentView before = parentView(current);
            facts.close(current, Instants.now());
            changes.record(ChangeLog.GLOBAL, "close", PARENT_KIND, String.valueOf(current.id), before, null, reason);
            return current.id;
        }
        Organisation h = Organisation.<Organisation>findByIdOptional(current.organisationId).orElseThrow();
        ParentInput in = json.convertValue(dispute.proposal, ParentInput.class);
        FieldErrors errors = new FieldErrors();
        Long parentId = validateParent(h, in, errors);
        errors.throwIfAny();
        checkParentOverlap(h.id, current.id, in);
        supersedeParent(h, current, parentId, in, acceptedWrite(in.source(), reason));
        return current.id;
    }

    private ParentView supersedeParent(Organisation h, OrganisationParent current, Long parentId, ParentInput in, FactWrite write) {
        ParentView before = parentView(current);
        OrganisationParent next = new OrganisationParent();
        next.organisationId = h.id;
        next.parentId = parentId;
        next.validFrom = in.from();
        next.validTo = in.to();
        facts.supersede(current, next, write);
        ParentView after = parentView(next);
        changes.record(ChangeLog.GLOBAL, "update", PARENT_KIND, String.valueOf(current.id), before, after, write.reason());
        return after;
    }

    // ---- internals --------------------------------------------------------------------------

    private Optional<Organisation> header(String key) {
        return Organisation.find("key", key).firstResultOptional();
    }

    private Organisation requireHeader(String key) {
        return header(key).orElseThrow(() -> ApiProblem.notFound("No organisation '" + key + "'"));
    }

    private OrganisationVersion version(String key, Instant asOf) {
        Organisation h = requireHeader(key);
        return facts.find(OrganisationVersion.class, h.id, asOf).orElseThrow(() -> ApiProblem.notFound(asOf == null
                ? "Organisation '" + key + "' is not currently recorded (it was closed)"
                : "Organisation '" + key + "' was not recorded on " + asOf));
    }

    private OrganisationParent currentParent(Organisation h, long id) {
        return facts.find(OrganisationParent.class, id, null).filter(p -> p.organisationId.equals(h.id))
                .orElseThrow(() -> ApiProblem.notFound("No current parent period " + id + " for organisation '" + h.key + "'"));
    }

    private OrganisationView view(OrganisationVersion v, Instant asOf) {
        return OrganisationView.from(keyOf(v.id), v, parentsOf(v.id, asOf));
    }

    private List<ParentView> parentsOf(long organisationId, Instant asOf) {
        ListQuery<OrganisationParent> query = ListQuery.facts(OrganisationParent.class, "OrganisationParent o", "o")
                .and("o.organisationId = :org", "org", organisationId);
        return query.visibleAt("o", asOf).all(em, "o.validFrom asc nulls first, o.rowId asc").stream().map(this::parentView).toList();
    }

    private ParentView parentView(OrganisationParent p) {
        return new ParentView(p.id, keyOf(p.organisationId), keyOf(p.parentId), p.validFrom, p.validTo,
                FactSource.of(p), VersionInfo.of(p));
    }

    private OrganisationVersion fill(OrganisationVersion v, OrganisationInput in, List<String> domains) {
        v.name = in.name().trim();
        v.type = in.type();
        v.aliases = in.aliases() == null ? new String[0]
                : new LinkedHashSet<>(in.aliases().stream().map(String::trim).toList()).toArray(String[]::new);
        v.domains = domains.toArray(String[]::new);
        v.note = in.note();
        return v;
    }

    private List<String> validateNames(OrganisationInput in, FieldErrors errors) {
        List<String> domains = new ArrayList<>();
        if (in.domains() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < in.domains().size(); i++) {
                String raw = in.domains().get(i);
                String d = raw == null ? "" : normaliseDomain(raw);
                if (!DOMAIN.matcher(d).matches()) {
                    errors.add("domains[" + i + "]", "must be an email domain such as example.org");
                } else if (seen.add(d)) {
                    domains.add(d);
                }
            }
        }
        return domains;
    }

    static String normaliseDomain(String raw) {
        String d = raw.trim().toLowerCase(Locale.ROOT);
        return d.startsWith("@") ? d.substring(1) : d;
    }

    /** Two organisations claiming one domain would make email-domain inference ambiguous. */
    private void checkDomainsFree(long organisationId, List<String> domains) {
        for (String d : domains) {
            List<Long> claimed = claimants(d, null).stream().filter(id -> id != organisationId).toList();
            if (!claimed.isEmpty()) {
                throw ApiProblem.conflict("domains", "domain '" + d + "' is already claimed by organisation '"
                        + keyOf(claimed.get(0)) + "'");
            }
        }
    }

    /**
     * An organisation's key, name and aliases may not be another current organisation's key, name
     * or alias, whatever the case: imports match employers by them, so a steward that claimed
     * another company's name as its alias would be given that company's people (issue 17).
     */
    private void checkNamesFree(long organisationId, String key, OrganisationInput in) {
        List<String> names = new ArrayList<>();
        names.add(key);
        if (in.name() != null) {
            names.add(in.name());
        }
        if (in.aliases() != null) {
            names.addAll(in.aliases());
        }
        String[] lowered = names.stream().filter(n -> n != null && !n.isBlank())
                .map(n -> n.trim().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> taken = em.createNativeQuery("""
                        select h.key, n.name from organisation h
                        join organisation_version v on v.id = h.id and v.superseded_at is null
                        cross join lateral (select lower(h.key) union all select lower(v.name)
                                            union all select lower(a) from unnest(v.aliases) a) as n(name)
                        where h.id <> ?2 and n.name = any(cast(?1 as text[]))
                        order by h.key limit 1""")
                .setParameter(1, lowered).setParameter(2, organisationId).getResultList();
        if (!taken.isEmpty()) {
            String name = (String) taken.get(0)[1];
            String field = name.equals(key.trim().toLowerCase(Locale.ROOT)) ? "key"
                    : in.name() != null && name.equals(in.name().trim().toLowerCase(Locale.ROOT)) ? "name" : "aliases";
            throw ApiProblem.conflict(field, "'" + name + "' already names organisation '" + taken.get(0)[0]
                    + "' (keys, names and aliases are unique across organisations, ignoring case)");
        }
    }

    /** "in ()" is not valid SQL: an id that no row has stands for "none". */
    private static List<Long> orNone(List<Long> ids) {
        return ids.isEmpty() ? List.of(-1L) : ids;
    }

    /** Organisations whose version visible at {@code asOf} (current when null) lists the domain. */
    private List<Long> claimants(String domain, Instant asOf) {
        // Native SQL: the GIN index on domains serves "= any" / "@>" directly.
        var query = em.createNativeQuery("select id from organisation_version where domains @> array[cast(?1 as text)] and "
                        + (asOf == null ? "superseded_at is null"
                        : "visible_at(recorded_at, superseded_at, ?2)"))
                .setParameter(1, domain);
        if (asOf != null) {
            query.setParameter(2, asOf);
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = query.getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private Long validateParent(Organisation h, ParentInput in, FieldErrors errors) {
        Periods.validate(in.from(), in.to(), errors);
        Long parentId = resolve(in.parent(), "parent", errors);
        if (parentId != null && parentId.equals(h.id)) {
            errors.add("parent", "an organisation cannot be its own parent");
            return null;
        }
        if (parentId != null && ancestors(parentId).contains(h.id)) {
            errors.add("parent", "'" + in.parent() + "' is already below '" + h.key + "'; a parent chain cannot loop");
        }
        return parentId;
    }

    private Set<Long> ancestors(long organisationId) {
        Set<Long> seen = new HashSet<>();
        List<Long> frontier = List.of(organisationId);
        while (!frontier.isEmpty()) {
            List<Long> parents = em.createQuery(
                            "select distinct p.parentId from OrganisationParent p where p.supersededAt is null and p.organisationId in :ids", Long.class)
                    .setParameter("ids", frontier).getResultList();
            frontier = parents.stream().filter(seen::add).toList();
        }
        return seen;
    }

    private void checkParentOverlap(long organisationId, Long exceptId, ParentInput in) {
        for (OrganisationParent other : parentsOfCurrent(organisationId)) {
            if (!other.id.equals(exceptId) && Periods.overlap(in.from(), in.to(), other.validFrom, other.validTo)) {
                throw ApiProblem.conflict("from", "the period " + Periods.describe(in.from(), in.to())
                        + " overlaps parent period " + other.id + " (" + keyOf(other.parentId) + ", "
                        + Periods.describe(other.validFrom, other.validTo) + "); an organisation has one parent at a time: "
                        + "end that period first");
            }
        }
    }

    private List<OrganisationParent> parentsOfCurrent(long organisationId) {
        return OrganisationParent.list("organisationId = ?1 and supersededAt is null", organisationId);
    }
}
