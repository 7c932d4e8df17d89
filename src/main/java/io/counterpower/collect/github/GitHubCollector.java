package io.counterpower.collect.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.collect.CollectionFailure;
import io.counterpower.collect.CollectionRun;
import io.counterpower.collect.CollectionRun.Phase;
import io.counterpower.collect.CollectionStats;
import io.counterpower.collect.Collector;
import io.counterpower.collect.CollectionRequests;
import io.counterpower.collect.RepositoryTarget;
import io.counterpower.collect.git.IdentityResolver;
import io.counterpower.collect.platform.CollectionCursors;
import io.counterpower.collect.platform.Json;
import io.counterpower.collect.platform.PlatformClient;
import io.counterpower.collect.platform.PlatformHttpConfig;
import io.counterpower.collect.platform.PlatformResponse;
import io.counterpower.collect.platform.PlatformStore;
import io.counterpower.collect.platform.RateLimitExhausted;
import io.counterpower.collect.platform.ReportedLicense;
import io.counterpower.license.LicenseCatalog;
import io.counterpower.license.LicenseEntry;
import io.counterpower.license.LicenseExpressions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.sql.Connection;
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
 * Collects a project's GitHub repositories through the REST API (METHODOLOGY.md section 2): who
 * reviews (approvals), who merges ({@code merged_by}), who opens issues and who publishes releases,
 * the repository's license as GitHub reports it, and the public organisation memberships of the
 * project's contributors ({@link OrgMembershipAffiliations}).
 *
 * <p>Issues and pull requests are read together from the issues endpoint, oldest update first,
 * from the repository's {@code since} cursor (the last update read); the cursor moves with each
 * page written, so a run stopped by the rate limit resumes where it stopped. A merged pull
 * request's merger and merge commit come from the pull request itself, its approvals from its
 * reviews. Releases are few and read in full, with an ETag. Logins become GitHub identities,
 * linked to the contributor that already holds them (the git collector links the login of a
 * noreply address to that address's contributor), else to a new contributor.
 */
@ApplicationScoped
class GitHubCollector implements Collector {
    static final String SOURCE = "github";
    static final String PLATFORM = "GitHub";

    @Inject
    GitHubConfig config;
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
    @Inject
    OrgMembershipAffiliations memberships;

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public void collect(CollectionRun run) throws CollectionFailure {
        PlatformClient client = new PlatformClient(new PlatformClient.Platform(PLATFORM, config.apiUrl(), config.token(),
                "COUNTERPOWER_GITHUB_TOKEN", "application/vnd.github+json"), http, json);
        IdentityResolver identities = new IdentityResolver(SOURCE, null, "collected by job " + run.jobId());
        CollectionCursors cursors = new CollectionCursors(run.projectId(), SOURCE);
        try {
            for (RepositoryTarget target : run.repositories()) {
                new RepositoryRead(run, target, client, identities, cursors).read();
            }
            run.enter(Phase.AFFILIATIONS);
            memberships.update(run, client, cursors);
            run.totals(store.totals(run.projectId(), SOURCE));
            run.enter(Phase.DONE);
        } catch (RateLimitExhausted e) {
            throw e.asJobError("it resumes where this one stopped");
        } finally {
            run.identitiesAdded(identities.identitiesAdded(), identities.contributorsAdded());
            store.finish(run, client, SOURCE);
        }
    }

    /** One repository of a run. */
    private final class RepositoryRead {
        private final CollectionRun run;
        private final RepositoryTarget target;
        private final PlatformClient client;
        private final IdentityResolver identities;
        private final CollectionCursors cursors;
        private final String apiPath;
        private final String webUrl;
        private final Map<String, Long> loginIdentities = new HashMap<>();

        RepositoryRead(CollectionRun run, RepositoryTarget target, PlatformClient client, IdentityResolver identities,
                       CollectionCursors cursors) throws CollectionFailure {
            this.run = run;
            this.target = target;
            this.client = client;
            this.identities = identities;
            this.cursors = cursors;
            Matcher m = CollectionRequests.GITHUB_REPOSITORY.matcher(target.url());
            if (!m.matches()) {
                throw new CollectionFailure(target.url() + " is not a repository on github.com");
            }
            this.apiPath = "/repos/" + m.group(1) + "/" + m.group(2);
            this.webUrl = "https://github.com/" + m.group(1) + "/" + m.group(2);
        }

        void read() throws CollectionFailure {
            identities.from(webUrl);
            run.enter(Phase.OPENING);
            license();
            run.enter(Phase.READING);
            String since = store.inTransaction(c -> cursors.get(c, sinceKey()));
            String tip = issuesAndPullRequests(since);
            releases();
            run.repositoryRead(new CollectionStats.RepositoryRead(target.url(), null, since, tip, 0, true));
        }

        private String sinceKey() {
            return "since:" + webUrl;
        }

        /** The repository's license as GitHub detects it, for the artifact the repository holds. */
        private void license() throws CollectionFailure {
            PlatformResponse response = store.conditionalGet(client, cursors, apiPath);
            if (response.notModified()) {
                return;
            }
            JsonNode repository = Json.object(response.body(), PLATFORM, "GET " + apiPath);
            JsonNode license = repository.get("license");
            String spdx = license == null || !license.isObject() ? null : Json.text(license, "spdx_id");
            Instant created = Json.instant(repository, "created_at", PLATFORM, "GET " + apiPath);
            Optional<String> expression = Optional.ofNullable(spdx).filter(id -> !"NOASSERTION".equals(id))
                    .flatMap(catalog::find).map(LicenseEntry::id);
            if (expression.isEmpty()) {
                if (spdx != null) {
                    run.warn(webUrl + ": GitHub does not recognise the license (" + spdx + "); no license period recorded");
                }
            } else if (created != null) {
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                ReportedLicense.Result result = store.writing(run.projectId(), c -> new ReportedLicense(expressions,
                        catalog.catalogVersion()).record(c, run.projectId(), target.role(), expression.get(),
                        LocalDate.ofInstant(created, ZoneOffset.UTC), today, SOURCE, webUrl,
                        "the repository's license as GitHub reports it, job " + run.jobId()));
                result.reportTo(run, webUrl, "GitHub reports the license", expression.get(), target.role());
            }
            store.rememberEtag(cursors, apiPath, response);
        }

        /**
         * Reads issues and pull requests updated since the cursor, oldest update first, page by page;
         * each page's contributions and the cursor are written in one transaction. Returns the new cursor.
         */
        private String issuesAndPullRequests(String since) throws CollectionFailure {
            String path = apiPath + "/issues?state=all&sort=updated&direction=asc&per_page=100"
                    + (since == null ? "" : "&since=" + since);
            PlatformResponse first = store.conditionalGet(client, cursors, path);
            String cursor = since;
            PlatformResponse page = first;
            while (!page.notModified()) {
                String where = "GET " + apiPath + "/issues";
                List<PlatformContribution> rows = new ArrayList<>();
                int items = 0;
                String pageCursor = cursor;
                for (JsonNode item : Json.array(page.body(), PLATFORM, where)) {
                    items++;
                    if (item.hasNonNull("pull_request")) {
                        pullRequest(item, rows);
                    } else {
                        issue(item, rows);
                    }
                    String updated = Json.text(item, "updated_at");
                    if (updated != null) {
                        pageCursor = updated;
                    }
                }
                String moved = pageCursor;
                Map<PlatformContribution.Kind, Long> added = store.writing(run.projectId(), c -> {
                    Map<PlatformContribution.Kind, Long> written = PlatformContribution.write(c, run.projectId(), webUrl, rows);
                    if (moved != null) {
                        cursors.put(c, sinceKey(), moved);
                    }
                    return written;
                });
                cursor = moved;
                count(added);
                run.advanceItems(items);
                if (page.next() == null) {
                    break;
                }
                page = client.get(page.next(), null);
            }
            store.rememberEtag(cursors, path, first);
            return cursor;
        }

        private void issue(JsonNode item, List<PlatformContribution> rows) throws CollectionFailure {
            String where = "GET " + apiPath + "/issues";
            Long author = identity(item, "user");
            Instant opened = Json.instant(item, "created_at", PLATFORM, where);
            String page = Json.text(item, "html_url");
            if (author != null && opened != null && page != null) {
                rows.add(new PlatformContribution(PlatformContribution.Kind.ISSUE, author, opened, page, page));
            }
        }

        /** A pull request: its merger (from the pull request itself) and its approvals (from its reviews). */
        private void pullRequest(JsonNode item, List<PlatformContribution> rows) throws CollectionFailure {
            JsonNode number = item.get("number");
            if (number == null || !number.canConvertToLong()) {
                throw new CollectionFailure("GitHub answered GET " + apiPath + "/issues with an item without a number; "
                        + "nothing from its page was recorded");
            }
            String pullPath = apiPath + "/pulls/" + number.asLong();
            String page = Json.text(item, "html_url");
            if (Json.text(item.get("pull_request"), "merged_at") != null) {
                JsonNode pull = Json.object(client.get(pullPath, null).body(), PLATFORM, "GET " + pullPath);
                Long merger = identity(pull, "merged_by");
                Instant merged = Json.instant(pull, "merged_at", PLATFORM, "GET " + pullPath);
                String sha = Json.text(pull, "merge_commit_sha");
                if (merger != null && merged != null) {
                    // The merge commit's sha is the git collector's reference for the same merge: it counts once.
                    rows.add(new PlatformContribution(PlatformContribution.Kind.MERGE, merger, merged,
                            sha != null ? sha : page, page));
                }
            }
            URI next = null;
            String reviewsPath = pullPath + "/reviews?per_page=100";
            do {
                PlatformResponse reviews = next == null ? client.get(reviewsPath, null) : client.get(next, null);
                for (JsonNode review : Json.array(reviews.body(), PLATFORM, "GET " + pullPath + "/reviews")) {
                    if (!"APPROVED".equals(Json.text(review, "state"))) {
                        continue;
                    }
                    Long reviewer = identity(review, "user");
                    Instant submitted = Json.instant(review, "submitted_at", PLATFORM, "GET " + pullPath + "/reviews");
                    if (reviewer != null && submitted != null && page != null) {
                        // One approval per reviewer and pull request counts; the first one dates it.
                        rows.add(new PlatformContribution(PlatformContribution.Kind.REVIEW, reviewer, submitted, page,
                                Optional.ofNullable(Json.text(review, "html_url")).orElse(page)));
                    }
                }
                next = reviews.next();
            } while (next != null);
        }

        /** Releases, with who published them; drafts are not releases yet. */
        private void releases() throws CollectionFailure {
            String path = apiPath + "/releases?per_page=100";
            PlatformResponse first = store.conditionalGet(client, cursors, path);
            PlatformResponse page = first;
            while (!page.notModified()) {
                List<PlatformContribution> rows = new ArrayList<>();
                for (JsonNode release : Json.array(page.body(), PLATFORM, "GET " + apiPath + "/releases")) {
                    if (release.path("draft").asBoolean(false)) {
                        continue;
                    }
                    Long author = identity(release, "author");
                    Instant published = Json.instant(release, "published_at", PLATFORM, "GET " + apiPath + "/releases");
                    String url = Json.text(release, "html_url");
                    if (author != null && published != null && url != null) {
                        rows.add(new PlatformContribution(PlatformContribution.Kind.RELEASE, author, published, url, url));
                    }
                }
                count(store.writing(run.projectId(), c -> PlatformContribution.write(c, run.projectId(), webUrl, rows)));
                if (page.next() == null) {
                    break;
                }
                page = client.get(page.next(), null);
            }
            store.rememberEtag(cursors, path, first);
        }

        /** The GitHub identity of a user object's login, linked to its contributor; null without a login. */
        private Long identity(JsonNode node, String field) {
            String login = Json.login(node, field);
            if (login == null) {
                return null;
            }
            Long known = loginIdentities.get(login);
            if (known != null) {
                return known;
            }
            boolean bot = "Bot".equals(Json.text(node.get(field), "type"));
            long id = store.inTransaction(c -> identityOf(c, login, bot));
            loginIdentities.put(login, id);
            return id;
        }

        private long identityOf(Connection c, String login, boolean bot) throws SQLException {
            return identities.identityOfLogin(c, login, login, bot ? "platform-bot" : null);
        }

        private void count(Map<PlatformContribution.Kind, Long> added) {
            run.contributionsAdded(0, added.get(PlatformContribution.Kind.MERGE));
            run.platformContributionsAdded(added.get(PlatformContribution.Kind.REVIEW),
                    added.get(PlatformContribution.Kind.ISSUE), added.get(PlatformContribution.Kind.RELEASE));
        }
    }
}
