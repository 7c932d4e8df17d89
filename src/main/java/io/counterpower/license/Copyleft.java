package io.counterpower.license;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;

/**
 * How far a license's share-alike obligation reaches (METHODOLOGY.md section 5, flag {@code copyleft}): not at all,
 * to the modified files, to the library (linking programs are free), to the whole derived work, or also to use
 * over a network.
 */
enum Copyleft implements Coded {
    NONE("none"),
    FILE("file"),
    LIBRARY("library"),
    STRONG("strong"),
    NETWORK("network");

    private final String code;

    Copyleft(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Copyleft of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }
}
