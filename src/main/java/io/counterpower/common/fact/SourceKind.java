package io.counterpower.common.fact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a fact comes from (METHODOLOGY.md section 2), in order of precedence by {@link #tier()}. */
public enum SourceKind implements Coded {
    MANUAL("manual", 1),
    SELF_REPORTED("self-reported", 2),
    IMPORT("import", 3),
    REFERENCE_DATASET("reference-dataset", 3),
    GIT("git", 4),
    GITHUB("github", 4),
    HUGGINGFACE("huggingface", 4),
    /** An affiliation hint: public membership of a GitHub organisation, read by the GitHub collector. */
    GITHUB_ORG("github-org", 4),
    EMAIL_DOMAIN("email-domain", 5);

    private final String code;
    private final int tier;

    SourceKind(String code, int tier) {
        this.code = code;
        this.tier = tier;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    /** 1 is the highest precedence: manual > self-reported > import > collectors > email-domain. */
    public int tier() {
        return tier;
    }

    /** Whether a person must be able to check the fact at a URL (section 2). */
    boolean requiresUrl() {
        return this == MANUAL || this == REFERENCE_DATASET;
    }

    @JsonCreator
    public static SourceKind of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class JpaConverter extends CodedConverter<SourceKind> {
        JpaConverter() {
            super(values());
        }
    }
}
