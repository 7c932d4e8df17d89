package io.counterpower.license;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;

/** How {@link LicenseTextMatcher} identified a text, from the most to the least certain. */
enum MatchMethod implements Coded {
    /** The normalised text is, word for word, an SPDX license text. */
    NORMALISED_SHA256("normalised-sha256"),
    /**
     * The fixed text of a license with parameters (BUSL-1.1) is there, and its parameter block was read: the licensor,
     * the change date and the change license differ from one project to the next.
     */
    FIXED_TEXT("fixed-text"),
    /**
     * The text is a grant that names the licenses a user may choose between (Redis's "RSALv2 or SSPLv1",
     * Elasticsearch's "SSPL and Elastic License 2.0" dual license): read as the expression it grants, curated in
     * {@code license/grant-statements.json}, not as its first option.
     */
    GRANT_STATEMENT("grant-statement"),
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
