package io.counterpower.license;

import java.util.Objects;

/**
 * A value that recognises a license's text, for the service to store beside the catalog.
 *
 * @param licenseId the catalog id
 * @param kind what the value is
 * @param value a lower-case hex SHA-256 or a normalised phrase
 */
record LicenseFingerprint(String licenseId, FingerprintKind kind, String value) {

    public LicenseFingerprint {
        Objects.requireNonNull(licenseId, "licenseId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
