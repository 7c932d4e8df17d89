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
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.text.UrlCredentials;
import io.counterpower.common.time.Instants;
import io.counterpower.project.ProjectService;
import io.counterpower.project.RepositoryView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
    static final Set<String> SOURCES_COLLECTED = Set.of("git", "github", "huggingface");
    /** A repository on github.com: owner and name. */
    public static final Pattern GITHUB_REPOSITORY = Pattern.compile(
            "^https://(?:www\\.)?github\\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\\.git)?/?$");
    /** A model on the Hugging Face Hub (datasets and Spaces have their own paths and are not models). */
    public static final Pattern HUGGINGFACE_MODEL = Pattern.compile(
            "^https://huggingface\\.co/(?!datasets/|spaces/)([A-Za-z0-9][A-Za-z0-9._-]*)/([A-Za-z0-9][A-Za-z0-9._-]*)/?$");
    // Branch names as git allows them, without what could be read as an option or a range.
    private static final Pattern BRANCH = Pattern.compile("^(?!-)(?!.*\\.\\.)[A-Za-z0-9._/+-]{1,250}$");

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
    CollectionHostsConfig hosts;

    // ---- the API ------------------------------------------------------------------------------

    /**
     * Queues a collection of a project's repositories. A curator, or a steward of the project, may
     * ask; either way the facts are recorded with the source they are read from.
     */
    @Transactional
    public JobView createCollection(String slug, CollectionInput in) {
        long projectId = projects.requireId(slug);
        boolean asSteward = caller.requireCuratorOrStewardOf(projects.stewardKeysOn(projectId, LocalDate.now(ZoneOffset.UTC)));
        List<RepositoryTarget> targets = targets(projectId, slug, in);
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

    public JobView get(long id) {
        Job job = Job.findById(id);
        if (job == null) {
            throw ApiProblem.notFound("No job " + id);
        }
        return view(job);
    }

    public Page<JobView> list(String project, String state, PageRequest page) {
        String wantedState = QueryParams.code(state, "state", s -> {
            if (!STATES.contains(s)) {
                throw new IllegalArgumentException("must be one of [failed, queued, running, succeeded]");
            }
            return s;
        });
        ListQuery<Job> query = new ListQuery<>(Job.class, "Job j", "j", "j.id")
                .and("j.projectId = :project", "project", projects.idOrNull(blankToNull(project)))
                .and("j.state = :state", "state", wantedState);
        return query.page(em, page, this::view);
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
    public void progress(long id, String phase, long done, Long total, CollectionStats stats) {
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

    public void fail(long id, String error, CollectionStats stats) {
        update("""
                update job set state = 'failed', finished_at = now(), heartbeat_at = now(), error = ?,
                       stats = coalesce(cast(? as jsonb), stats) where id = ? and state = 'running'""", error, toJson(stats), id);
    }

    /** Keeps the jobs this instance runs from looking interrupted while a phase takes long. */
    public void heartbeat(Collection<Long> running) {
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
    public void failInterrupted(Collection<Long> running, String reason) {
        if (!running.isEmpty()) {
            update("""
                    update job set state = 'failed', finished_at = now(), error = ?
                    where state = 'running' and id = any(?)""", reason, running.toArray(new Long[0]));
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private List<RepositoryTarget> targets(long projectId, String slug, CollectionInput in) {
        FieldErrors errors = new FieldErrors();
        String source = in.source() == null ? null : in.source().trim();
        if (source == null || source.isEmpty()) {
            errors.add("source", "is required: git, github or huggingface");
        } else if (!SOURCES_COLLECTED.contains(source)) {
            errors.add("source", "must be git, github or huggingface");
        }
        String branch = blankToNull(in.branch());
        if (branch != null && !BRANCH.matcher(branch).matches()) {
            errors.add("branch", "must be a branch name such as main or release/2.1");
        }
        if (source != null && !"git".equals(source) && SOURCES_COLLECTED.contains(source)) {
            if (branch != null) {
                errors.add("branch", "applies to git collections only");
            }
            errors.throwIfAny();
            return platformTargets(slug, source, blankToNull(in.url()));
        }
        String url = blankToNull(in.url());
        List<RepositoryTarget> targets = new ArrayList<>();
        if (url != null) {
            String problem = locationProblem(url);
            if (problem != null) {
                errors.add("url", problem);
            }
            RepositoryView recorded = projects.repositories(slug, null).stream()
                    .filter(r -> r.url().equals(url)).findFirst().orElse(null);
            String role = recorded == null ? "code" : recorded.role().code();
            targets.add(new RepositoryTarget(url, branch != null ? branch : recorded == null ? null : recorded.branch(), role));
        } else {
            List<RepositoryView> recorded = projects.repositories(slug, null);
            if (recorded.isEmpty()) {
                errors.add("url", "is required: project '" + slug + "' has no repository recorded");
            } else if (branch != null && recorded.size() > 1) {
                errors.add("branch", "applies to one repository: give its url too (project '" + slug + "' has "
                        + recorded.size() + ")");
            }
            for (RepositoryView r : recorded) {
                String problem = locationProblem(r.url());
                if (problem != null) {
                    errors.add("url", "the recorded repository " + UrlCredentials.redact(r.url()) + " cannot be collected: " + problem
                            + "; give a url to collect instead");
                }
                targets.add(new RepositoryTarget(r.url(), branch != null ? branch : r.branch(), r.role().code()));
            }
        }
        errors.throwIfAny();
        return targets;
    }

    /**
     * The repositories a {@code github} or {@code huggingface} collection reads: the URL given, or the
     * project's recorded repositories on that platform (the others are for other sources).
     */
    private List<RepositoryTarget> platformTargets(String slug, String source, String url) {
        Pattern accepted = "github".equals(source) ? GITHUB_REPOSITORY : HUGGINGFACE_MODEL;
        String shape = "github".equals(source) ? "a repository on github.com, https://github.com/<owner>/<name>"
                : "a model on the Hugging Face Hub, https://huggingface.co/<namespace>/<model>";
        FieldErrors errors = new FieldErrors();
        List<RepositoryView> recorded = projects.repositories(slug, null);
        List<RepositoryTarget> targets = new ArrayList<>();
        if (url != null) {
            if (!accepted.matcher(url).matches()) {
                errors.add("url", "must be " + shape + " for a " + source + " collection");
            }
            String role = recorded.stream().filter(r -> r.url().equals(url)).map(r -> r.role().code()).findFirst()
                    .orElse("github".equals(source) ? "code" : "weights");
            targets.add(new RepositoryTarget(url, null, role));
        } else {
            for (RepositoryView r : recorded) {
                if (accepted.matcher(r.url()).matches()) {
                    targets.add(new RepositoryTarget(r.url(), null, r.role().code()));
                }
            }
            if (targets.isEmpty()) {
                errors.add("url", "is required: project '" + slug + "' has no repository recorded that is " + shape);
            }
        }
        errors.throwIfAny();
        return targets;
    }

    /** Why a repository location cannot be collected, or null when it can. */
    static String locationProblem(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String accepted = "must be an https URL, a file: URL or an absolute local path";
        if (url.indexOf('\0') >= 0 || url.chars().anyMatch(Character::isWhitespace)) {
            return accepted + " (without spaces or control characters)";
        }
        if (lower.startsWith("https://")) {
            try {
                URI uri = new URI(url);
                if (uri.getRawUserInfo() != null) {
                    // A token in the URL would be stored with the job, shown by it and logged: refused.
                    return "must not carry credentials (user:token@): the collector reads public repositories";
                }
                return uri.getHost() == null || uri.getHost().isBlank() ? accepted + " (the URL has no host)" : null;
            } catch (URISyntaxException e) {
                return accepted + " (" + e.getReason() + ")";
            }
        }
        if (lower.startsWith("file:")) {
            try {
                Path path = Paths.get(new URI(url));
                return path.isAbsolute() ? null : accepted;
            } catch (URISyntaxException | IllegalArgumentException e) {
                return accepted + " (not a valid file: URL)";
            }
        }
        if (url.startsWith("/")) {
            return null;
        }
        if (lower.startsWith("http://")) {
            return accepted + " (plain http is not accepted: use https)";
        }
        if (lower.contains("://") || lower.matches("^[a-z0-9._-]+@[a-z0-9.-]+:.*")) {
            return accepted + " (ssh and git transports are not supported: the collector reads public repositories over https)";
        }
        return accepted + " (a relative path depends on where the service runs)";
    }

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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
