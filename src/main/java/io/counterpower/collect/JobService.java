package io.counterpower.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.counterpower.common.net.PublicHosts;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs: created by the API, claimed by workers of any instance ({@code FOR UPDATE SKIP LOCKED}),
 * followed through their progress and ended as succeeded or failed. One collection per project
 * is queued or running at a time (the {@code job_one_active_collection} index holds it).
 */
@ApplicationScoped
public class JobService {
    static final Map<String, String> SORTABLE = Map.of("createdAt", "j.createdAt", "id", "j.id", "state", "j.state",
            "finishedAt", "j.finishedAt");
    static final Set<String> STATES = Set.of("queued", "running", "succeeded", "failed");

    /** A job a worker has just claimed. */
    public record ClaimedJob(long id, String kind, long projectId, String source, List<RepositoryTarget> repositories,
                             Long createdBy, boolean publicHostsOnly) {
    }

    /** The job param that keeps a steward's collection to public hosts when it is cloned. */
    static final String PUBLIC_HOSTS_ONLY = "publicHostsOnly";

    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Caller caller;
    @Inject
    ChangeLog changes;
    @Inject
    ProjectService projects;
    @Inject
    ObjectMapper json;
    @Inject
    CollectConfig hosts;
    @Inject
    CollectionRequests requests;

    // ---- the API ------------------------------------------------------------------------------

    /**
     * Queues a collection of a project's repositories. A curator, or a steward of the project, may
     * ask; either way the facts are recorded with the source they are read from.
     */
    @Transactional
    JobView createCollection(String slug, CollectionInput in) {
        long projectId = projects.requireId(slug);
        boolean asSteward = caller.requireCuratorOrStewardOf(projects.stewardKeysOn(projectId, LocalDate.now(ZoneOffset.UTC)));
        List<RepositoryTarget> targets = requests.targets(slug, in);
        if (asSteward && targets.stream().anyMatch(t -> !t.url().toLowerCase(Locale.ROOT).startsWith("https://"))) {
            // A steward is an outside party: reading paths on the service's own disk, and telling
            // from the job's error whether they exist, is for curators only.
            throw ApiProblem.forbidden("A steward key may collect https repositories only; local paths and file: URLs "
                    + "are read by curators");
        }
        if (asSteward) {
            FieldErrors refused = new FieldErrors();
            for (RepositoryTarget t : targets) {
                String refusal = PublicHosts.refusal(t.url(), hosts.allowedHosts().orElse(List.of()));
                refused.check(refusal == null, "url", refusal);
            }
            refused.throwIfAny();
        }
        Job active = activeCollection(projectId);
        if (active != null) {
            throw conflict(slug, active);
        }
        Job job = new Job();
        job.kind = "collection";
        job.projectId = projectId;
        job.source = in.source().trim();
        job.params = Map.of("repositories", json.convertValue(targets, new TypeReference<List<Map<String, Object>>>() { }),
                PUBLIC_HOSTS_ONLY, asSteward);
        job.state = "queued";
        job.createdAt = Instants.now();
        job.stats = Map.of();
        job.createdBy = caller.keyId();
        try {
            job.persist();
            em.flush();
        } catch (PersistenceException raced) {
            // Another request queued one between the check and the insert: the unique index said no.
            throw ApiProblem.conflict("A collection of project '" + slug + "' is already queued or running; "
                    + "wait for it to end (GET /api/v1/jobs?project=" + slug + ")");
        }
        JobView view = view(job);
        // Asking for a collection records no fact: the data version moves when the collection records one.
        changes.audit("create", "job", String.valueOf(job.id), null, view, null);
        return view;
    }

    JobView get(long id) {
        Job job = Job.findById(id);
        if (job == null) {
            throw ApiProblem.notFound("No job " + id);
        }
        return view(job);
    }

    Page<JobView> list(JobListQuery q) {
        ListQuery<Job> query = new ListQuery<>(Job.class, "Job j", "j", "j.id")
                .and("j.projectId = :project", "project", projects.idOrNull(q.project()))
                .and("j.state = :state", "state", q.state());
        return query.page(em, q.page(), this::view);
    }

    // ---- the workers --------------------------------------------------------------------------

