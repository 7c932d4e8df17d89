package io.counterpower.license;

import static io.counterpower.license.SharedCatalog.EXPRESSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenseChangeTest {

    @Test
    void terraformMovingToBuslIsRestrictive() {
        LicenseChange change = EXPRESSIONS.change("MPL-2.0", "BUSL-1.1");
        assertEquals(LicenseChangeKind.RESTRICTIVE, change.kind());
        assertTrue(change.restrictive());
        assertEquals(2, change.previous().level());
        assertEquals(5, change.next().level());
    }

    @Test
    void falconMovingToApacheIsLiberalising() {
        LicenseChange change = EXPRESSIONS.change("LicenseRef-TII-Falcon-1.0", "Apache-2.0");
        assertEquals(LicenseChangeKind.LIBERALISING, change.kind());
        assertFalse(change.restrictive());
    }

    @Test
    void llamaTwoToThreeStaysAtLevelFive() {
        LicenseChange change = EXPRESSIONS.change("LicenseRef-Llama-2-Community", "LicenseRef-Llama-3-Community");
        assertEquals(LicenseChangeKind.NONE, change.kind());
        assertEquals(5, change.previous().level());
        assertEquals(5, change.next().level());
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "AGPL-3.0-only | SSPL-1.0 | restrictive",
        "BSD-3-Clause | LicenseRef-RSAL-2.0 OR SSPL-1.0 | restrictive",
        "LicenseRef-RSAL-2.0 OR SSPL-1.0 | LicenseRef-RSAL-2.0 OR SSPL-1.0 OR AGPL-3.0-only | liberalising",
        "Apache-2.0 | SSPL-1.0 OR LicenseRef-Elastic-License-1.0 | restrictive",
        "SSPL-1.0 OR Elastic-2.0 | SSPL-1.0 OR Elastic-2.0 OR AGPL-3.0-only | liberalising",
        "GPL-3.0-only | LicenseRef-Llama-2-Community | restrictive",
        "Apache-2.0 | LicenseRef-Falcon-180B-TII | restrictive",
        "LicenseRef-CreativeML-OpenRAIL-M | LicenseRef-Stability-AI-Non-Commercial | restrictive",
        "LicenseRef-Stability-AI-Non-Commercial | LicenseRef-Stability-AI-Community | liberalising",
        "LicenseRef-DeepSeek-Model | MIT | liberalising",
        "Apache-2.0 | Apache-2.0 | none",
        "GPL-3.0 | GPL-3.0-only | none",
        "MIT | ISC | none"})
    void classifiesTheReferenceDatasetsRelicences(String previous, String next, String kind) {
        assertEquals(LicenseChangeKind.of(kind), EXPRESSIONS.change(previous, next).kind());
    }

    @Test
    void unknownLevelMakesTheChangeUnknown() {
        assertEquals(LicenseChangeKind.UNKNOWN, EXPRESSIONS.change("LicenseRef-Unknown", "MIT").kind());
        assertEquals(LicenseChangeKind.UNKNOWN, EXPRESSIONS.change("MIT", "MIT OR LicenseRef-Unknown").kind());
        assertEquals(LicenseChangeKind.UNKNOWN, EXPRESSIONS.change("MIT OR", "Apache-2.0").kind());
        assertEquals(LicenseChangeKind.UNKNOWN, EXPRESSIONS.change("NOASSERTION", "BUSL-1.1").kind());
    }

    @Test
    void boundsDecideWhenTheyDoNotOverlap() {
        // Whatever the unknown option is, the choice was at most 1 and BUSL is 5.
        assertEquals(LicenseChangeKind.RESTRICTIVE,
                EXPRESSIONS.change("MIT OR LicenseRef-Unknown", "BUSL-1.1").kind());
        assertEquals(LicenseChangeKind.LIBERALISING,
                EXPRESSIONS.change("CC-BY-NC-4.0 AND LicenseRef-Unknown", "Apache-2.0").kind());
    }

    @Test
    void sameTermsAreNoChangeEvenWhenUnknown() {
        assertEquals(LicenseChangeKind.NONE, EXPRESSIONS.change("LicenseRef-Unknown", "LicenseRef-Unknown").kind());
        // SPDX matches ids whatever their case, so a change of case is not a change of terms.
        assertEquals(LicenseChangeKind.NONE, EXPRESSIONS.change("LicenseRef-Unknown", "licenseref-unknown").kind());
        assertEquals(LicenseChangeKind.UNKNOWN, EXPRESSIONS.change("LicenseRef-Unknown", "LicenseRef-Other").kind());
    }

    @Test
    void noLicenseToAnyLicenseIsLiberalising() {
        LicenseChange change = LicenseChange.between(ExpressionLevel.noLicense(), EXPRESSIONS.evaluate("MIT"));
        assertEquals(LicenseChangeKind.LIBERALISING, change.kind());
    }
}
