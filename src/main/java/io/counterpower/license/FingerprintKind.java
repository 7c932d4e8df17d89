package io.counterpower.license;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;

/** What a {@link LicenseFingerprint} value is. */
enum FingerprintKind implements Coded {
    /** SHA-256 of the license's normalised SPDX text. */
    NORMALISED_SHA256("normalised-sha256"),
    /** A normalised phrase whose presence in a text identifies the license. */
    KEY_PHRASE("key-phrase");

    private final String code;

    FingerprintKind(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static FingerprintKind of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }
}
