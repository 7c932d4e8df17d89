package io.counterpower.watch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.audit.DataChanged;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.net.PublicHosts;
import io.counterpower.common.paging.ListQuery;
import io.counterpower.common.paging.Page;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldErrors;
import io.counterpower.common.time.Instants;
import io.counterpower.organisation.OrganisationService;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watches: created, listed, replaced and deleted by key holders. A watch belongs to the key that
 * created it, and to admin keys: every other key, a curator's or a steward's of the same
 * organisation included, gets 404 for it on reads and writes, so that the party a watch follows
 * can neither see its receiver nor switch it off. A steward key creates watches only on its own
 * organisation and the projects it stewards today.
 */
@ApplicationScoped
class WatchService {
    static final Map<String, String> SORTABLE = Map.of("id", "w.id", "name", "w.name", "createdAt", "w.createdAt");

    @Inject
    WatchEvaluations evaluations;
    @Inject
    EntityManager em;
    @Inject
    Caller caller;
    @Inject
    ChangeLog changes;
    @Inject
    ProjectService projects;
    @Inject
    OrganisationService organisations;
    @Inject
    SigningSecrets secrets;
    @Inject
    ObjectMapper json;
    @Inject
    WatchesConfig config;
    @Inject
    ReceiverResolver resolver;
    @Inject
    io.counterpower.indicator.Methodology methodology;

    /** Who may manage a watch, and on what: resolved from the input before anything is stored. */
    private record Target(Long projectId, Long organisationId, Long ownerId) {
    }

    @Transactional
    WatchView create(WatchInput in) {
        caller.requireKey();
        List<WatchCondition> conditions = validate(in);
        Target target = authorise(in);
        secrets.requireKey();
        String secret = secrets.newSecret();
        Watch w = new Watch();
        w.name = in.name().trim();
        w.projectId = target.projectId();
        w.organisationId = target.organisationId();
        w.ownerOrganisationId = target.ownerId();
        w.conditions = toMaps(conditions);
        w.url = in.url().trim();
        w.publicReceiverOnly = !caller.isCurator();
        w.secretCiphertext = secrets.encrypt(secret);
        w.active = in.active() == null || in.active();
        w.methodologyVersion = in.methodology() == null ? methodology.latest().number() : in.methodology();
        w.createdAt = Instants.now();
        w.updatedAt = w.createdAt;
        w.createdBy = caller.keyId();
        w.persist();
        em.flush();
        WatchView view = view(w, null);
        // The audit row never holds the secret. A watch is no fact: the data version stays, and its first
        // evaluation (the baseline) is queued here rather than by a change of the scope.
        changes.audit("create", "watch", String.valueOf(w.id), null, view, null);
        evaluations.queue(new DataChanged(scope(w)));
        return view(w, secret);
    }

    WatchView get(long id) {
        return view(visible(id), null);
    }

    Page<WatchView> list(WatchListQuery q) {
        caller.requireKey();
        ListQuery<Watch> query = new ListQuery<>(Watch.class, "Watch w", "w", "w.id").and("w.deletedAt is null")
                .and("w.projectId = :project", "project", q.project() == null ? null : projects.idOrNull(q.project()))
                .and("w.organisationId = :organisation", "organisation", q.organisation() == null ? null
                        : organisations.currentId(q.organisation()).orElse(-1L));
        if (!caller.isCurator() && stewardOrganisationIds().isEmpty()) {
            throw ApiProblem.forbidden("Watches are shown to curator and admin keys, and to steward keys for their own organisation");
        }
        if (!caller.isAdmin()) {
            query.and("w.createdBy = :creator", "creator", caller.keyId());
        }
        return query.page(em, q.page(), w -> view(w, null));
    }

