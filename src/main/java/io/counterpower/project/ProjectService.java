package io.counterpower.project;

import io.counterpower.common.text.Texts;

import io.counterpower.common.fact.Provenance;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.ChangeReasons;
import io.counterpower.common.fact.FactDispute;
import io.counterpower.common.fact.FactDisputes;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactStore;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.Revisions;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedFact;
import io.counterpower.common.fact.VersionInfo;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import io.counterpower.organisation.OrganisationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Projects, their repositories and their steward periods. */
@ApplicationScoped
public class ProjectService {
    static final Map<String, String> SORTABLE = Map.of("slug", "h.slug", "name", "lower(p.name)", "kind", "p.kind",
            "origin", "p.origin", "recordedAt", "p.recordedAt");
    private static final String FROM = "ProjectVersion p join Project h on h.id = p.id";
    static final String KIND = "project";
    static final String REPOSITORY_KIND = "project-repository";
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+$");

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

    /** Slugs never change, so the id -> slug mapping can be cached for good. */
    private final Map<Long, String> slugsById = new ConcurrentHashMap<>();

    // ---- lookups used by other features ------------------------------------------------------

    public String slugOf(long id) {
        return slugsById.computeIfAbsent(id, i -> Project.<Project>findByIdOptional(i).map(h -> h.slug).orElse(null));
    }

    /** The id of a project that is currently recorded, or a 404. */
    public long requireId(String slug) {
        Project h = requireHeader(slug);
        facts.find(ProjectVersion.class, h.id, null)
                .orElseThrow(() -> ApiProblem.notFound("Project '" + slug + "' is not currently recorded (it was closed)"));
        return h.id;
    }

    /** Resolves a reference to a project by slug, adding a field error when it is not recorded. */
    public Long resolve(String slug, String field, FieldErrors errors) {
        if (slug == null || slug.isBlank()) {
            errors.add(field, "is required (a project slug)");
            return null;
        }
        Project h = Project.<Project>find("slug", slug.trim()).firstResultOptional().orElse(null);
        if (h == null || facts.find(ProjectVersion.class, h.id, null).isEmpty()) {
            errors.add(field, "no project '" + slug + "' is recorded");
            return null;
        }
        return h.id;
    }

    /** The id of a project by slug, or null when there is none (for list filters: no match). */
    public Long idOrNull(String slug) {
        return slug == null ? null : Project.<Project>find("slug", slug.trim()).firstResultOptional().map(h -> h.id).orElse(-1L);
    }

    /**
     * Keys of the organisations whose steward keys may write a fact about the project dated
     * {@code day}: those that steward it today, in the stewardship period that also covers the
     * fact's day (issue 17: a steward key covers the projects it stewards now, and the facts
     * dated while it stewards them; docs/decisions.md).
     */
    public List<String> stewardKeysOn(long projectId, LocalDate day) {
        LocalDate today = today();
        return currentStewards(projectId).stream().filter(s -> s.covers(day) && s.covers(today))
                .map(s -> organisations.keyOf(s.organisationId)).toList();
    }

    /** Ids of the currently recorded projects an organisation stewards on a day, in id order. */
    public List<Long> stewardedBy(long organisationId, LocalDate day) {
        return ProjectSteward.<ProjectSteward>list("organisationId = ?1 and supersededAt is null", organisationId).stream()
                .filter(s -> s.covers(day)).map(s -> s.projectId).distinct().sorted()
                .filter(id -> facts.find(ProjectVersion.class, id, null).isPresent()).toList();
    }

    // ---- projects ----------------------------------------------------------------------------

