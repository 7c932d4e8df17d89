package io.counterpower.collect.git;

import java.util.regex.Pattern;

/**
 * Whether a contributing guide asks for a Contributor License Agreement: the phrase (either
 * spelling, singular or plural) or the upper-case acronym "CLA" as a word. Upper case only, so that
 * words like "clause" or a lower-case "cla" in a URL do not count; a Developer Certificate of
 * Origin (DCO) is not a CLA and does not count.
 */
final class ClaMention {
    private ClaMention() {
    }

    private static final Pattern PHRASE = Pattern.compile(
            "contributor\\s+licen[cs]e\\s+agreements?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACRONYM = Pattern.compile("(?<![A-Za-z0-9])CLAs?(?![A-Za-z0-9])");

    static boolean presentIn(String text) {
        return text != null && (PHRASE.matcher(text).find() || ACRONYM.matcher(text).find());
    }
}
