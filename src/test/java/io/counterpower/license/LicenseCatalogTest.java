package io.counterpower.license;

import static io.counterpower.license.SharedCatalog.CATALOG;
import static io.counterpower.license.SharedCatalog.EXPRESSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenseCatalogTest {

    @Test
    void holdsTheWholeSpdxListPlusTheCuratedLicenses() {
        assertTrue(CATALOG.spdxIds().size() > 600, "SPDX ids: " + CATALOG.spdxIds().size());
        assertTrue(CATALOG.spdxIds().contains("MIT"));
        assertTrue(CATALOG.spdxIds().contains("GPL-3.0"), "deprecated ids stay in the catalog");
        long licenseRefs = CATALOG.entries().stream().filter(entry -> !entry.spdx()).count();
        assertTrue(licenseRefs >= 25, "LicenseRef entries: " + licenseRefs);
        assertTrue(CATALOG.entries().stream().filter(entry -> !entry.spdx())
                .allMatch(entry -> entry.id().startsWith("LicenseRef-")));
    }

    @Test
    void coversEveryLicenseIdOfTheReferenceDataset() throws IOException {
        // The dataset sits beside the repository (/work/shared next to /work/main or a clone); skip elsewhere.
        Path reference = Path.of("..", "shared", "data", "reference.json");
        Assumptions.assumeTrue(Files.isRegularFile(reference), "no " + reference.toAbsolutePath());
        JsonNode dataset = new ObjectMapper().readTree(reference.toFile());
        Set<String> expressions = new TreeSet<>();
        for (JsonNode event : dataset.path("license_events")) {
            for (String field : List.of("from", "to")) {
                if (event.hasNonNull(field)) {
                    expressions.add(event.get(field).asText());
                }
            }
        }
        assertTrue(expressions.size() >= 20, "expressions read: " + expressions);
        List<String> problems = new ArrayList<>();
        for (String expression : expressions) {
            ExpressionLevel level = EXPRESSIONS.evaluate(expression);
            if (!level.known() || !level.unknownIds().isEmpty()) {
                problems.add(expression + " -> " + level);
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0} is level {1}")
    @CsvSource({
        "CC0-1.0, 0", "Unlicense, 0",
        "MIT, 1", "BSD-3-Clause, 1", "Apache-2.0, 1",
        "MPL-2.0, 2", "LGPL-3.0-only, 2", "EPL-2.0, 2",
        "GPL-3.0-only, 3", "AGPL-3.0-only, 3",
        "LicenseRef-CreativeML-OpenRAIL-M, 4", "LicenseRef-BigScience-OpenRAIL-M, 4",
        "LicenseRef-Llama-2-Community, 5", "LicenseRef-Llama-3-Community, 5", "LicenseRef-Gemma-Terms, 5",
        "BUSL-1.1, 5", "SSPL-1.0, 5", "Elastic-2.0, 5", "LicenseRef-RSAL-2.0, 5",
        "CC-BY-NC-4.0, 6", "LicenseRef-Mistral-Research, 6", "LicenseRef-Mistral-Non-Production, 6",
        "LicenseRef-Llama-1-Research, 6",
        "LicenseRef-No-License, 7"
    })
    void classifiesTheMethodologyExamples(String id, int level) {
        LicenseEntry entry = CATALOG.find(id).orElseThrow();
        assertEquals(level, entry.level(), id);
        assertEquals(LicenseCategory.ofLevel(level).orElseThrow(), entry.category());
    }

    @Test
    void coversTheNamedModelLicenseFamilies() {
        List<String> families = List.of("LicenseRef-Llama-1-Research", "LicenseRef-Llama-2-Community",
                "LicenseRef-Llama-3-Community", "LicenseRef-Llama-3.1-Community", "LicenseRef-Llama-3.2-Community",
                "LicenseRef-Llama-3.3-Community", "LicenseRef-Llama-4-Community", "LicenseRef-Gemma-Terms",
                "LicenseRef-Mistral-Research", "LicenseRef-Mistral-Non-Production",
                "LicenseRef-CreativeML-OpenRAIL-M", "LicenseRef-BigScience-OpenRAIL-M",
                "LicenseRef-BigScience-RAIL-1.0", "LicenseRef-TII-Falcon-1.0", "LicenseRef-Falcon-180B-TII",
                "LicenseRef-TII-Falcon-2.0", "LicenseRef-Tongyi-Qianwen", "LicenseRef-Qwen",
                "LicenseRef-DeepSeek-Model", "LicenseRef-RSAL-2.0", "LicenseRef-Stability-AI-Community",
                "LicenseRef-Stability-AI-Non-Commercial", "LicenseRef-Elastic-License-1.0");
        for (String id : families) {
            LicenseEntry entry = CATALOG.find(id).orElseThrow(() -> new AssertionError(id + " missing"));
            assertEquals(LevelBasis.CURATED, entry.levelBasis(), id);
            assertNotNull(entry.licensor(), id);
            assertTrue(entry.referenceUrl().startsWith("https://"), id);
            assertFalse(entry.keyPhrases().isEmpty(), id);
            assertFalse(entry.spdx(), id);
        }
        assertTrue(CATALOG.find("Elastic-1.0").isEmpty(), "if SPDX adds ELv1, replace the LicenseRef");
    }

    @Test
    void recordsTheFlagsOfTheMethodology() {
        LicenseEntry llama2 = CATALOG.find("LicenseRef-Llama-2-Community").orElseThrow();
        assertEquals(700_000_000L, llama2.userThreshold());
        assertEquals(Boolean.TRUE, llama2.commercialUse());
        assertEquals(Boolean.TRUE, llama2.useRestrictions());
        assertEquals(Boolean.TRUE, llama2.competingUse());
        assertEquals(Copyleft.NONE, llama2.copyleft());
        assertEquals(Boolean.TRUE, CATALOG.find("LicenseRef-Llama-3.1-Community").orElseThrow()
                .attributionOrBranding());
        assertEquals("GPL-2.0-or-later", CATALOG.find("BUSL-1.1").orElseThrow().convertsTo());
        assertEquals(Boolean.FALSE, CATALOG.find("CC-BY-NC-4.0").orElseThrow().commercialUse());
        assertEquals(Copyleft.NETWORK, CATALOG.find("AGPL-3.0-only").orElseThrow().copyleft());
        assertEquals(Copyleft.LIBRARY, CATALOG.find("LGPL-2.1-only").orElseThrow().copyleft());
        assertEquals(Copyleft.FILE, CATALOG.find("MPL-2.0").orElseThrow().copyleft());
        assertTrue(CATALOG.find("Apache-2.0").orElseThrow().osiApproved());
    }

    @Test
    void separatesCuratedRuleAndUnclassifiedLevels() {
        LicenseEntry curated = CATALOG.find("MIT").orElseThrow();
        assertEquals(LevelBasis.CURATED, curated.levelBasis());

        LicenseEntry byRule = CATALOG.find("AFL-2.1").orElseThrow(); // OSI-approved, in no curated group
        assertEquals(1, byRule.level());
        assertEquals(LevelBasis.RULE, byRule.levelBasis());
        assertEquals(Copyleft.NONE, byRule.copyleft());

        LicenseEntry unclassified = CATALOG.find("Abstyles").orElseThrow(); // neither OSI nor FSF, not curated
        assertNull(unclassified.level());
        assertNull(unclassified.levelBasis());
        assertNull(unclassified.category());
        assertNull(unclassified.commercialUse(), "flags of an unclassified license are not guessed");

        for (LicenseEntry entry : CATALOG.entries()) {
            assertNotNull(entry.rationale(), entry.id());
            if (entry.levelBasis() == LevelBasis.RULE && !entry.deprecated()) {
                assertTrue(entry.osiApproved() || entry.fsfLibre(), entry.id() + " classified by rule");
            }
        }
    }

    @Test
    void openLicensesGrantCommercialUseWithoutUseRestrictions() {
        for (LicenseEntry entry : CATALOG.entries()) {
            if (entry.classified() && entry.level() <= LicenseCategory.STRONG_COPYLEFT.level()) {
                assertEquals(Boolean.TRUE, entry.commercialUse(), entry.id());
                assertEquals(Boolean.FALSE, entry.useRestrictions(), entry.id());
            }
            if (entry.classified() && entry.level() >= LicenseCategory.WEAK_COPYLEFT.level()
                    && entry.level() <= LicenseCategory.STRONG_COPYLEFT.level()) {
                assertFalse(entry.copyleft() == Copyleft.NONE, entry.id() + " is copyleft at level " + entry.level());
            }
        }
    }

    @Test
    void readsDeprecatedIdsAsTheirReplacements() {
        assertDeprecated("GPL-3.0", "GPL-3.0-only", 3);
        assertDeprecated("GPL-2.0+", "GPL-2.0-or-later", 3);
        assertDeprecated("LGPL-2.1", "LGPL-2.1-only", 2);
        assertDeprecated("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0", 2);
        assertDeprecated("BSD-2-Clause-NetBSD", "BSD-2-Clause", 1);
        for (LicenseEntry entry : CATALOG.entries()) {
            if (entry.deprecated() && entry.replacedBy() != null) {
                ExpressionLevel replacement = EXPRESSIONS.evaluate(entry.replacedBy());
                assertTrue(replacement.unknownIds().isEmpty(), entry.id() + " -> " + replacement);
                assertEquals(replacement.level(), entry.level(), entry.id());
                assertEquals(LevelBasis.RULE, entry.levelBasis(), entry.id());
            }
        }
        long withoutReplacement = CATALOG.entries().stream()
                .filter(entry -> entry.deprecated() && entry.replacedBy() == null).count();
        assertEquals(1, withoutReplacement, "only Net-SNMP, a stack of licenses, has no single replacement");
    }

    @Test
    void findsIdsWhateverTheirCase() {
        assertEquals("MIT", CATALOG.find("mit").orElseThrow().id());
        assertEquals("LicenseRef-Llama-2-Community", CATALOG.find("licenseref-llama-2-community").orElseThrow().id());
        assertEquals("Classpath-exception-2.0", CATALOG.findException("classpath-EXCEPTION-2.0").orElseThrow());
        assertTrue(CATALOG.isLinkingException("LLVM-exception"));
        assertFalse(CATALOG.isLinkingException("Universal-FOSS-exception-1.0"));
        assertTrue(CATALOG.find("LicenseRef-Does-Not-Exist").isEmpty());
        assertTrue(CATALOG.find(null).isEmpty());
    }

    @Test
    void namesBothSourcesInItsVersion() {
        assertTrue(CATALOG.spdxListVersion().matches("\\d+\\.\\d+(\\.\\d+)?"), CATALOG.spdxListVersion());
        assertEquals("spdx-" + CATALOG.spdxListVersion() + "+curated-" + CATALOG.curatedVersion(),
                CATALOG.catalogVersion());
    }

    @Test
    void openSourceRuleWasReviewedAgainstTheLoadedSpdxList() {
        // Upgrading java-spdx-library brings new licenses that the rule would call permissive: review them for
        // copyleft, then move reviewedSpdxListVersion in license/curated.json.
        assertEquals(CATALOG.reviewedSpdxListVersion(), CATALOG.spdxListVersion());
    }

    @Test
    void isUsableWithoutCdiAndInjectableWithIt() throws ReflectiveOperationException {
        assertTrue(LicenseCatalog.class.isAnnotationPresent(ApplicationScoped.class));
        LicenseCatalog fresh = LicenseCatalog.class.getConstructor().newInstance();
        assertEquals(CATALOG.entries().size(), fresh.entries().size());
    }

    private static void assertDeprecated(String id, String replacement, int level) {
        LicenseEntry entry = CATALOG.find(id).orElseThrow();
        assertTrue(entry.deprecated(), id);
        assertEquals(replacement, entry.replacedBy(), id);
        assertEquals(level, entry.level(), id);
    }
}