    @Transactional
    WatchView replace(long id, WatchInput in) {
        Watch w = visible(id);
        List<WatchCondition> conditions = validate(in);
        Target target = authorise(in);
        if (!Objects.equals(target.projectId(), w.projectId) || !Objects.equals(target.organisationId(), w.organisationId)) {
            throw ApiProblem.badRequest(w.projectId != null ? "project" : "organisation",
                    "the target of a watch cannot change; create a new watch for another project or organisation");
        }
        WatchView before = view(w, null);
        List<Map<String, Object>> maps = toMaps(conditions);
        int version = in.methodology() == null ? w.methodologyVersion : in.methodology();
        if (!maps.equals(w.conditions) || version != w.methodologyVersion) {
            // New conditions, or another methodology, start from what is true now: the next evaluation is a baseline, not an alert.
            forgetState(w.id);
        }
        w.methodologyVersion = version;
        w.name = in.name().trim();
        w.url = in.url().trim();
        w.publicReceiverOnly = !caller.isCurator();
        w.conditions = maps;
        w.active = in.active() == null || in.active();
        w.updatedAt = Instants.now();
        em.flush();
        WatchView after = view(w, null);
        changes.audit("update", "watch", String.valueOf(w.id), before, after, null);
        evaluations.queue(new DataChanged(scope(w)));
        return after;
    }

    @Transactional
    void delete(long id) {
        Watch w = visible(id);
        WatchView before = view(w, null);
        w.deletedAt = Instants.now();
        w.active = false;
        em.createNativeQuery("update webhook_delivery set state = 'cancelled', last_error = 'The watch was deleted' "
                + "where watch_id = ?1 and state = 'pending'").setParameter(1, w.id).executeUpdate();
        changes.audit("delete", "watch", String.valueOf(w.id), before, null, null);
    }

    /**
     * The watch, when it exists, is not deleted and belongs to the caller (the key that created it,
     * or any admin key); otherwise 401, 403 or 404. Another key's watch does not exist for the
     * caller, whatever its scope: a 403 would confirm it is there.
     */
    Watch visible(long id) {
        caller.requireKey();
        Watch w = Watch.findById(id);
        if (!caller.isCurator() && stewardOrganisationIds().isEmpty()) {
            throw ApiProblem.forbidden("Watches are shown to curator and admin keys, and to steward keys for their own organisation");
        }
        if (w == null || w.deletedAt != null || !(caller.isAdmin() || Objects.equals(w.createdBy, caller.keyId()))) {
            throw ApiProblem.notFound("No watch " + id);
        }
        return w;
    }

    WatchView view(Watch w, String secret) {
        return new WatchView(w.id, w.name, w.projectId == null ? null : projects.slugOf(w.projectId),
                w.organisationId == null ? null : organisations.keyOf(w.organisationId),
                w.ownerOrganisationId == null ? null : organisations.keyOf(w.ownerOrganisationId), w.url,
                conditions(w), w.active, w.methodologyVersion, w.createdAt, w.updatedAt, secret);
    }

    List<WatchCondition> conditions(Watch w) {
        return json.convertValue(w.conditions, new TypeReference<List<WatchCondition>>() { });
    }

    static String scope(Watch w) {
        return "watch:" + w.id;
    }

    private List<Map<String, Object>> toMaps(List<WatchCondition> conditions) {
        return json.convertValue(conditions, new TypeReference<List<Map<String, Object>>>() { });
    }

    private void forgetState(long watchId) {
        em.createNativeQuery("delete from watch_state where watch_id = ?1").setParameter(1, watchId).executeUpdate();
        em.createNativeQuery("delete from watch_seen_fact where watch_id = ?1").setParameter(1, watchId).executeUpdate();
    }

    private List<Long> stewardOrganisationIds() {
        List<Long> ids = new ArrayList<>();
        for (String key : caller.stewardOf()) {
            organisations.currentId(key).ifPresent(ids::add);
        }
        return ids;
    }