    Page<ProjectView> list(ProjectListQuery q) {
        Instant asOf = q.asOf();
        ListQuery<ProjectVersion> query = ListQuery.facts(ProjectVersion.class, FROM, "p");
        query.visibleAt("p", asOf)
                .and("p.kind = :kind", "kind", q.kind())
                .and("p.origin = :origin", "origin", q.origin())
                .and("lower(p.name) like :q escape '\\' or h.slug like :q escape '\\'", "q", q.nameLike());
        if (q.steward() != null) {
            Long stewardId = organisations.currentId(q.steward()).orElse(-1L);
            LocalDate day = dayOf(asOf);
            query.and("exists (select 1 from ProjectSteward s where s.projectId = p.id and s.organisationId = :steward"
                            + " and " + (asOf == null ? "s.supersededAt is null" : FactVersions.visibleAt("s"))
                            + " and (s.validFrom is null or s.validFrom <= :day) and (s.validTo is null or s.validTo >= :day))")
                    .param("steward", stewardId).param("day", day);
        }
        return query.page(em, q.page(), v -> view(v, asOf));
    }

    public ProjectView get(String slug, Instant asOf) {
        return view(version(slug, asOf), asOf);
    }

    List<ProjectView> history(String slug) {
        Project h = requireHeader(slug);
        return facts.history(ProjectVersion.class, h.id).stream().map(v -> view(v, v.supersededAt == null ? null : v.recordedAt)).toList();
    }

