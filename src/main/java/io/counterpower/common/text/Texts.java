package io.counterpower.common.text;

/** Small text rules every feature applies to what a request sends. */
public final class Texts {
    private Texts() {
    }

    /**
     * The value without surrounding whitespace, or null when it is null or only whitespace: an absent
     * parameter or field and a blank one mean the same ("not given").
     */
    public static String trimmedOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