    /** Every field fault at once; nothing is stored when there is one. */
    private List<WatchCondition> validate(WatchInput in) {
        FieldErrors errors = new FieldErrors();
        if (in == null) {
            throw ApiProblem.badRequest("body", "is required: { \"name\", \"project\" or \"organisation\", \"url\", \"conditions\" }");
        }
        errors.check(in.name() != null && !in.name().isBlank() && in.name().length() <= 200, "name",
                "is required (at most 200 characters)");
        boolean project = in.project() != null && !in.project().isBlank();
        boolean organisation = in.organisation() != null && !in.organisation().isBlank();
        if (project == organisation) {
            errors.add(project ? "organisation" : "project", "give either project (one project) or organisation "
                    + "(every project it stewards)");
        } else if (project) {
            projects.resolve(in.project().trim(), "project", errors);
        } else if (organisations.currentId(in.organisation().trim()).isEmpty()) {
            errors.add("organisation", "no organisation '" + in.organisation().trim() + "' is recorded");
        }
        String urlProblem = in.url() != null && in.url().length() > 2000 ? "must be at most 2000 characters" : urlProblem(in.url());
        if (urlProblem == null && !caller.isCurator()) {
            // A steward is an outside party: its receiver may not be a host of the service's own network.
            urlProblem = PublicHosts.refusal(in.url(), config.allowedHosts().orElse(List.of()), resolver);
        }
        if (urlProblem != null) {
            errors.add("url", urlProblem);
        }
        List<WatchCondition> conditions = in.conditions() == null ? List.of() : in.conditions();
        if (conditions.isEmpty()) {
            errors.add("conditions", "needs at least one condition, e.g. { \"type\": \"stage-change\" }");
        } else if (conditions.size() > 20) {
            errors.add("conditions", "has at most 20 conditions");
        }
        for (int i = 0; i < conditions.size(); i++) {
            WatchCondition.validate(conditions.get(i), "conditions[" + i + "]", errors);
        }
        if (Set.copyOf(conditions.stream().filter(Objects::nonNull).toList()).size()
                < conditions.stream().filter(Objects::nonNull).count()) {
            errors.add("conditions", "lists the same condition twice");
        }
        if (in.methodology() != null && !methodology.all().containsKey(in.methodology())) {
            errors.add("methodology", "unknown methodology version " + in.methodology() + "; known versions are "
                    + methodology.all().keySet());
        }
        errors.throwIfAny();
        return conditions;
    }

    /** The target's ids and the organisation that owns the watch; 403 when the key may not watch it. */
    private Target authorise(WatchInput in) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (in.project() != null && !in.project().isBlank()) {
            long projectId = projects.requireId(in.project().trim());
            List<String> stewards = projects.stewardKeysOn(projectId, today);
            boolean asSteward = requireManager(stewards, "project '" + in.project().trim() + "'");
            String owner = asSteward ? stewards.stream().filter(caller.stewardOf()::contains).findFirst().orElseThrow()
                    : stewards.stream().findFirst().orElse(null);
            return new Target(projectId, null, owner == null ? null : organisations.currentId(owner).orElse(null));
        }
        String key = in.organisation().trim();
        requireManager(List.of(key), "organisation '" + key + "'");
        long id = organisations.currentId(key).orElseThrow();
        return new Target(null, id, id);
    }

    private boolean requireManager(List<String> organisationKeys, String what) {
        if (caller.isCurator()) {
            return false;
        }
        if (caller.stewardOf().stream().anyMatch(organisationKeys::contains)) {
            return true;
        }
        throw ApiProblem.forbidden(caller.stewardOf().isEmpty()
                ? "Watches need a curator or admin key, or a steward key of the organisation concerned"
                : "A steward key may only watch its own organisation " + caller.stewardOf()
                  + " and the projects it stewards today, not " + what);
    }

    /** Why a receiver URL is refused, or null. */
    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "is required: the http or https URL that receives the deliveries";
        }
        String trimmed = url.trim();
        if (trimmed.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            return "must not contain spaces or control characters";
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return "is not a valid URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials (user:password@): the signature tells the receiver who sends";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "needs a host name";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment (#...): it is never sent";
        }
        return null;
    }
}
