package io.counterpower.collect.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.counterpower.collect.CollectionFailure;
import io.counterpower.collect.CollectionRun;
import io.counterpower.collect.platform.CollectionCursors;
import io.counterpower.collect.platform.Json;
import io.counterpower.collect.platform.OrganisationNames;
import io.counterpower.collect.platform.PlatformClient;
import io.counterpower.collect.platform.PlatformResponse;
import io.counterpower.collect.platform.PlatformStore;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.counterpower.contributor.Affiliation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Affiliation hints from public GitHub organisation membership (source {@code github-org}, tier 4 of
 * METHODOLOGY.md section 2: below every curated source, above email domains).
 *
 * <p>For each contributor of the project who has a GitHub login (and is not a bot), the
 * organisations the login is a public member of ({@code GET /users/{login}/orgs}) are matched to
 * recorded organisations by key or alias ({@link OrganisationNames}). A membership is a statement
 * about today: the hint starts on the day it is first seen and stays open while later runs still see
 * it; a run that no longer sees it ends it the day before. Membership of several recorded
 * organisations at once says nothing about which one the work is for, so it records no hint (and
 * keeps one already open for one of them). Curated affiliations are never touched; they win over
 * the hint wherever both hold.
 */
@ApplicationScoped
class OrgMembershipAffiliations {
    static final String SOURCE_KIND = "github-org";
    private static final Pattern GITHUB_LOGIN = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,38})$");

    @Inject
    PlatformStore store;

    private record Login(long contributor, String login) {
    }

    private record Open(long rowId, long id, long organisationId, LocalDate from, String sourceUrl, String sourceNote) {
    }

    void update(CollectionRun run, PlatformClient client, CollectionCursors cursors) throws CollectionFailure {
        List<Login> logins = store.inTransaction(c -> logins(c, run.projectId()));
        Map<Long, TreeSet<String>> orgsOfContributor = new LinkedHashMap<>();
        for (Login login : logins) {
            if (!GITHUB_LOGIN.matcher(login.login()).matches()) {
                continue; // not a user's login (an app's ends in [bot]); GitHub has no organisations for it
            }
            List<String> orgs = orgsOf(client, cursors, login.login());
            if (orgs != null) {
                orgsOfContributor.computeIfAbsent(login.contributor(), k -> new TreeSet<>()).addAll(orgs);
            }
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long[] counts = store.writing(run.projectId(), c -> {
            OrganisationNames names = OrganisationNames.load(c);
            VersionedRows.Batch writes = Affiliation.VERSIONS.batch();
            long added = 0;
            long closed = 0;
            for (Map.Entry<Long, TreeSet<String>> entry : orgsOfContributor.entrySet()) {
                long contributor = entry.getKey();
                Map<Long, String> matched = new LinkedHashMap<>();
                for (String org : entry.getValue()) {
                    Long id = names.organisationOf(org);
                    if (id != null) {
                        matched.putIfAbsent(id, org);
                    }
                }
                Open open = open(c, contributor);
                Long desired = null;
                if (matched.size() == 1) {
                    desired = matched.keySet().iterator().next();
                } else if (matched.size() > 1) {
                    if (open != null && matched.containsKey(open.organisationId())) {
                        desired = open.organisationId();
                    } else {
                        run.warn("Contributor " + contributor + " is a public member of several recorded organisations on "
                                + "GitHub (" + String.join(", ", new TreeSet<>(matched.values())) + "); no organisation "
                                + "hint is recorded for them");
                    }
                }
                if (open != null && desired != null && open.organisationId() == desired) {
                    continue;
                }
                if (open != null) {
                    end(writes, contributor, open, today);
                    closed++;
                }
                if (desired != null) {
                    String org = matched.get(desired);
                    writes.add(null, new FactSource(SourceKind.GITHUB_ORG, "https://github.com/orgs/" + org + "/people",
                            "a public member of the GitHub organisation " + org + " since this day at least (job "
                                    + run.jobId() + ")", Confidence.INFERRED), null, contributor, desired, today, null);
                    added++;
                }
            }
            // The hints of every contributor at once: the ends close first, then the new versions go in.
            writes.write(c);
            return new long[] {added, closed};
        });
        run.orgAffiliations(counts[0], counts[1]);
    }

    /** The organisation logins a user is a public member of; null when unknown (a 304 without a cached list). */
    private List<String> orgsOf(PlatformClient client, CollectionCursors cursors, String login) throws CollectionFailure {
        String path = "/users/" + login + "/orgs?per_page=100";
        String listKey = "orgs:" + login;
        PlatformResponse first = store.conditionalGet(client, cursors, path);
        if (first.notModified()) {
            String cached = store.inTransaction(c -> cursors.get(c, listKey));
            return cached == null ? null : cached.isEmpty() ? List.of() : Arrays.asList(cached.split(","));
        }
        List<String> orgs = new ArrayList<>();
        PlatformResponse page = first;
        while (true) {
            for (JsonNode org : Json.array(page.body(), GitHubCollector.PLATFORM, "GET /users/" + login + "/orgs")) {
                String name = Json.text(org, "login");
                if (name != null) {
                    orgs.add(name);
                }
            }
            URI next = page.next();
            if (next == null) {
                break;
            }
            page = client.get(next, null);
        }
        store.inTransaction(c -> {
            cursors.put(c, listKey, String.join(",", orgs));
            return null;
        });
        store.rememberEtag(cursors, path, first);
        return orgs;
    }

    /** The project's contributors with a GitHub login, bots left out. */
    private static List<Login> logins(Connection c, long projectId) throws SQLException {
        List<Login> logins = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select distinct l.contributor_id, lower(i.username) from identity i
                join identity_link l on l.id = i.id and l.superseded_at is null and not l.is_bot
                where i.platform = 'github' and l.contributor_id in (
                    select p.contributor_id from contribution c
                    join identity_link p on p.id = c.identity_id and p.superseded_at is null
                    where c.project_id = ? and c.superseded_at is null)
                order by 1, 2""")) {
            s.setLong(1, projectId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    logins.add(new Login(r.getLong(1), r.getString(2)));
                }
            }
        }
        return logins;
    }

    private static Open open(Connection c, long contributor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select row_id, id, organisation_id, valid_from, source_url, source_note from affiliation
                where contributor_id = ? and source_kind = 'github-org' and superseded_at is null and valid_to is null
                order by valid_from desc limit 1""")) {
            s.setLong(1, contributor);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Open(r.getLong(1), r.getLong(2), r.getLong(3), r.getDate(4).toLocalDate(),
                        r.getString(5), r.getString(6)) : null;
            }
        }
    }

    /** Ends an open hint the day before today: a new version of the same fact, or a close when it began today. */
    private static void end(VersionedRows.Batch writes, long contributor, Open open, LocalDate today) {
        writes.supersede(open.rowId());
        if (open.from().isBefore(today)) {
            writes.add(open.id(), new FactSource(SourceKind.GITHUB_ORG, open.sourceUrl(), open.sourceNote(), Confidence.INFERRED),
                    "the public membership is no longer seen on GitHub", contributor, open.organisationId(), open.from(),
                    today.minusDays(1));
        }
    }
}
