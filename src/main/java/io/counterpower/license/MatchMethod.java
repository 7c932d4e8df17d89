package io.counterpower.license;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;

/** How {@link LicenseTextMatcher} identified a text, from the most to the least certain. */
public enum MatchMethod implements Coded {
    /** The normalised text is, word for word, an SPDX license text. */
    NORMALISED_SHA256("normalised-sha256"),
    /** SPDX's own template for the license accepts the text (variable copyright holders, optional titles). */
    SPDX_TEMPLATE("spdx-template"),
    /** The text carries a curated key phrase of a license SPDX lacks (its title). */
    KEY_PHRASE("key-phrase"),
    /** The text is a near copy of an SPDX license text (word-pair Dice at or above the documented threshold). */
    SIMILARITY("similarity"),
    /** Nothing matched; the text is not guessed. */
    NONE("none");

    private final String code;

    MatchMethod(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static MatchMethod of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }
}