    /** Claims the oldest queued job for {@code worker}, if there is one no other worker holds. */
    public Optional<ClaimedJob> claim(String worker) {
        String sql = """
                update job set state = 'running', started_at = now(), heartbeat_at = now(), worker = ?,
                       phase = 'opening', progress_done = 0, progress_total = null
                where id = (select id from job where state = 'queued' order by created_at, id
                            for update skip locked limit 1)
                returning id, kind, project_id, source, params::text, created_by""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, worker);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                JsonNode params = json.readTree(r.getString(5));
                List<RepositoryTarget> repositories = params.has("repositories")
                        ? json.convertValue(params.get("repositories"), new TypeReference<List<RepositoryTarget>>() { })
                        : List.of();
                long createdBy = r.getLong(6);
                return Optional.of(new ClaimedJob(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4),
                        repositories, r.wasNull() ? null : createdBy, params.path(PUBLIC_HOSTS_ONLY).asBoolean(false)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot claim a job: " + e.getMessage(), e);
        }
    }

    /** Records where a running job is; it doubles as a heartbeat. */
    void progress(long id, String phase, long done, Long total, CollectionStats stats) {
        update("""
                update job set phase = ?, progress_done = ?, progress_total = ?, stats = cast(? as jsonb),
                       heartbeat_at = now() where id = ? and state = 'running'""",
                phase, done, total, toJson(stats), id);
    }

    public void succeed(long id, CollectionStats stats) {
        // How far each repository's collection now reaches (the newest commit read; METHODOLOGY.md v2 section 3,
        // migration V030), recorded before the job reads as succeeded, so that whoever waits for it sees the reach.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select record_collected_through(project_id) from job where id = ? and project_id is not null")) {
            s.setLong(1, id);
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record how far the collection reaches: " + e.getMessage(), e);
        }
        update("""
                update job set state = 'succeeded', phase = 'done', finished_at = now(), heartbeat_at = now(),
                       stats = cast(? as jsonb) where id = ? and state = 'running'""", toJson(stats), id);
    }

    void fail(long id, String error, CollectionStats stats) {
        update("""
                update job set state = 'failed', finished_at = now(), heartbeat_at = now(), error = ?,
                       stats = coalesce(cast(? as jsonb), stats) where id = ? and state = 'running'""", error, toJson(stats), id);
    }

    /** Keeps the jobs this instance runs from looking interrupted while a phase takes long. */
    void heartbeat(Collection<Long> running) {
        if (!running.isEmpty()) {
            // Cast: a Long[] passed alone would be spread over the varargs instead of bound as one array.
            update("update job set heartbeat_at = now() where state = 'running' and id = any(?)",
                    (Object) running.toArray(new Long[0]));
        }
    }

    /**
     * Fails running jobs whose heartbeat stopped: their instance died or restarted. They can be
     * run again (a new collection continues from the last complete repository; the commits of an
     * interrupted one are read again, and the natural key keeps each contribution single).
     */
    public int failStale(Duration staleAfter) {
        return update("""
                update job set state = 'failed', finished_at = now(),
                       error = 'Interrupted: the worker running this job stopped (no heartbeat since '
                               || to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                               || '). What it wrote is consistent; ask for the collection again to complete it.'
                where state = 'running' and heartbeat_at < now() - (? * interval '1 millisecond')""",
                staleAfter.toMillis());
    }

    /** Fails the jobs this instance was running when it stops. */
    void failInterrupted(Collection<Long> running, String reason) {
        if (!running.isEmpty()) {
            update("""
                    update job set state = 'failed', finished_at = now(), error = ?
                    where state = 'running' and id = any(?)""", reason, running.toArray(new Long[0]));
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private Job activeCollection(long projectId) {
        return Job.<Job>find("projectId = ?1 and kind = 'collection' and state in ('queued', 'running')", projectId)
                .firstResult();
    }

    private static ApiProblem conflict(String slug, Job active) {
        return ApiProblem.conflict("A collection of project '" + slug + "' is already " + active.state + " (job "
                + active.id + ", /api/v1/jobs/" + active.id + "); one collection per project runs at a time");
    }

    JobView view(Job job) {
        List<RepositoryTarget> repositories = job.params == null ? List.of()
                : json.convertValue(job.params.getOrDefault("repositories", List.of()),
                new TypeReference<List<RepositoryTarget>>() { });
        CollectionStats stats = job.stats == null || job.stats.isEmpty()
                ? new CollectionStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null)
                : json.convertValue(job.stats, CollectionStats.class);
        Instant end = job.finishedAt != null ? job.finishedAt : Instant.now();
        Long duration = job.startedAt == null ? null : Duration.between(job.startedAt, end).toMillis();
        JobView view = new JobView(job.id, job.kind, job.projectId == null ? null : projects.slugOf(job.projectId),
                job.source, job.state, job.phase, new JobView.Progress(job.progressDone, job.progressTotal), repositories,
                job.createdAt, job.startedAt, job.finishedAt, job.heartbeatAt, duration, job.error,
                stats.warnings(), stats);
        return caller.isCurator() ? view : LocalPaths.hidden(view);
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Long[] ids) {
                    s.setArray(i + 1, c.createArrayOf("bigint", ids));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update jobs: " + e.getMessage(), e);
        }
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise job stats", e);
        }
    }
}
