package io.counterpower.license;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;
import java.util.Optional;

/**
 * The restrictiveness levels of METHODOLOGY.md section 5, from 0 (public domain) to 7 (no rights granted).
 * A license's level is the number; the category names it.
 */
enum LicenseCategory implements Coded {
    PUBLIC_DOMAIN(0, "public-domain"),
    PERMISSIVE(1, "permissive"),
    WEAK_COPYLEFT(2, "weak-copyleft"),
    STRONG_COPYLEFT(3, "strong-copyleft"),
    USE_RESTRICTED(4, "use-restricted"),
    SOURCE_AVAILABLE(5, "source-available"),
    NON_COMMERCIAL(6, "non-commercial"),
    PROPRIETARY(7, "proprietary");

    /** The least restrictive level. */
    static final int LOWEST_LEVEL = 0;
    /** The most restrictive level: no rights granted (for example, a repository without a license). */
    static final int HIGHEST_LEVEL = 7;

    private final int level;
    private final String code;

    LicenseCategory(int level, String code) {
        this.level = level;
        this.code = code;
    }

    int level() {
        return level;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static LicenseCategory of(String code) {
        return Coded.parse(values(), code);
    }

    /** The category of a level, empty for an unknown (null) level. */
    static Optional<LicenseCategory> ofLevel(Integer level) {
        if (level == null) {
            return Optional.empty();
        }
        if (level < LOWEST_LEVEL || level > HIGHEST_LEVEL) {
            throw new IllegalArgumentException("level must be between 0 and 7, was " + level);
        }
        return Optional.of(values()[level]);
    }

    @Override
    public String toString() {
        return code;
    }
}
