package io.counterpower.collect.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.counterpower.license.LicenseCatalog;
import io.counterpower.license.LicenseTextMatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real license histories replayed: a small repository commits the real license files (src/test/resources/fixtures/
 * licenses, whose README names repository, commit and path) at the dates the real repository committed them, and the
 * reader, with the service's catalog, must give the timeline {@code git log} shows for those files.
 */
class ReplayedLicenseHistoryTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/licenses");
    static LicenseTextIdentifier catalog;

    @TempDir
    Path dir;

    @BeforeAll
    static void catalog() {
        catalog = new CatalogLicenseIdentifier(new LicenseTextMatcher(new LicenseCatalog()));
    }

    static String fixture(String name) throws java.io.IOException {
        return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
    }

    private List<ObservedLicensePeriod> periods(Path repo) throws Exception {
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(repo)) {
            reader.read(ReadRequest.defaultBranch().identifyingLicensesWith(catalog), visitor);
        }
        return visitor.finished.licensePeriods();
    }

    private static List<List<String>> timeline(List<ObservedLicensePeriod> periods) {
        return periods.stream().map(p -> List.of(p.artifact().code(), p.validFrom().toString().substring(0, 10),
                BranchHistoryWriter.expressionOf(p))).toList();
    }

    @Test
    void terraformMplThenBuslWithItsParametersAndNoPeriodForItsEdits() throws Exception {
        // git log -- LICENSE on hashicorp/terraform: added 2014-07-28, BUSL on 2023-08-10, then edits of the
        // parameters (2023-08-16), the year (2023-12-06) and IBM's rewording (2026-03-17), all still BUSL-1.1.
        Path path = dir.resolve("terraform.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("M", "m@hashicorp.example", "2014-07-28T00:00:00Z").put("README.md", "tf\n").create();
            repo.commit("main").by("M", "m@hashicorp.example", "2014-07-28T12:00:00Z")
                    .put("LICENSE", fixture("terraform/LICENSE-2014-mpl")).create();
            repo.commit("main").by("M", "m@hashicorp.example", "2023-08-10T16:00:00Z")
                    .put("LICENSE", fixture("terraform/LICENSE-2023-08-10-busl")).create();
            repo.commit("main").by("M", "m@hashicorp.example", "2023-08-16T16:00:00Z")
                    .put("LICENSE", fixture("terraform/LICENSE-2023-08-16-busl")).create();
            repo.commit("main").by("M", "m@hashicorp.example", "2023-12-06T16:00:00Z")
                    .put("LICENSE", fixture("terraform/LICENSE-2023-12-06-busl")).create();
            repo.commit("main").by("M", "m@hashicorp.example", "2026-03-17T16:00:00Z")
                    .put("LICENSE", fixture("terraform/LICENSE-2026-03-17-busl")).create();
        }
        List<ObservedLicensePeriod> periods = periods(path);
        assertEquals(List.of(List.of("code", "2014-07-28", "MPL-2.0"), List.of("code", "2023-08-10", "BUSL-1.1")),
                timeline(periods));
        assertEquals(Map.of(), periods.get(0).parameters());
        assertEquals("HashiCorp, Inc.", periods.get(1).parameters().get("licensor"));
        assertEquals("MPL-2.0", periods.get(1).parameters().get("convertsTo"));
        assertEquals("Four years from the date the Licensed Work is published.",
                periods.get(1).parameters().get("changeDate"));
    }

    @Test
    void redisBsdInCopyingThenTheRsalOrSsplChoiceInLicenseTxt() throws Exception {
        // redis/redis: COPYING (BSD-3-Clause) until 2024-03-20, when LICENSE.txt replaced it with the dual license;
        // renamed to "Redis Community Edition" on 2024-07-28, the same grant.
        Path path = dir.resolve("redis.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("S", "s@redis.example", "2009-03-22T00:00:00Z").put("README", "redis\n").create();
            repo.commit("main").by("S", "s@redis.example", "2020-06-23T00:00:00Z")
                    .put("COPYING", fixture("redis/COPYING-2020-bsd")).create();
            repo.commit("main").by("S", "s@redis.example", "2024-03-20T00:00:00Z").delete("COPYING")
                    .put("LICENSE.txt", fixture("redis/LICENSE-2024-03-20-rsal-or-sspl.txt")).create();
            repo.commit("main").by("S", "s@redis.example", "2024-07-28T00:00:00Z")
                    .put("LICENSE.txt", fixture("redis/LICENSE-2024-07-28-rsal-or-sspl.txt")).create();
        }
        assertEquals(List.of(List.of("code", "2020-06-23", "BSD-3-Clause"),
                List.of("code", "2024-03-20", "LicenseRef-RSAL-2.0 OR SSPL-1.0")), timeline(periods(path)));
    }

    @Test
    void llamaGplCodeThenTheLlama2LicenseAndItsUsePolicyIsNoPeriod() throws Exception {
        // meta-llama/llama: LICENSE GPL-3.0 at the first commit (2023-02-24), the Llama 2 license with USE_POLICY.md
        // on 2023-07-18, an edit of the license on 2023-07-21.
        Path path = dir.resolve("llama.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("M", "m@meta.example", "2023-02-24T00:00:00Z")
                    .put("LICENSE", fixture("llama/LICENSE-2023-02-24")).create();
            repo.commit("main").by("M", "m@meta.example", "2023-07-18T00:00:00Z")
                    .put("LICENSE", fixture("llama/LICENSE-2023-07-18-llama2"))
                    .put("USE_POLICY.md", fixture("llama/USE_POLICY-2023-07-18.md")).create();
            repo.commit("main").by("M", "m@meta.example", "2023-07-21T00:00:00Z")
                    .put("LICENSE", fixture("llama/LICENSE-2023-07-21-llama2")).create();
        }
        assertEquals(List.of(List.of("code", "2023-02-24", "GPL-3.0-only"),
                List.of("code", "2023-07-18", "LicenseRef-Llama-2-Community")), timeline(periods(path)));
    }

    @Test
    void stableDiffusionMitThenCreativeMlOpenRailM() throws Exception {
        // CompVis/stable-diffusion: LICENSE added 2022-01-14 (MIT), "Release under CreativeML Open RAIL M" 2022-08-22.
        Path path = dir.resolve("sd.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("R", "r@lmu.example", "2021-12-21T00:00:00Z").put("README.md", "sd\n").create();
            repo.commit("main").by("R", "r@lmu.example", "2022-01-14T00:00:00Z")
                    .put("LICENSE", fixture("stable-diffusion/LICENSE-2022-01-14")).create();
            repo.commit("main").by("R", "r@lmu.example", "2022-08-22T00:00:00Z")
                    .put("LICENSE", fixture("stable-diffusion/LICENSE-2022-08-22-creativeml")).create();
        }
        assertEquals(List.of(List.of("code", "2022-01-14", "MIT"),
                List.of("code", "2022-08-22", "LicenseRef-CreativeML-OpenRAIL-M")), timeline(periods(path)));
    }

    @Test
    void elasticsearchApacheThenTheSsplOrElasticDefault() throws Exception {
        // elastic/elasticsearch: the Apache-2.0 LICENSE.txt gave way to the dual-license statement in February 2021.
        Path path = dir.resolve("es.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("E", "e@elastic.example", "2015-01-01T00:00:00Z")
                    .put("LICENSE.txt", apache()).create();
            repo.commit("main").by("E", "e@elastic.example", "2021-02-03T00:00:00Z")
                    .put("LICENSE.txt", fixture("elasticsearch/LICENSE-2021-sspl-or-elastic.txt")).create();
        }
        assertEquals(List.of(List.of("code", "2015-01-01", "Apache-2.0"),
                List.of("code", "2021-02-03", "SSPL-1.0 OR Elastic-2.0")), timeline(periods(path)));
    }

    @Test
    void mongodbAgplThenSspl() throws Exception {
        // mongodb/mongo (fixtures README): GNU-AGPL-3.0.txt from 2008-07-22, the LICENSE-Community.txt notice beside it
        // from 2018-06-19, both replaced by the SSPL on 2018-10-15, then a one-word fix of the SSPL on 2018-10-17.
        Path path = dir.resolve("mongo.git");
        try (HistoryFixture repo = HistoryFixture.bare(path)) {
            repo.commit("main").by("E", "e@mongodb.example", "2007-10-19T00:00:00Z").put("README", "mongo\n").create();
            repo.commit("main").by("E", "e@mongodb.example", "2008-07-22T13:45:40Z")
                    .put("GNU-AGPL-3.0.txt", fixture("mongodb/GNU-AGPL-3.0-2008-07-22.txt")).create();
            repo.commit("main").by("R", "r@mongodb.example", "2018-06-19T22:21:31Z")
                    .put("LICENSE-Community.txt", fixture("mongodb/LICENSE-Community-2018-06-19-agpl-notice.txt")).create();
            repo.commit("main").by("R", "r@mongodb.example", "2018-10-15T18:32:05Z").delete("GNU-AGPL-3.0.txt")
                    .put("LICENSE-Community.txt", fixture("mongodb/LICENSE-Community-2018-10-15-sspl.txt")).create();
            repo.commit("main").by("R", "r@mongodb.example", "2018-10-17T17:56:42Z")
                    .put("LICENSE-Community.txt", fixture("mongodb/LICENSE-Community-2018-10-17-sspl.txt")).create();
        }
        // GNU-AGPL-3.0.txt is not a license file name under section 5 (LICENSE, LICENCE, COPYING and their suffixes);
        // the first license file is the 2018 notice, read as the AGPL version 3 it grants (grant-statements.json). The
        // SSPL follows on the day git shows, and the fix of 2018-10-17 is no new period. The AGPL years before the notice
        // are the curated period's (MongoAndElasticsearchCollectionTest: it survives the collection).
        assertEquals(List.of(List.of("code", "2018-06-19", "AGPL-3.0-only"), List.of("code", "2018-10-15", "SSPL-1.0")),
                timeline(periods(path)));
    }

    /** Apache-2.0 as SPDX ships it (the Elasticsearch file of that time is not among the fixtures). */
    private static String apache() throws Exception {
        return spdx("Apache-2.0");
    }

    /** A license text as the SPDX License List ships it. */
    static String spdx(String id) throws Exception {
        try (var in = ReplayedLicenseHistoryTest.class.getClassLoader()
                .getResourceAsStream("resources/stdlicenses/" + id + ".json")) {
            if (in == null) {
                throw new AssertionError("no SPDX text of " + id + " on the class path");
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("licenseText").asText();
        }
    }
}
