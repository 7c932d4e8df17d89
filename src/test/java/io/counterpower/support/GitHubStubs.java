package io.counterpower.support;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A GitHub repository served from the recorded fixtures (see {@code fixtures/README.md}): two pages of
 * issues and pull requests, two merged pull requests, reviews (one pull request's on two pages),
 * three releases (one a draft), and the organisations of the contributors. Owner, repository and
 * logins are unique to the test; ETags answer {@code 304} when sent back.
 *
 * <p>What a collection of it records: 3 issues (one by a bot), 2 merges, 5 approvals (one reviewer
 * approving twice counts once), 2 releases, the MIT license of the code from 2024-03-01.
 */
public final class GitHubStubs {
    /** Priorities: conditional answers first, then a test's own overrides, then the recorded answers. */
    public static final int CONDITIONAL = 1;
    public static final int OVERRIDE = 3;
    public static final int RECORDED = 5;

    public final PlatformFixtures fixtures;
    public final String owner;
    public final String repo;

    public GitHubStubs(String run) {
        this.owner = "acme-" + run;
        this.repo = "model-" + run;
        this.fixtures = new PlatformFixtures(run).with("owner", owner).with("repo", repo)
                .with("mergeSha2", "2".repeat(40)).with("mergeSha3", "3".repeat(40))
                .with("orgA", "org-a-" + run).with("orgB", "org-b-" + run);
    }

    public String url() {
        return "https://github.com/" + owner + "/" + repo;
    }

    /** The path of the repository on the local server, e.g. {@code /github/repos/acme-x/model-x}. */
    public String path() {
        return "/github/repos/" + owner + "/" + repo;
    }

    public String login(String name) {
        return name + "-" + fixtures.value("run");
    }

    /** Stubs every recorded answer of the repository. */
    public GitHubStubs stubAll() {
        withEtag(path(), "github/repository.json", "\"repo-" + owner + "\"");
        String next = PlatformServer.githubBase() + "/repos/" + owner + "/" + repo
                + "/issues?state=all&sort=updated&direction=asc&per_page=100&page=2";
        stub(get(urlPathEqualTo(path() + "/issues")).withQueryParam("page", absent()).atPriority(RECORDED)
                .willReturn(json("github/issues-page-1.json").withHeader("ETag", "\"issues-" + owner + "\"")
                        .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"")));
        stub(get(urlPathEqualTo(path() + "/issues")).withHeader("If-None-Match", equalTo("\"issues-" + owner + "\""))
                .atPriority(CONDITIONAL).willReturn(aResponse().withStatus(304)));
        stub(get(urlPathEqualTo(path() + "/issues")).withQueryParam("page", equalTo("2")).atPriority(RECORDED - 1)
                .willReturn(json("github/issues-page-2.json")));
        stub(get(urlPathEqualTo(path() + "/pulls/2")).atPriority(RECORDED).willReturn(json("github/pull-2.json")));
        stub(get(urlPathEqualTo(path() + "/pulls/3")).atPriority(RECORDED).willReturn(json("github/pull-3.json")));
        stub(get(urlPathEqualTo(path() + "/pulls/2/reviews")).atPriority(RECORDED).willReturn(json("github/reviews-2.json")));
        String reviewsNext = PlatformServer.githubBase() + "/repos/" + owner + "/" + repo + "/pulls/3/reviews?per_page=100&page=2";
        stub(get(urlPathEqualTo(path() + "/pulls/3/reviews")).withQueryParam("page", absent()).atPriority(RECORDED)
                .willReturn(json("github/reviews-3-page-1.json").withHeader("Link", "<" + reviewsNext + ">; rel=\"next\"")));
        stub(get(urlPathEqualTo(path() + "/pulls/3/reviews")).withQueryParam("page", equalTo("2")).atPriority(RECORDED - 1)
                .willReturn(json("github/reviews-3-page-2.json")));
        stub(get(urlPathEqualTo(path() + "/pulls/5/reviews")).atPriority(RECORDED).willReturn(json("github/reviews-5.json")));
        withEtag(path() + "/releases", "github/releases.json", "\"releases-" + owner + "\"");
        orgs(login("grace"), "github/orgs-one.json");
        orgs(login("bob-gh"), "github/orgs-two.json");
        orgs(login("alice-gh"), "github/orgs-unrecorded.json");
        for (String nobody : new String[] {"carol-gh", "hana"}) {
            stub(get(urlPathEqualTo("/github/users/" + login(nobody) + "/orgs")).atPriority(RECORDED)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        }
        return this;
    }

    /** Answers {@code /users/{login}/orgs} with a recorded list, with an ETag. */
    public void orgs(String login, String fixture) {
        withEtag("/github/users/" + login + "/orgs", fixture, "\"orgs-" + login + "-" + fixture.hashCode() + "\"");
    }

    private void withEtag(String path, String fixture, String etag) {
        stub(get(urlPathEqualTo(path)).atPriority(RECORDED).willReturn(json(fixture).withHeader("ETag", etag)));
        stub(get(urlPathEqualTo(path)).withHeader("If-None-Match", equalTo(etag)).atPriority(CONDITIONAL)
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
    }

    /** A recorded body as GitHub sends it, with its rate-limit headers. */
    public ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4999")
                .withHeader("x-ratelimit-reset", String.valueOf(java.time.Instant.now().getEpochSecond() + 3600))
                .withHeader("x-ratelimit-resource", "core").withBody(fixtures.body(fixture));
    }

    /** A {@code 403} with {@code x-ratelimit-remaining: 0} that resets after {@code seconds}. */
    public ResponseDefinitionBuilder rateLimited(long seconds) {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000")
                .withHeader("x-ratelimit-reset", String.valueOf(java.time.Instant.now().getEpochSecond() + seconds))
                .withHeader("x-ratelimit-resource", "core").withBody(fixtures.body("github/rate-limited.json"));
    }

    public static StubMapping stub(MappingBuilder mapping) {
        return PlatformServer.server().stubFor(mapping);
    }
}