    @Transactional
    ProjectView create(ProjectInput in) {
        caller.requireCurator();
        FieldErrors errors = new FieldErrors();
        errors.check(in.slug() != null, "slug", "is required");
        Long upstreamId = validateFork(in, null, errors);
        if (in.repositories() != null) {
            for (int i = 0; i < in.repositories().size(); i++) {
                validateRepository(in.repositories().get(i), "repositories[" + i + "].", errors);
            }
        }
        Long stewardOrg = null;
        if (in.steward() != null) {
            Periods.validate(in.steward().from(), in.steward().to(), "steward.", errors);
            stewardOrg = organisations.resolve(in.steward().organisation(), "steward.organisation", errors);
        }
        errors.throwIfAny();
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        Project h = Project.<Project>find("slug", in.slug()).firstResultOptional().orElse(null);
        if (h != null && facts.find(ProjectVersion.class, h.id, null).isPresent()) {
            throw ApiProblem.conflict("slug", "project '" + in.slug() + "' is already recorded");
        }
        if (h == null) {
            h = new Project();
            h.slug = in.slug();
            h.createdAt = write.at();
            h.persist();
        }
        ProjectVersion v = fill(new ProjectVersion(), in, upstreamId);
        v.id = h.id;
        facts.record(v, write);
        if (in.repositories() != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RepositoryInput r : in.repositories()) {
                if (seen.add(r.url().trim())) {
                    recordRepository(h.id, r, nestedWrite(r.source(), r.reason(), write));
                }
            }
        }
        if (in.steward() != null) {
            recordSteward(h.id, stewardOrg, in.steward(), nestedWrite(in.steward().source(), in.steward().reason(), write));
        }
        ProjectView after = view(v, null);
        changes.record(ChangeLog.projectScope(h.id), "create", "project", h.slug, null, after, write.reason());
        return after;
    }

    /**
     * Edits a project as a new version; a reason is required. A steward key edits only a version it
     * self-reported itself: its edit of any other opens a dispute that a curator decides (issue 17).
     */
    @Transactional
    FactStore.Written<ProjectView> update(String slug, ProjectInput in, String ifMatch) {
        ProjectVersion current = version(slug, null);
        boolean asSteward = caller.requireCuratorOrStewardOf(stewardKeysOn(current.id, today()));
        FieldErrors errors = new FieldErrors();
        errors.check(in.slug() == null || in.slug().equals(slug), "slug", "cannot be changed (it is the project's permanent identifier)");
        errors.check(in.repositories() == null, "repositories", "are edited at /projects/{slug}/repositories");
        errors.check(in.steward() == null, "steward", "is edited at /projects/{slug}/stewards");
        Long upstreamId = validateFork(in, current.id, errors);
        errors.throwIfAny();
        String reason = ChangeReasons.require(in.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, in.source(), reason, asSteward);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.projectScope(current.id), KIND, current.id, "edit", in, null, reason));
        }
        write.checkMayReplace(current);
        return new FactStore.Written<>(supersede(slug, current, in, upstreamId, write), null);
    }

    /**
     * Closes a project; a reason is required. A steward key's close of a project it stewards opens
     * a dispute (unless it self-reported the version itself): only a curator closes one.
     */
    @Transactional
    FactStore.Written<ProjectView> close(String slug, String reason, String ifMatch) {
        ProjectVersion current = version(slug, null);
        boolean asSteward = caller.requireCuratorOrStewardOf(stewardKeysOn(current.id, today()));
        String why = ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.projectScope(current.id), KIND, current.id, "close", null, null, why));
        }
        ProjectView before = view(current, null);
        facts.close(current, Provenance.closing(asSteward, current));
        changes.record(ChangeLog.projectScope(current.id), "close", KIND, slug, before, null, why);
        return new FactStore.Written<>(null, null);
    }

    /** Applies an accepted dispute of a project (see {@link ProjectDisputeTargets}). */
    long applyProjectDispute(FactDispute dispute, String reason) {
        ProjectVersion current = facts.find(ProjectVersion.class, dispute.factId, null).orElseThrow(() -> ApiProblem.conflict(
                "The project " + dispute.factId + " is no longer current; reject the dispute instead"));
        String slug = slugOf(current.id);
        if ("close".equals(dispute.action)) {
            ProjectView before = view(current, null);
            facts.close(current, Instants.now());
            changes.record(ChangeLog.projectScope(current.id), "close", KIND, slug, before, null, reason);
            return current.id;
        }
        ProjectInput in = json.convertValue(dispute.proposal, ProjectInput.class);
        FieldErrors errors = new FieldErrors();
        Long upstreamId = validateFork(in, current.id, errors);
        errors.throwIfAny();
        supersede(slug, current, in, upstreamId, acceptedWrite(in.source(), reason));
        return current.id;
    }

    private ProjectView supersede(String slug, ProjectVersion current, ProjectInput in, Long upstreamId, FactWrite write) {
        ProjectView before = view(current, null);
        ProjectVersion next = facts.supersede(current, fill(new ProjectVersion(), in, upstreamId), write);
        ProjectView after = view(next, null);
        changes.record(ChangeLog.projectScope(current.id), "update", KIND, slug, before, after, write.reason());
        return after;
    }

    /** An accepted dispute keeps the steward's source (self-reported); the key and the reason are the curator's. */
    private FactWrite acceptedWrite(SourceInput source, String reason) {
        return new FactWrite(new FactSource(SourceKind.SELF_REPORTED, source.url(), source.note(), source.confidence()),
                Instants.now(), caller.keyId(), reason);
    }

    /** Whether the calling key recorded this version itself, as self-reported (a steward's own claim). */
    private boolean recordedBySelf(VersionedFact current) {
        return current.sourceKind == SourceKind.SELF_REPORTED && java.util.Objects.equals(current.recordedBy, caller.keyId());
    }

    // ---- repositories ------------------------------------------------------------------------

    public List<RepositoryView> repositories(String slug, Instant asOf) {
        return repositoriesOf(requireHeader(slug).id, asOf);
    }

    @Transactional
    RepositoryView addRepository(String slug, RepositoryInput in) {
        long projectId = requireId(slug);
        boolean asSteward = caller.requireCuratorOrStewardOf(stewardKeysOn(projectId, today()));
        FieldErrors errors = new FieldErrors();
        validateRepository(in, "", errors);
        errors.check(in.source() != null, "source", "is required");
        errors.throwIfAny();
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), asSteward);
        ProjectRepository r = recordRepository(projectId, in, write);
        RepositoryView after = RepositoryView.from(r);
        changes.record(ChangeLog.projectScope(projectId), "create", "project-repository", String.valueOf(r.id), null, after, write.reason());
        return after;
    }

    /** Edits a repository; a steward's edit of a repository it did not self-report opens a dispute. */
    @Transactional
    FactStore.Written<RepositoryView> updateRepository(String slug, long id, RepositoryInput in, String ifMatch) {
        long projectId = requireId(slug);
        ProjectRepository current = facts.find(ProjectRepository.class, id, null).filter(r -> r.projectId == projectId)
                .orElseThrow(() -> ApiProblem.notFound("No current repository " + id + " in project '" + slug + "'"));
        boolean asSteward = caller.requireCuratorOrStewardOf(stewardKeysOn(projectId, today()));
        FieldErrors errors = new FieldErrors();
        validateRepository(in, "", errors);
        errors.check(in.source() != null, "source", "is required");
        errors.throwIfAny();
        String reason = ChangeReasons.require(in.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, in.source(), reason, asSteward);
        checkRepositoryFree(projectId, in.url().trim(), id);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.projectScope(projectId), REPOSITORY_KIND, id, "edit", in, null, reason));
        }
        write.checkMayReplace(current);
        return new FactStore.Written<>(supersedeRepository(current, in, write), null);
    }

    /** Closes a repository; a steward's close of a repository it did not self-report opens a dispute. */
    @Transactional
    FactStore.Written<RepositoryView> closeRepository(String slug, long id, String reason, String ifMatch) {
        long projectId = requireId(slug);
        ProjectRepository current = facts.find(ProjectRepository.class, id, null).filter(r -> r.projectId == projectId)
                .orElseThrow(() -> ApiProblem.notFound("No current repository " + id + " in project '" + slug + "'"));
        boolean asSteward = caller.requireCuratorOrStewardOf(stewardKeysOn(projectId, today()));
        String why = ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        if (asSteward && !recordedBySelf(current)) {
            return new FactStore.Written<>(null, disputes.open(ChangeLog.projectScope(projectId), REPOSITORY_KIND, id, "close", null, null, why));
        }
        RepositoryView before = RepositoryView.from(current);
        facts.close(current, Provenance.closing(asSteward, current));
        changes.record(ChangeLog.projectScope(projectId), "close", REPOSITORY_KIND, String.valueOf(id), before, null, why);
        return new FactStore.Written<>(null, null);
    }

    /** Applies an accepted dispute of a repository (see {@link ProjectDisputeTargets}). */
    long applyRepositoryDispute(FactDispute dispute, String reason) {
        ProjectRepository current = facts.find(ProjectRepository.class, dispute.factId, null).orElseThrow(() -> ApiProblem.conflict(
                "The repository " + dispute.factId + " is no longer current; reject the dispute instead"));
        if ("close".equals(dispute.action)) {
            RepositoryView before = RepositoryView.from(current);
            facts.close(current, Instants.now());
            changes.record(ChangeLog.projectScope(current.projectId), "close", REPOSITORY_KIND, String.valueOf(current.id), before, null, reason);
            return current.id;
        }
        RepositoryInput in = json.convertValue(dispute.proposal, RepositoryInput.class);
        FieldErrors errors = new FieldErrors();
        validateRepository(in, "", errors);
        errors.throwIfAny();
        checkRepositoryFree(current.projectId, in.url().trim(), current.id);
        supersedeRepository(current, in, acceptedWrite(in.source(), reason));
        return current.id;
    }

    private RepositoryView supersedeRepository(ProjectRepository current, RepositoryInput in, FactWrite write) {
        RepositoryView before = RepositoryView.from(current);
        ProjectRepository next = new ProjectRepository();
        next.projectId = current.projectId;
        next.url = in.url().trim();
        next.branch = Texts.trimmedOrNull(in.branch());
        next.role = in.role() == null ? Artifact.CODE : in.role();
        facts.supersede(current, next, write);
        RepositoryView after = RepositoryView.from(next);
        changes.record(ChangeLog.projectScope(current.projectId), "update", REPOSITORY_KIND, String.valueOf(current.id), before, after,
                write.reason());
        return after;
    }

    // ---- stewards ----------------------------------------------------------------------------

    public List<StewardView> stewards(String slug, Instant asOf) {
        return stewardsOf(requireHeader(slug).id, asOf);
    }

    /** Steward periods are written by curators only: a steward key could otherwise claim any project. */
    @Transactional
    StewardView addSteward(String slug, StewardInput in) {
        long projectId = requireId(slug);
        caller.requireCurator();
        FieldErrors errors = new FieldErrors();
        Periods.validate(in.from(), in.to(), errors);
        Long org = organisations.resolve(in.organisation(), "organisation", errors);
        errors.check(in.source() != null, "source", "is required");
        errors.throwIfAny();
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        ProjectSteward s = recordSteward(projectId, org, in, write);
        StewardView after = stewardView(s);
        changes.record(ChangeLog.projectScope(projectId), "create", "project-steward", String.valueOf(s.id), null, after, write.reason());
        return after;
    }

    @Transactional
    StewardView updateSteward(String slug, long id, StewardInput in, String ifMatch) {
        long projectId = requireId(slug);
        caller.requireCurator();
        ProjectSteward current = currentSteward(projectId, id, slug);
        FieldErrors errors = new FieldErrors();
        Periods.validate(in.from(), in.to(), errors);
        Long org = organisations.resolve(in.organisation(), "organisation", errors);
        errors.check(in.source() != null, "source", "is required");
        errors.throwIfAny();
        io.counterpower.common.fact.ChangeReasons.require(in.reason());
        Revisions.checkIfMatch(ifMatch, current);
        FactWrite write = Provenance.of(caller, in.source(), in.reason(), false);
        checkStewardOverlap(projectId, id, in.from(), in.to());
        StewardView before = stewardView(current);
        ProjectSteward next = new ProjectSteward();
        next.projectId = projectId;
        next.organisationId = org;
        next.validFrom = in.from();
        next.validTo = in.to();
        facts.supersede(current, next, write);
        StewardView after = stewardView(next);
        changes.record(ChangeLog.projectScope(projectId), "update", "project-steward", String.valueOf(id), before, after, write.reason());
        return after;
    }

    @Transactional
    void closeSteward(String slug, long id, String reason, String ifMatch) {
        long projectId = requireId(slug);
        caller.requireCurator();
        ProjectSteward current = currentSteward(projectId, id, slug);
        reason = io.counterpower.common.fact.ChangeReasons.require(reason);
        Revisions.checkIfMatch(ifMatch, current);
        StewardView before = stewardView(current);
        facts.close(current, Provenance.closing(false, current));
        changes.record(ChangeLog.projectScope(projectId), "close", "project-steward", String.valueOf(id), before, null, reason);
    }

    // ---- internals --------------------------------------------------------------------------


    private Project requireHeader(String slug) {
        return Project.<Project>find("slug", slug).firstResultOptional()
                .orElseThrow(() -> ApiProblem.notFound("No project '" + slug + "'"));
    }

    private ProjectVersion version(String slug, Instant asOf) {
        Project h = requireHeader(slug);
        return facts.find(ProjectVersion.class, h.id, asOf).orElseThrow(() -> ApiProblem.notFound(asOf == null
                ? "Project '" + slug + "' is not currently recorded (it was closed)"
                : "Project '" + slug + "' was not recorded on " + asOf));
    }

    private ProjectView view(ProjectVersion v, Instant asOf) {
        List<StewardView> stewards = stewardsOf(v.id, asOf);
        LocalDate day = dayOf(asOf);
        String steward = stewards.stream()
                .filter(s -> (s.from() == null || !s.from().isAfter(day)) && (s.to() == null || !s.to().isBefore(day)))
                .map(StewardView::organisation).findFirst().orElse(null);
        Map<String, LocalDate> reach = collectedThrough(v.id, asOf);
        return new ProjectView(slugOf(v.id), v.name, v.kind, v.origin, v.description, v.homepage,
                v.upstreamProjectId == null ? null : slugOf(v.upstreamProjectId), v.forkPointCommit, v.forkPointDate,
                steward, repositoriesOf(v.id, asOf, reach), stewards, FactSource.of(v), VersionInfo.of(v),
                reach.values().stream().max(LocalDate::compareTo).orElse(null));
    }

    private List<RepositoryView> repositoriesOf(long projectId, Instant asOf) {
        return repositoriesOf(projectId, asOf, collectedThrough(projectId, asOf));
    }

    private List<RepositoryView> repositoriesOf(long projectId, Instant asOf, Map<String, LocalDate> reach) {
        ListQuery<ProjectRepository> query = ListQuery.facts(ProjectRepository.class, "ProjectRepository r", "r")
                .and("r.projectId = :project", "project", projectId);
        return query.visibleAt("r", asOf).all(em, "r.url asc, r.rowId asc").stream()
                .map(r -> RepositoryView.from(r, reach.get(r.url))).toList();
    }

    /**
     * How far each repository's collection reaches (the newest commit read, migration V030) as recorded on
     * {@code asOf}, by the repository URL its contributions carry.
     */
    private Map<String, LocalDate> collectedThrough(long projectId, Instant asOf) {
        Map<String, LocalDate> out = new java.util.HashMap<>();
        for (Object row : em.createNativeQuery("""
                        select distinct on (r.repository_url) r.repository_url, r.collected_through
                        from repository_collected_through r
                        where r.project_id = ?1 and r.recorded_at <= ?2
                        order by r.repository_url, r.recorded_at desc, r.id desc""")
                .setParameter(1, projectId)
                .setParameter(2, (asOf == null ? io.counterpower.common.time.Instants.now() : asOf).atOffset(ZoneOffset.UTC))
                .getResultList()) {
            Object[] r = (Object[]) row;
            Object day = r[1];
            out.put((String) r[0], day instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) day);
        }
        return out;
    }

    private List<StewardView> stewardsOf(long projectId, Instant asOf) {
        ListQuery<ProjectSteward> query = ListQuery.facts(ProjectSteward.class, "ProjectSteward s", "s")
                .and("s.projectId = :project", "project", projectId);
        return query.visibleAt("s", asOf).all(em, "s.validFrom asc nulls first, s.rowId asc").stream().map(this::stewardView).toList();
    }

    private List<ProjectSteward> currentStewards(long projectId) {
        return ProjectSteward.list("projectId = ?1 and supersededAt is null", projectId);
    }

    private ProjectSteward currentSteward(long projectId, long id, String slug) {
        return facts.find(ProjectSteward.class, id, null).filter(s -> s.projectId == projectId)
                .orElseThrow(() -> ApiProblem.notFound("No current steward period " + id + " in project '" + slug + "'"));
    }

    private StewardView stewardView(ProjectSteward s) {
        return new StewardView(s.id, organisations.keyOf(s.organisationId), s.validFrom, s.validTo, FactSource.of(s), VersionInfo.of(s));
    }

    private ProjectVersion fill(ProjectVersion v, ProjectInput in, Long upstreamId) {
        v.name = in.name().trim();
        v.kind = in.kind();
        v.origin = in.origin();
        v.description = in.description();
        v.homepage = Texts.trimmedOrNull(in.homepage());
        v.upstreamProjectId = upstreamId;
        v.forkPointCommit = in.forkPointCommit();
        v.forkPointDate = in.forkPointDate();
        return v;
    }

    private Long validateFork(ProjectInput in, Long selfId, FieldErrors errors) {
        if (in.homepage() != null && !in.homepage().isBlank() && !isUrl(in.homepage(), false)) {
            errors.add("homepage", "must be an absolute http or https URL");
        }
        if (in.upstream() == null || in.upstream().isBlank()) {
            errors.check(in.forkPointCommit() == null && in.forkPointDate() == null, "upstream",
                    "is required when a fork point is given");
            return null;
        }
        Project up = Project.<Project>find("slug", in.upstream().trim()).firstResultOptional().orElse(null);
        if (up == null || facts.find(ProjectVersion.class, up.id, null).isEmpty()) {
            errors.add("upstream", "no project '" + in.upstream() + "' is recorded");
            return null;
        }
        errors.check(!up.id.equals(selfId) && !up.slug.equals(in.slug()), "upstream", "a project cannot be its own upstream");
        if (in.forkPointDate() != null) {
            errors.check(!in.forkPointDate().isAfter(today()), "forkPointDate", "is in the future");
        }
        return up.id;
    }

    private void validateRepository(RepositoryInput in, String prefix, FieldErrors errors) {
        if (in == null) {
            errors.add(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "is required");
            return;
        }
        if (in.url() != null && !isUrl(in.url(), true)) {
            errors.add(prefix + "url", "must be a repository URL (https://…, ssh://…, git@host:path or file:…)");
        } else if (in.url() != null && hasPassword(in.url())) {
            // A token in a recorded URL would be shown by every read of the project.
            errors.add(prefix + "url", "must not carry credentials (user:token@ or a token as user name over http)");
        }
    }

    private ProjectRepository recordRepository(long projectId, RepositoryInput in, FactWrite write) {
        checkRepositoryFree(projectId, in.url().trim(), null);
        ProjectRepository r = new ProjectRepository();
        r.id = facts.newFactId();
        r.projectId = projectId;
        r.url = in.url().trim();
        r.branch = Texts.trimmedOrNull(in.branch());
        r.role = in.role() == null ? Artifact.CODE : in.role();
        return facts.record(r, write);
    }

    private void checkRepositoryFree(long projectId, String url, Long exceptId) {
        List<ProjectRepository> same = ProjectRepository.list("projectId = ?1 and url = ?2 and supersededAt is null", projectId, url);
        if (same.stream().anyMatch(r -> !r.id.equals(exceptId))) {
            throw ApiProblem.conflict("url", "the repository " + url + " is already recorded for this project");
        }
    }

    private ProjectSteward recordSteward(long projectId, Long organisationId, StewardInput in, FactWrite write) {
        checkStewardOverlap(projectId, null, in.from(), in.to());
        ProjectSteward s = new ProjectSteward();
        s.id = facts.newFactId();
        s.projectId = projectId;
        s.organisationId = organisationId;
        s.validFrom = in.from();
        s.validTo = in.to();
        return facts.record(s, write);
    }

    private void checkStewardOverlap(long projectId, Long exceptId, LocalDate from, LocalDate to) {
        for (ProjectSteward other : currentStewards(projectId)) {
            if (!other.id.equals(exceptId) && Periods.overlap(from, to, other.validFrom, other.validTo)) {
                throw ApiProblem.conflict("from", "the period " + Periods.describe(from, to) + " overlaps steward period "
                        + other.id + " (" + organisations.keyOf(other.organisationId) + ", "
                        + Periods.describe(other.validFrom, other.validTo) + "); a project has one steward at a time: end that period first");
            }
        }
    }

    /** Inside a project creation, a nested record without its own source takes the project's. */
    private FactWrite nestedWrite(SourceInput own, String reason, FactWrite parentWrite) {
        if (own == null) {
            return parentWrite;
        }
        return Provenance.of(caller, own, reason == null ? parentWrite.reason() : reason, false);
    }

    /** An http(s) URL with any user info, or another URL with a password (ssh://git@host is fine). */
    private static boolean hasPassword(String value) {
        try {
            URI uri = new URI(value.trim());
            String info = uri.getRawUserInfo();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return info != null && (scheme.startsWith("http") || info.contains(":"));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isUrl(String value, boolean repository) {
        String v = value.trim();
        if (repository && SCP_LIKE.matcher(v).matches()) {
            return true;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (scheme.equals("http") || scheme.equals("https") || repository && (scheme.equals("ssh") || scheme.equals("git"))) {
                return uri.getHost() != null && !uri.getHost().isBlank();
            }
            return repository && scheme.equals("file") && uri.getPath() != null;
        } catch (Exception e) {
            return false;
        }
    }


    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static LocalDate dayOf(Instant asOf) {
        return asOf == null ? today() : asOf.atZone(ZoneOffset.UTC).toLocalDate();
    }

}
