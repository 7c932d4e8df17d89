package io.counterpower.license;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;

/** How a new license period moves an artifact's restrictiveness (METHODOLOGY.md sections 3 and 5). */
public enum LicenseChangeKind implements Coded {
    /** The level rises. */
    RESTRICTIVE("restrictive"),
    /** The level falls (Falcon-40B, TII license to Apache-2.0). */
    LIBERALISING("liberalising"),
    /** Same level, or the same expression. */
    NONE("none"),
    /** A level is unknown and the bounds do not decide the direction. */
    UNKNOWN("unknown");

    private final String code;

    LicenseChangeKind(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static LicenseChangeKind of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }
}
