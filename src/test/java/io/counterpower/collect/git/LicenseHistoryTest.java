package io.counterpower.collect.git;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LicenseHistoryTest {

    static final String MIT_2020 = "MIT License\n\nCopyright (c) 2020 Example Labs\n\nPermission is hereby granted...\n";
    static final String MIT_2021 = "MIT License\n\nCopyright (c) 2021 Example Labs\n\nPermission is hereby granted...\n";
    static final String CC_BY_NC = "Attribution-NonCommercial 4.0 International\n\nYou may not use the material "
            + "for commercial purposes.\n";
    static final String GPL = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n";
    static final String MODEL_TERMS = "Example Model License Agreement\n\nYou may not use the weights to train "
            + "a competing model.\n";

    /** A stand-in for the catalog: recognises a few texts by a phrase. */
    static final LicenseTextIdentifier FAKE_CATALOG = text -> {
        if (text.contains("MIT License")) {
            return Optional.of("MIT");
        }
        if (text.contains("Attribution-NonCommercial 4.0")) {
            return Optional.of("CC-BY-NC-4.0");
        }
        if (text.contains("GNU GENERAL PUBLIC LICENSE")) {
            return Optional.of("GPL-3.0-only");
        }
        if (text.contains("Example Model License")) {
            return Optional.of("LicenseRef-Example-Model");
        }
        return Optional.empty();
    };

    @TempDir
    Path dir;

    private RecordingVisitor read(Path repo, ReadRequest request) throws Exception {
        RecordingVisitor visitor = new RecordingVisitor();
        try (GitRepositoryReader reader = GitRepositoryReader.open(repo)) {
            reader.read(request, visitor);
        }
        return visitor;
    }

    @Test
    void relicensingToNonCommercialAndBackMakesThreePeriodsAndAWeightsLicenseItsOwn() throws Exception {
        ObjectId first, yearBump, nonCommercial, backToMit, modelLicense;
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            first = repo.commit("main").by("A", "a@example.org", "2020-01-01T00:00:00Z")
                    .put("LICENSE", MIT_2020).put("README.md", "hi\n").create();
            yearBump = repo.commit("main").by("A", "a@example.org", "2021-01-01T00:00:00Z")
                    .put("LICENSE", MIT_2021).create();
            repo.commit("main").by("A", "a@example.org", "2021-02-01T00:00:00Z").put("src/x.py", "x\n").create();
            nonCommercial = repo.commit("main").by("A", "a@example.org", "2022-03-01T00:00:00Z")
                    .put("LICENSE", CC_BY_NC).create();
            backToMit = repo.commit("main").by("A", "a@example.org", "2023-05-01T00:00:00Z")
                    .put("LICENSE", MIT_2021).create();
            modelLicense = repo.commit("main").by("A", "a@example.org", "2023-06-01T00:00:00Z")
                    .put("LICENSE-MODEL", MODEL_TERMS).create();
        }
        RecordingVisitor read = read(dir.resolve("r.git"), ReadRequest.defaultBranch().identifyingLicensesWith(FAKE_CATALOG));

        assertEquals(List.of(first.name(), yearBump.name(), nonCommercial.name(), backToMit.name(), modelLicense.name()),
                read.licenseObservations.stream().map(LicenseObservation::commitSha).toList());
        LicenseObservation firstObservation = read.licenseObservations.get(0);
        assertEquals(LicenseArtifact.CODE, firstObservation.artifact());
        assertEquals(List.of("LICENSE"), firstObservation.paths());
        assertEquals(MIT_2020, firstObservation.text());
        assertEquals(sha256(MIT_2020), firstObservation.textSha256());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), firstObservation.commitInstant());
        assertEquals(LicenseArtifact.WEIGHTS, read.licenseObservations.get(4).artifact());
        assertEquals(List.of("LICENSE-MODEL"), read.licenseObservations.get(4).paths());

        assertEquals(List.of(
                new ObservedLicensePeriod(LicenseArtifact.CODE, "MIT", sha256(MIT_2020), Instant.parse("2020-01-01T00:00:00Z"), first.name()),
                new ObservedLicensePeriod(LicenseArtifact.CODE, "CC-BY-NC-4.0", sha256(CC_BY_NC), Instant.parse("2022-03-01T00:00:00Z"), nonCommercial.name()),
                new ObservedLicensePeriod(LicenseArtifact.CODE, "MIT", sha256(MIT_2021), Instant.parse("2023-05-01T00:00:00Z"), backToMit.name()),
                new ObservedLicensePeriod(LicenseArtifact.WEIGHTS, "LicenseRef-Example-Model", sha256(MODEL_TERMS), Instant.parse("2023-06-01T00:00:00Z"), modelLicense.name())),
                read.finished.licensePeriods());
        assertEquals(5, read.finished.licenseObservations());
    }

    @Test
    void renamingCopyingToLicenseTxtContinuesThePeriod() throws Exception {
        ObjectId copying, renamed;
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            copying = repo.commit("main").by("A", "a@example.org", "2019-01-01T00:00:00Z").put("COPYING", GPL).create();
            renamed = repo.commit("main").by("A", "a@example.org", "2020-01-01T00:00:00Z")
                    .rename("COPYING", "LICENSE.txt").create();
        }
        for (LicenseTextIdentifier identifier : List.of(FAKE_CATALOG, LicenseTextIdentifier.NONE)) {
            RecordingVisitor read = read(dir.resolve("r.git"), ReadRequest.defaultBranch().identifyingLicensesWith(identifier));

            assertEquals(2, read.licenseObservations.size());
            assertEquals(List.of("LICENSE.txt"), read.licenseObservations.get(1).paths());
            assertEquals(renamed.name(), read.licenseObservations.get(1).commitSha());
            assertEquals(1, read.finished.licensePeriods().size());
            ObservedLicensePeriod period = read.finished.licensePeriods().get(0);
            assertEquals(copying.name(), period.evidenceCommitSha());
            assertEquals(identifier == FAKE_CATALOG ? "GPL-3.0-only" : null, period.expression());
            assertEquals(sha256(GPL), period.textSha256());
        }
    }

    @Test
    void nothingIsKnownBeforeTheFirstLicenseFileAndARemovalEndsThePeriod() throws Exception {
        ObjectId licensed, removed;
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").by("A", "a@example.org", "2020-01-01T00:00:00Z").put("README.md", "hi\n").create();
            licensed = repo.commit("main").by("A", "a@example.org", "2020-02-01T00:00:00Z").put("LICENSE", MIT_2020).create();
            removed = repo.commit("main").by("A", "a@example.org", "2020-03-01T00:00:00Z").delete("LICENSE").create();
        }
        RecordingVisitor read = read(dir.resolve("r.git"), ReadRequest.defaultBranch().identifyingLicensesWith(FAKE_CATALOG));

        LicenseObservation none = read.licenseObservations.get(0);
        assertTrue(none.isNoLicense());
        assertEquals(List.of(), none.paths());
        assertNull(none.textSha256());
        assertNull(none.text());
        // METHODOLOGY.md section 2: before the first file, no period (not level 7); the first file opens the first
        // period; a removal ends it, and what follows is unknown.
        assertEquals(List.of("MIT", ObservedLicensePeriod.NO_LICENSE),
                read.finished.licensePeriods().stream().map(ObservedLicensePeriod::expression).toList());
        assertEquals(List.of(licensed.name(), removed.name()),
                read.finished.licensePeriods().stream().map(ObservedLicensePeriod::evidenceCommitSha).toList());
        assertEquals("NOASSERTION", BranchHistoryWriter.expressionOf(read.finished.licensePeriods().get(1)));
    }

    @Test
    void aUsePolicyBesideTheLicenseIsNoPeriod() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").by("A", "a@example.org", "2023-07-18T00:00:00Z")
                    .put("LICENSE", MODEL_TERMS).put("USE_POLICY.md", "Acceptable Use Policy\n").put("NOTICE", "Example\n")
                    .put("CODE_OF_CONDUCT.md", "Be kind\n").create();
        }
        RecordingVisitor read = read(dir.resolve("r.git"), ReadRequest.defaultBranch().identifyingLicensesWith(FAKE_CATALOG));

        assertEquals(List.of(new ObservedLicensePeriod(LicenseArtifact.CODE, "LicenseRef-Example-Model", sha256(MODEL_TERMS),
                Instant.parse("2023-07-18T00:00:00Z"), read.licenseObservations.get(0).commitSha())),
                read.finished.licensePeriods());
    }

    @Test
    void severalFilesOfOneArtifactAreOneObservationAndAConjunction() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").by("A", "a@example.org", "2020-01-01T00:00:00Z")
                    .put("LICENSES/MIT.txt", MIT_2020).put("LICENSES/GPL-3.0.txt", GPL).put("LICENSE", MIT_2020).create();
        }
        RecordingVisitor read = read(dir.resolve("r.git"), ReadRequest.defaultBranch().identifyingLicensesWith(FAKE_CATALOG));

        assertEquals(1, read.licenseObservations.size());
        assertEquals(List.of("LICENSE", "LICENSES/GPL-3.0.txt", "LICENSES/MIT.txt"), read.licenseObservations.get(0).paths());
        assertEquals(sha256(MIT_2020 + GPL + MIT_2020), read.licenseObservations.get(0).textSha256());
        assertEquals("GPL-3.0-only AND MIT", read.finished.licensePeriods().get(0).expression());
    }

    @Test
    void unknownTextsAreUnidentifiedAndAFailingCatalogDoesNotStopTheRead() throws Exception {
        try (HistoryFixture repo = HistoryFixture.bare(dir.resolve("r.git"))) {
            repo.commit("main").by("A", "a@example.org", "2020-01-01T00:00:00Z").put("LICENSE", "Our own terms\n").create();
            repo.commit("main").by("A", "a@example.org", "2020-02-01T00:00:00Z").put("LICENSE", "Our new terms\n").create();
        }
        LicenseTextIdentifier failing = text -> {
            throw new IllegalStateException("catalog down");
        };
        RecordingVisitor read = read(dir.resolve("r.git"), ReadRequest.defaultBranch().identifyingLicensesWith(failing));

        assertEquals(2, read.finished.licensePeriods().size());
        assertTrue(read.finished.licensePeriods().stream().noneMatch(ObservedLicensePeriod::isIdentified));
    }

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
