package io.counterpower.collect.git;

import io.counterpower.collect.git.GovernanceDocChange.DocKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackedPathsTest {

    @Test
    void licenseFilesAndTheirArtifacts() {
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("LICENSE"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("LICENSE.txt"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("Licence.md"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("COPYING"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("COPYING.LESSER"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("LICENSE-CODE"));
        assertEquals(LicenseArtifact.WEIGHTS, TrackedPaths.licenseArtifact("LICENSE-MODEL"));
        assertEquals(LicenseArtifact.WEIGHTS, TrackedPaths.licenseArtifact("MODEL_LICENSE.md"));
        assertEquals(LicenseArtifact.WEIGHTS, TrackedPaths.licenseArtifact("LICENSES/weights-terms.txt"));
        assertEquals(LicenseArtifact.DOCS, TrackedPaths.licenseArtifact("LICENSE-DOCS"));
        assertEquals(LicenseArtifact.DATA, TrackedPaths.licenseArtifact("LICENSE-DATA"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("LICENSES/Apache-2.0.txt"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("licenses/third_party/BSD-3-Clause.txt"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("license/LICENSE"));
    }

    @Test
    void lookalikesAreNotLicenses() {
        assertNull(TrackedPaths.licenseArtifact("src/LICENSE"));
        assertNull(TrackedPaths.licenseArtifact("license_check.py"));
        assertNull(TrackedPaths.licenseArtifact("licenses.json"));
        assertNull(TrackedPaths.licenseArtifact("LICENSE_HEADER"));
        assertNull(TrackedPaths.licenseArtifact("license/__init__.py"));
        assertNull(TrackedPaths.licenseArtifact("LICENSES.md")); // a list of dependencies' licenses
    }

    @Test
    void usePoliciesNoticesCodesOfConductAndContributorAgreementsAreNoLicense() {
        // METHODOLOGY.md section 5: evidence at most, never a license period.
        assertNull(TrackedPaths.licenseArtifact("USE_POLICY.md"));
        assertNull(TrackedPaths.licenseArtifact("NOTICE"));
        assertNull(TrackedPaths.licenseArtifact("NOTICE.txt"));
        assertNull(TrackedPaths.licenseArtifact("CODE_OF_CONDUCT.md"));
        assertNull(TrackedPaths.licenseArtifact("CLA.md"));
        assertNull(TrackedPaths.licenseArtifact("licenses/commons-csv-NOTICE.txt"));
        assertNull(TrackedPaths.licenseArtifact("licenses/LICENSE-CLA.md"));
        assertNull(TrackedPaths.licenseArtifact("licenses/USE_POLICY.md"));
        assertNull(TrackedPaths.licenseArtifact("licenses/commons-csv-1.0.jar.sha1"));
        assertEquals(LicenseArtifact.CODE, TrackedPaths.licenseArtifact("licenses/commons-csv-LICENSE.txt"));
    }

    @Test
    void governanceDocuments() {
        assertEquals(DocKind.CODEOWNERS, TrackedPaths.governanceDoc("CODEOWNERS"));
        assertEquals(DocKind.CODEOWNERS, TrackedPaths.governanceDoc(".github/CODEOWNERS"));
        assertEquals(DocKind.CODEOWNERS, TrackedPaths.governanceDoc("docs/CODEOWNERS"));
        assertEquals(DocKind.MAINTAINERS, TrackedPaths.governanceDoc("MAINTAINERS.md"));
        assertEquals(DocKind.MAINTAINERS, TrackedPaths.governanceDoc("MAINTAINERS"));
        assertEquals(DocKind.OWNERS, TrackedPaths.governanceDoc("OWNERS"));
        assertEquals(DocKind.GOVERNANCE, TrackedPaths.governanceDoc("GOVERNANCE.md"));
        assertEquals(DocKind.CONTRIBUTING, TrackedPaths.governanceDoc("CONTRIBUTING.md"));
        assertEquals(DocKind.CONTRIBUTING, TrackedPaths.governanceDoc(".github/CONTRIBUTING.md"));
        assertNull(TrackedPaths.governanceDoc("pkg/OWNERS"));
        assertNull(TrackedPaths.governanceDoc("src/CODEOWNERS"));
        assertNull(TrackedPaths.governanceDoc(".github/workflows/CODEOWNERS"));
        assertNull(TrackedPaths.governanceDoc("docs/OWNERS"));
    }

    @Test
    void onlyFoldersThatCanHoldTrackedFilesAreEntered() {
        assertTrue(TrackedPaths.mayContainTracked(".github"));
        assertTrue(TrackedPaths.mayContainTracked("docs"));
        assertTrue(TrackedPaths.mayContainTracked("LICENSES"));
        assertTrue(TrackedPaths.mayContainTracked("licenses/third_party"));
        assertFalse(TrackedPaths.mayContainTracked("src"));
        assertFalse(TrackedPaths.mayContainTracked(".github/workflows"));
        assertFalse(TrackedPaths.mayContainTracked("docs/api"));
    }
}
