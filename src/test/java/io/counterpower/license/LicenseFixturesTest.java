package io.counterpower.license;

import static io.counterpower.license.SharedCatalog.EXPRESSIONS;
import static io.counterpower.license.SharedCatalog.MATCHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalog on license files as real projects ship them (src/test/resources/fixtures/licenses, whose README names
 * repository, commit and path of each): every file is placed, or, for a use policy, is not a license.
 */
class LicenseFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/licenses");

    static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("fixture " + name + " is missing", e);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            terraform/LICENSE-2014-mpl                       | MPL-2.0                          | 2
            terraform/LICENSE-2023-08-10-busl                | BUSL-1.1                         | 5
            terraform/LICENSE-2023-08-16-busl                | BUSL-1.1                         | 5
            terraform/LICENSE-2023-12-06-busl                | BUSL-1.1                         | 5
            terraform/LICENSE-2026-03-17-busl                | BUSL-1.1                         | 5
            redis/COPYING-2020-bsd                           | BSD-3-Clause                     | 1
            redis/LICENSE-2024-03-20-rsal-or-sspl.txt        | LicenseRef-RSAL-2.0 OR SSPL-1.0  | 5
            redis/LICENSE-2024-07-28-rsal-or-sspl.txt        | LicenseRef-RSAL-2.0 OR SSPL-1.0  | 5
            elasticsearch/LICENSE-2021-sspl-or-elastic.txt   | SSPL-1.0 OR Elastic-2.0          | 5
            llama/LICENSE-2023-02-24                         | GPL-3.0-only                     | 3
            llama/LICENSE-2023-07-18-llama2                  | LicenseRef-Llama-2-Community     | 5
            llama/LICENSE-2023-07-21-llama2                  | LicenseRef-Llama-2-Community     | 5
            llama-models/llama2-LICENSE                      | LicenseRef-Llama-2-Community     | 5
            llama-models/llama3-LICENSE                      | LicenseRef-Llama-3-Community     | 5
            llama-models/llama3_1-LICENSE                    | LicenseRef-Llama-3.1-Community   | 5
            llama-models/llama3_2-LICENSE                    | LicenseRef-Llama-3.2-Community   | 5
            llama-models/llama3_3-LICENSE                    | LicenseRef-Llama-3.3-Community   | 5
            llama-models/llama4-LICENSE                      | LicenseRef-Llama-4-Community     | 5
            stable-diffusion/LICENSE-2022-01-14              | MIT                              | 1
            stable-diffusion/LICENSE-2022-08-22-creativeml   | LicenseRef-CreativeML-OpenRAIL-M | 4
            qwen/Tongyi-Qianwen-LICENSE-AGREEMENT            | LicenseRef-Tongyi-Qianwen        | 5
            qwen/Tongyi-Qianwen-RESEARCH-LICENSE-AGREEMENT   | LicenseRef-Tongyi-Qianwen-Research | 6
            deepseek/DeepSeek-V2-LICENSE-MODEL               | LicenseRef-DeepSeek-Model        | 4
            llama/LICENSE_WEIGHTS-2023-03-24-llama1          | LicenseRef-Llama-1-Research      | 6
            gemma/GEMMA_TERMS_OF_USE-2025-03-24.txt          | LicenseRef-Gemma-Terms           | 5
            mongodb/GNU-AGPL-3.0-2008-07-22.txt              | AGPL-3.0-only                    | 3
            mongodb/LICENSE-Community-2018-06-19-agpl-notice.txt | AGPL-3.0-only                | 3
            mongodb/LICENSE-Community-2018-10-15-sspl.txt    | SSPL-1.0                         | 5
            mongodb/LICENSE-Community-2018-10-17-sspl.txt    | SSPL-1.0                         | 5
            """)
    void placesTheRealFile(String file, String expression, int level) {
        LicenseTextMatch match = MATCHER.identify(fixture(file));
        assertEquals(expression, match.licenseId(), file + " by " + match.method());
        assertEquals(level, EXPRESSIONS.evaluate(match.licenseId()).level());
    }

    @ParameterizedTest(name = "{0} is no license")
    @CsvSource(textBlock = """
            llama/USE_POLICY-2023-07-18.md
            llama-models/llama2-USE_POLICY.md
            llama-models/llama3-USE_POLICY.md
            llama-models/llama3_1-USE_POLICY.md
            llama-models/llama3_2-USE_POLICY.md
            llama-models/llama3_3-USE_POLICY.md
            llama-models/llama4-USE_POLICY.md
            """)
    void aUsePolicyIsNoLicenseEvenWhenItNamesOne(String file) {
        LicenseTextMatch match = MATCHER.identify(fixture(file));
        assertNull(match.licenseId(), file + " was read as " + match.licenseId());
        assertEquals(MatchMethod.NONE, match.method());
    }

    @Test
    void mongodbsAgplNoticeIsReadAsTheLicenseItGrants() {
        // LICENSE-Community.txt of 2018-06-19 is no license text but a notice: AGPL version 3, plus MongoDB's permission
        // to link with OpenSSL and a section 7b clarification. A curated grant statement reads it (grant-statements.json
        // says why the OpenSSL permission leaves level 3); without both of its sentences the notice is not placed.
        String notice = fixture("mongodb/LICENSE-Community-2018-06-19-agpl-notice.txt");
        LicenseTextMatch match = MATCHER.identify(notice);
        assertEquals(MatchMethod.GRANT_STATEMENT, match.method());
        assertEquals("AGPL-3.0-only", match.licenseId());
        String withoutTheOpenSslPermission = notice.substring(0, notice.indexOf("As a special exception"));
        assertNull(MATCHER.identify(withoutTheOpenSslPermission).licenseId());
    }

    @Test
    void theLlama1KeyPhraseIsMetasAttributionNotTheSharedTemplate() {
        // Meta's LLaMA license and Stability AI's DeepFloyd IF license share their opening sentence; the attribution
        // notice Meta requires names LLaMA, so the key phrase is that notice.
        String llama1 = fixture("llama/LICENSE_WEIGHTS-2023-03-24-llama1");
        LicenseTextMatch match = MATCHER.identify(llama1);
        assertEquals(MatchMethod.KEY_PHRASE, match.method());
        String sameTemplateOtherLicensor = llama1.replace("“LLaMA is licensed under the LLaMA License, Copyright (c) "
                + "Meta Platforms, Inc.", "“IF is licensed under the DeepFloyd License, Copyright (c) Stability AI Ltd.");
        assertFalse(sameTemplateOtherLicensor.equals(llama1), "the fixture carries Meta's attribution notice");
        assertNull(MATCHER.identify(sameTemplateOtherLicensor).licenseId());
    }

    @Test
    void readsHashiCorpsBuslParameters() {
        LicenseTextMatch match = MATCHER.identify(fixture("terraform/LICENSE-2023-08-16-busl"));
        assertEquals(MatchMethod.FIXED_TEXT, match.method());
        assertEquals(Map.of(
                "licensor", "HashiCorp, Inc.",
                "licensedWork", "Terraform 1.6.0. The Licensed Work is (c) 2023 HashiCorp, Inc.",
                "additionalUseGrant", "You may make production use of the Licensed Work, provided such use does not "
                        + "include offering the Licensed Work to third parties on a hosted or embedded basis which is "
                        + "competitive with HashiCorp's products.",
                "changeDate", "Four years from the date the Licensed Work is published.",
                "changeLicense", "MPL 2.0",
                "convertsTo", "MPL-2.0"), match.parameters());
    }

    @Test
    void readsIbmsRewordedBuslGrantOverItsParagraphs() {
        Map<String, String> parameters = MATCHER.identify(fixture("terraform/LICENSE-2026-03-17-busl")).parameters();
        assertEquals("International Business Machines Corporation (IBM)", parameters.get("licensor"));
        assertEquals("Terraform Version 1.6.0 or later. The Licensed Work is (c) 2024 IBM Corp.",
                parameters.get("licensedWork"));
        assertEquals("MPL-2.0", parameters.get("convertsTo"));
        String grant = parameters.get("additionalUseGrant");
        assertFalse(grant.contains("Change Date"), grant);
        assertEquals(true, grant.startsWith("You may make production use of the Licensed Work, provided Your use"));
        assertEquals(true, grant.contains("A \"competitive offering\" is a Product"), grant);
    }

    @Test
    void aChangeLicenseTheCatalogCannotPlaceIsNotGuessed() {
        String text = fixture("terraform/LICENSE-2023-08-16-busl").replace("Change License:       MPL 2.0",
                "Change License:       The Acme Open License");
        Map<String, String> parameters = MATCHER.identify(text).parameters();
        assertEquals("The Acme Open License", parameters.get("changeLicense"));
        assertFalse(parameters.containsKey("convertsTo"));
    }

    @Test
    void aReadmeThatMentionsTheBuslIsNotTheBusl() {
        assertNull(MATCHER.identify("Terraform is licensed under the Business Source License 1.1; see LICENSE.")
                .licenseId());
    }

    @Test
    void everyFixtureIsInTheReadme() throws IOException {
        String readme = Files.readString(FIXTURES.resolve("README.md"));
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            files.filter(Files::isRegularFile).map(path -> FIXTURES.relativize(path).toString())
                    .filter(name -> !name.equals("README.md"))
                    .forEach(name -> assertEquals(true, readme.contains("`" + name + "`"), name + " not in README"));
        }
    }
}
