package io.counterpower.collect.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.collect.CollectionFailure;
import io.counterpower.collect.CollectionRun;
import io.counterpower.collect.CollectionRun.Phase;
import io.counterpower.collect.CollectionStats;
import io.counterpower.collect.Collector;
import io.counterpower.collect.CollectionRequests;
import io.counterpower.collect.RepositoryTarget;
import io.counterpower.collect.platform.CollectionCursors;
import io.counterpower.collect.platform.Json;
import io.counterpower.collect.platform.OrganisationNames;
import io.counterpower.collect.platform.PlatformClient;
import io.counterpower.collect.platform.PlatformHttpConfig;
import io.counterpower.collect.platform.PlatformResponse;
import io.counterpower.collect.platform.PlatformStore;
import io.counterpower.collect.platform.RateLimitExhausted;
import io.counterpower.collect.platform.ReportedLicense;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.counterpower.license.LicenseCatalog;
import io.counterpower.license.LicenseExpressions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Collects a project's models on the Hugging Face Hub (METHODOLOGY.md section 2, adoption and
 * licenses): the model card's metadata (license, base model and relation), downloads, likes and
 * gated status ({@code GET /api/models/{id}}), and the models that name it as their base, by
 * relation ({@code GET /api/models?filter=base_model:<relation>:<id>}).
 *
 * <ul>
 * <li>Each derivative is a derivative record (relation {@code finetune}, {@code adapter},
 *     {@code merge}, or {@code quantization} for the Hub's {@code quantized}), published by the
 *     namespace of its id: the recorded organisation that namespace stands for, else the name as
 *     published; dated by its creation. One current record per base, name and relation, so a rerun
 *     adds only new derivatives.</li>
 * <li>The Hub's {@code downloads} counts the last 30 days. It becomes a download count for the 30
 *     days ending yesterday, recorded only when no earlier Hub count of the project overlaps them:
 *     summed over a window, overlapping counts would count a download several times.</li>
 * <li>The card's license becomes a license period of the artifact the repository holds (weights)
 *     through {@link ReportedLicense}.</li>
 * </ul>
 */
@ApplicationScoped
class HuggingFaceCollector implements Collector {
    static final String SOURCE = "huggingface";
    static final String PLATFORM = "Hugging Face";
    /** The Hub's relation names, in the order of {@link CollectionStats.DerivativeCounts}. */
    static final List<String> HUB_RELATIONS = List.of("finetune", "adapter", "merge", "quantized");
    static final int DOWNLOAD_DAYS = 30;
    /** The columns this collector writes of a derivative and of a download count (the others keep their defaults). */
    private static final VersionedRows.Table DERIVATIVES = VersionedRows.Table.of("derivative",
            VersionedRows.bigint("project_id"), VersionedRows.bigint("derived_project_id"), VersionedRows.text("derived_name"),
            VersionedRows.text("relation"), VersionedRows.bigint("publisher_organisation_id"), VersionedRows.text("publisher_name"),
            VersionedRows.date("published_at"), VersionedRows.text("base_name"));
    private static final VersionedRows.Table DOWNLOAD_COUNTS = VersionedRows.Table.of("download_count",
            VersionedRows.bigint("project_id"), VersionedRows.text("platform"), VersionedRows.date("period_from"),
            VersionedRows.date("period_to"), VersionedRows.bigint("downloads"));

    @Inject
    HuggingFaceConfig config;
    @Inject
    PlatformHttpConfig http;
    @Inject
    ObjectMapper json;
    @Inject
    PlatformStore store;
    @Inject
    LicenseExpressions expressions;
    @Inject
    LicenseCatalog catalog;

    private volatile HubLicenses licenses;

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public void collect(CollectionRun run) throws CollectionFailure {
        PlatformClient client = new PlatformClient(new PlatformClient.Platform(PLATFORM, config.apiUrl(), config.token(),
                "COUNTERPOWER_HUGGINGFACE_TOKEN", "application/json"), http, json);
        CollectionCursors cursors = new CollectionCursors(run.projectId(), SOURCE);
        try {
            for (RepositoryTarget target : run.repositories()) {
                collectModel(run, target, client, cursors);
            }
            run.totals(store.totals(run.projectId(), SOURCE));
            run.enter(Phase.DONE);
        } catch (RateLimitExhausted e) {
            throw e.asJobError("what was recorded is not recorded twice");
        } finally {
            store.finish(run, client, SOURCE);
        }
    }

    private void collectModel(CollectionRun run, RepositoryTarget target, PlatformClient client, CollectionCursors cursors)
            throws CollectionFailure {
        Matcher m = CollectionRequests.HUGGINGFACE_MODEL.matcher(target.url());
        if (!m.matches()) {
            throw new CollectionFailure(target.url() + " is not a model on the Hugging Face Hub");
        }
        String id = m.group(1) + "/" + m.group(2);
        String web = "https://huggingface.co/";
        run.enter(Phase.OPENING);
        OrganisationNames names = store.inTransaction(OrganisationNames::load);
        String path = "/api/models/" + id;
        PlatformResponse response = store.conditionalGet(client, cursors, path);
        if (!response.notModified()) {
            modelInfo(run, target, Json.object(response.body(), PLATFORM, "GET " + path), id, web + id, names);
            store.rememberEtag(cursors, path, response);
        }
        run.enter(Phase.READING);
        long[] added = new long[HUB_RELATIONS.size()];
        for (int i = 0; i < HUB_RELATIONS.size(); i++) {
            added[i] = derivatives(run, client, cursors, id, HUB_RELATIONS.get(i), web, names);
        }
        run.derivativesAdded(added[0], added[1], added[2], added[3]);
        run.repositoryRead(new CollectionStats.RepositoryRead(target.url(), null, null, null, 0, true));
    }

    /** The card's metadata: a license period, a download count, and what the job reports. */
    private void modelInfo(CollectionRun run, RepositoryTarget target, JsonNode model, String id, String page,
                           OrganisationNames names) throws CollectionFailure {
        String where = "GET /api/models/" + id;
        JsonNode card = model.path("cardData");
        String license = Json.text(card, "license");
        String licenseName = Json.text(card, "license_name");
        Optional<String> expression = licenses().expressionOf(license, licenseName);
        Instant created = Json.instant(model, "createdAt", PLATFORM, where);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (expression.isPresent() && created != null) {
            ReportedLicense.Result result = store.writing(run.projectId(), c -> new ReportedLicense(expressions,
                    catalog.catalogVersion()).record(c, run.projectId(), target.role(), expression.get(),
                    LocalDate.ofInstant(created, ZoneOffset.UTC), today, SOURCE, page,
                    "the model card's license, job " + run.jobId()));
            result.reportTo(run, page, "the model card says", expression.get(), target.role());
        } else if (license != null || licenseName != null) {
            run.warn(page + ": the model card's license (" + license + (licenseName == null ? "" : ", " + licenseName)
                    + ") is not in the license catalog; no license period recorded");
        }
        long downloads = model.path("downloads").asLong(0);
        if (model.hasNonNull("downloads")) {
            LocalDate to = today.minusDays(1);
            LocalDate from = to.minusDays(DOWNLOAD_DAYS - 1);
            run.downloadCountsAdded(store.writing(run.projectId(), c -> downloadCount(c, run.projectId(), from, to,
                    downloads, page, run.jobId())));
        }
        String author = Json.text(model, "author");
        Long publisher = names.organisationOf(author);
        List<String> bases = new ArrayList<>();
        JsonNode base = card.path("base_model");
        if (base.isTextual()) {
            bases.add(base.asText());
        } else if (base.isArray()) {
            base.forEach(b -> bases.add(b.asText()));
        }
        JsonNode gated = model.path("gated");
        run.modelRead(new CollectionStats.ModelRead(id, author, publisher == null ? null : organisationKey(publisher),
                license, licenseName, expression.orElse(null), bases, relationOf(model), downloads,
                model.path("likes").asLong(0), gated.isTextual() ? gated.asText() : "none"));
        run.advanceItems(1);
    }

    /** The relation the model's own tags give to its base ({@code base_model:<relation>:<id>}), or null. */
    private static String relationOf(JsonNode model) {
        for (JsonNode tag : model.path("tags")) {
            String[] parts = tag.asText().split(":", 3);
            if (parts.length == 3 && "base_model".equals(parts[0]) && HUB_RELATIONS.contains(parts[1])) {
                return parts[1];
            }
        }
        return null;
    }

    /** Reads the models naming {@code id} as base with one relation; returns the derivatives recorded. */
    private long derivatives(CollectionRun run, PlatformClient client, CollectionCursors cursors, String id,
                             String relation, String web, OrganisationNames names) throws CollectionFailure {
        String path = "/api/models?filter=" + URLEncoder.encode("base_model:" + relation + ":" + id, StandardCharsets.UTF_8)
                + "&limit=100";
        String stored = "quantized".equals(relation) ? "quantization" : relation;
        PlatformResponse first = store.conditionalGet(client, cursors, path);
        PlatformResponse page = first;
        long added = 0;
        while (!page.notModified()) {
            List<Object[]> rows = new ArrayList<>();
            for (JsonNode model : Json.array(page.body(), PLATFORM, "GET /api/models (derivatives of " + id + ")")) {
                String derived = Json.text(model, "id");
                if (derived == null || derived.equals(id)) {
                    continue;
                }
                String namespace = derived.contains("/") ? derived.substring(0, derived.indexOf('/')) : null;
                Instant created = Json.instant(model, "createdAt", PLATFORM, "GET /api/models");
                Long publisher = names.organisationOf(namespace);
                rows.add(new Object[] {derived, publisher, publisher == null ? namespace : null,
                        created == null ? null : Date.valueOf(LocalDate.ofInstant(created, ZoneOffset.UTC)), web + derived});
            }
            added += store.writing(run.projectId(), c -> insertDerivatives(c, run.projectId(), id, stored, rows, run.jobId()));
            run.advanceItems(rows.size());
            if (page.next() == null) {
                break;
            }
            page = client.get(page.next(), null);
        }
        store.rememberEtag(cursors, path, first);
        return added;
    }

    /**
     * Records the derivatives of one relation; {@code base} is the Hub id they name as base_model. Which family
     * member that id is (base_artifact) the Hub does not say: it stays unknown, and afterlife_derivatives' coverage
     * says so.
     */
    private static long insertDerivatives(Connection c, long projectId, String base, String relation, List<Object[]> rows, long jobId)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        // One version per name, in name order (the order new facts take their ids in).
        java.util.TreeMap<String, Object[]> byName = new java.util.TreeMap<>();
        for (Object[] row : rows) {
            byName.putIfAbsent((String) row[0], row);
        }
        Map<String, Long> derivedProjects = projectsOf(c, projectId, byName.values().stream().map(row -> (String) row[4]).toList());
        String note = "names the model as base_model (" + relation + ") on the Hub, job " + jobId;
        VersionedRows.Batch derivatives = DERIVATIVES.batch().skippingCurrentVersionsOf("project_id", "derived_name", "relation");
        for (Object[] row : byName.values()) {
            String url = (String) row[4];
            derivatives.add(null, new FactSource(SourceKind.HUGGINGFACE, url, note, Confidence.VERIFIED), null,
                    projectId, derivedProjects.get(url), row[0], relation, row[1], row[2],
                    row[3] == null ? null : ((Date) row[3]).toLocalDate(), base);
        }
        return derivatives.write(c).inserted();
    }

    /** The project (other than the base) whose current repository is each page, the first by id. */
    private static Map<String, Long> projectsOf(Connection c, long projectId, List<String> urls) throws SQLException {
        Map<String, Long> projects = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select distinct on (r.url) r.url, r.project_id from project_repository r
                where r.url = any(?) and r.superseded_at is null and r.project_id <> ?
                order by r.url, r.project_id""")) {
            s.setArray(1, c.createArrayOf("text", urls.toArray(String[]::new)));
            s.setLong(2, projectId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    projects.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return projects;
    }

    /** Records the last 30 days' downloads unless a Hub count of the project overlaps them. */
    private static long downloadCount(Connection c, long projectId, LocalDate from, LocalDate to, long downloads,
                                      String page, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select exists (select 1 from download_count d where d.project_id = ? and d.platform = 'huggingface'
                               and d.superseded_at is null and d.period_from <= ? and d.period_to >= ?)""")) {
            s.setLong(1, projectId);
            s.setDate(2, Date.valueOf(to));
            s.setDate(3, Date.valueOf(from));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getBoolean(1)) {
                    return 0;
                }
            }
        }
        String note = "the Hub's downloads of the last " + DOWNLOAD_DAYS + " days, read on " + to.plusDays(1) + " (job " + jobId + ")";
        return DOWNLOAD_COUNTS.batch()
                .add(null, new FactSource(SourceKind.HUGGINGFACE, page, note, Confidence.VERIFIED), null,
                        projectId, "huggingface", from, to, downloads)
                .write(c).inserted();
    }

    private String organisationKey(long organisationId) {
        return store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("select key from organisation where id = ?")) {
                s.setLong(1, organisationId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    private HubLicenses licenses() {
        HubLicenses loaded = licenses;
        if (loaded == null) {
            loaded = new HubLicenses(catalog, json);
            licenses = loaded;
        }
        return loaded;
    }
}
