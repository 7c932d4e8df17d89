package io.counterpower.license;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;

/**
 * Where a catalog entry's level comes from: a person classified the license in {@code license/curated.json}, or a
 * documented rule of docs/license-levels.md derived it. An unclassified entry has no basis (null).
 */
enum LevelBasis implements Coded {
    CURATED("curated"),
    RULE("rule");

    private final String code;

    LevelBasis(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static LevelBasis of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }
}
