package io.counterpower.license;

import static io.counterpower.license.SharedCatalog.MATCHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LicenseTextMatcherTest {

    private static final String RANDOM_PARAGRAPH = "The quick brown fox jumps over the lazy dog. Our project "
            + "aims to make data analysis easier for everyone; contributions are welcome, see CONTRIBUTING.md.";

    @Test
    void matchesMitWithAnotherCopyrightLineAndReflowedWhitespace() {
        String body = spdxText("MIT").substring(spdxText("MIT").indexOf("Permission is hereby granted"));
        String reflowed = "MIT License\n\nCopyright (c) 2023 Jane Doe and the Example contributors\n\n"
                + body.replaceAll("\\s+", " ").replace(". ", ".\n\n    ");
        LicenseTextMatch match = MATCHER.identify(reflowed);
        assertEquals("MIT", match.licenseId());
        assertEquals(MatchMethod.NORMALISED_SHA256, match.method());
        assertEquals(1.0, match.score());
        assertEquals(MATCHER.normalisedSha256(spdxText("MIT")), match.normalisedSha256());
    }

    @Test
    void matchesMitWithoutItsTitleThroughTheSpdxTemplate() {
        String body = spdxText("MIT").substring(spdxText("MIT").indexOf("Permission is hereby granted"));
        LicenseTextMatch match = MATCHER.identify("The MIT License (MIT)\n\nCopyright 2015 Example Inc.\n\n" + body);
        assertEquals("MIT", match.licenseId());
        assertEquals(MatchMethod.SPDX_TEMPLATE, match.method());
        assertTrue(match.score() >= LicenseTextMatcher.TEMPLATE_CANDIDATE_FLOOR);
    }

    @Test
    void matchesApacheTwo() {
        LicenseTextMatch match = MATCHER.identify(spdxText("Apache-2.0"));
        assertEquals("Apache-2.0", match.licenseId());
        assertEquals(MatchMethod.NORMALISED_SHA256, match.method());
    }

    @Test
    void tellsBsdThreeClauseFromTwoClause() {
        assertEquals("BSD-3-Clause", MATCHER.identify(spdxText("BSD-3-Clause")).licenseId());
        assertEquals("BSD-2-Clause", MATCHER.identify(spdxText("BSD-2-Clause")).licenseId());
        String named = spdxText("BSD-3-Clause")
                .replace("Copyright (c) <year> <owner>", "Copyright (c) 2020, Acme Corporation")
                .replace("the copyright holder nor", "Acme Corporation nor");
        LicenseTextMatch match = MATCHER.identify(named);
        assertEquals("BSD-3-Clause", match.licenseId());
        assertEquals(MatchMethod.SPDX_TEMPLATE, match.method());
    }

    @Test
    void matchesNothingForARandomParagraph() {
        LicenseTextMatch match = MATCHER.identify(RANDOM_PARAGRAPH);
        assertFalse(match.matched());
        assertNull(match.licenseId());
        assertTrue(match.matchedId().isEmpty());
        assertEquals(MatchMethod.NONE, match.method());
        assertEquals(64, match.normalisedSha256().length());
    }

    @Test
    void matchesNothingForEmptyText() {
        assertFalse(MATCHER.identify("").matched());
        assertFalse(MATCHER.identify(null).matched());
        assertFalse(MATCHER.identify("Copyright (c) 2024 Someone\n\n* \n").matched());
    }

    @Test
    void recognisesLlamaTwoByItsKeyPhrase() {
        String llama2 = "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n\n"
                + "\u201cAgreement\u201d means the terms and conditions for use, reproduction, distribution and "
                + "modification of the Llama Materials set forth herein.";
        LicenseTextMatch match = MATCHER.identify(llama2);
        assertEquals("LicenseRef-Llama-2-Community", match.licenseId());
        assertEquals(MatchMethod.KEY_PHRASE, match.method());
    }

    @Test
    void keepsLlamaVersionsApart() {
        assertEquals("LicenseRef-Llama-3.1-Community",
                MATCHER.identify("  LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\n Llama 3.1 Version Release Date: July 23, "
                        + "2024").licenseId());
        assertEquals("LicenseRef-Llama-3-Community",
                MATCHER.identify("META LLAMA 3 COMMUNITY LICENSE AGREEMENT\nMeta Llama 3 Version Release Date: "
                        + "April 18, 2024").licenseId());
        assertEquals("LicenseRef-Stability-AI-Non-Commercial",
                MATCHER.identify("STABILITY AI NON-COMMERCIAL RESEARCH COMMUNITY LICENSE AGREEMENT").licenseId());
        assertEquals("LicenseRef-Stability-AI-Community",
                MATCHER.identify("STABILITY AI COMMUNITY LICENSE AGREEMENT").licenseId());
    }

    @Test
    void prefersTheTitleThatHeadsTheText() {
        LicenseTextMatch match = MATCHER.identify("Tongyi Qianwen LICENSE AGREEMENT\n... models trained on it may"
                + " also be subject to the DeepSeek License Agreement.");
        assertEquals("LicenseRef-Tongyi-Qianwen", match.licenseId());
        assertEquals(List.of("LicenseRef-DeepSeek-Model"), match.alternatives());
    }

    @Test
    void reportsIdenticalSpdxTextsAsAlternatives() {
        LicenseTextMatch match = MATCHER.identify(spdxText("GPL-3.0-or-later"));
        assertEquals("GPL-3.0-only", match.licenseId(), "the narrower grant when the text cannot tell");
        assertEquals(List.of("GPL-3.0-or-later"), match.alternatives());
    }

    @Test
    void acceptsANearCopyOfALongTextBySimilarity() {
        String withHeader = "This file is part of Example. It is distributed under the license below.\n\n"
                + spdxText("GPL-2.0-only");
        LicenseTextMatch match = MATCHER.identify(withHeader);
        assertEquals("GPL-2.0-only", match.licenseId());
        assertEquals(MatchMethod.SIMILARITY, match.method());
        assertTrue(match.score() >= LicenseTextMatcher.SIMILARITY_THRESHOLD, "score " + match.score());
    }

    @Test
    void doesNotTakeAHalfLicenseForTheWholeOne() {
        String apache = spdxText("Apache-2.0");
        LicenseTextMatch match = MATCHER.identify(apache.substring(0, apache.length() / 2));
        assertFalse(match.matched(), "half of Apache-2.0 matched " + match);
    }

    @Test
    void identifiesEveryCurrentSpdxTextAsItselfOrAnIdenticalText() {
        Map<String, List<String>> idsBySha256 = MATCHER.fingerprints().stream()
                .filter(fingerprint -> fingerprint.kind() == FingerprintKind.NORMALISED_SHA256)
                .collect(Collectors.groupingBy(LicenseFingerprint::value,
                        Collectors.mapping(LicenseFingerprint::licenseId, Collectors.toList())));
        for (String id : List.of("MIT", "ISC", "Zlib", "MPL-2.0", "EPL-2.0", "CC-BY-4.0", "CC-BY-NC-4.0", "BUSL-1.1",
                "SSPL-1.0", "Elastic-2.0", "Unlicense", "0BSD")) {
            LicenseTextMatch match = MATCHER.identify(spdxText(id));
            assertTrue(match.matched(), id);
            assertTrue(idsBySha256.get(match.normalisedSha256()).contains(id), id + " -> " + match);
        }
    }

    @Test
    void exportsFingerprintsOfBothKinds() {
        List<LicenseFingerprint> fingerprints = MATCHER.fingerprints();
        assertTrue(fingerprints.stream().filter(f -> f.kind() == FingerprintKind.NORMALISED_SHA256).count() > 600);
        assertTrue(fingerprints.contains(new LicenseFingerprint("LicenseRef-Llama-2-Community",
                FingerprintKind.KEY_PHRASE, "llama 2 community license agreement")));
        assertTrue(fingerprints.stream().filter(f -> f.kind() == FingerprintKind.NORMALISED_SHA256)
                .allMatch(f -> f.value().matches("[0-9a-f]{64}")));
        assertTrue(fingerprints.contains(new LicenseFingerprint("MIT", FingerprintKind.NORMALISED_SHA256,
                MATCHER.normalisedSha256(spdxText("MIT")))));
    }

    @Test
    void identifiesATextWellUnder100Milliseconds() {
        String body = spdxText("MIT").substring(spdxText("MIT").indexOf("Permission is hereby granted"));
        List<String> texts = List.of(
                "The MIT License (MIT)\n\nCopyright 2015 Example Inc.\n\n" + body, // template
                "Header line.\n\n" + spdxText("GPL-3.0-only"), // similarity over a long text
                RANDOM_PARAGRAPH.repeat(40)); // no match
        for (String text : texts) {
            MATCHER.identify(text); // warm up
            long[] nanos = new long[15];
            for (int i = 0; i < nanos.length; i++) {
                long started = System.nanoTime();
                MATCHER.identify(text);
                nanos[i] = System.nanoTime() - started;
            }
            Arrays.sort(nanos);
            long medianMillis = nanos[nanos.length / 2] / 1_000_000;
            assertTrue(medianMillis < 100, "median " + medianMillis + " ms for " + text.substring(0, 20));
        }
    }

    private static String spdxText(String id) {
        try (InputStream in = SpdxLicenseList.open(id + ".json")) {
            return new ObjectMapper().readTree(in).get("licenseText").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
