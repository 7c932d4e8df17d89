package io.counterpower.license;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Business Source License 1.1 (METHODOLOGY.md section 5, "texts with parameters"): the license is
 * recognised on its fixed text, which every licensor ships unchanged, and its parameter block (licensor, licensed
 * work, additional use grant, change date, change license) is read into the match's parameters. SPDX's own BUSL-1.1
 * text is a template with those parameters blank, so no real file is word for word the SPDX text.
 */
final class BusinessSourceLicense {

    static final String ID = "BUSL-1.1";

    /** The parameters in the order the license lists them, with the key each is reported under. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "licensor", "licensor",
            "licensed work", "licensedWork",
            "additional use grant", "additionalUseGrant",
            "change date", "changeDate",
            "change license", "changeLicense");

    /**
     * Sentences of the fixed text that a licensor does not edit: the title and the grant of the "Terms" section. All
     * must be present, so that a text that merely mentions the license (a README, a notice) is not read as it.
     */
    private static final List<String> FIXED_TEXT = List.of(
            LicenseTextNormaliser.normalise("Business Source License 1.1"),
            LicenseTextNormaliser.normalise("The Licensor hereby grants you the right to copy, modify, create "
                    + "derivative works, redistribute, and make non-production use of the Licensed Work."),
            LicenseTextNormaliser.normalise("Effective on the Change Date, or the fourth anniversary of the first "
                    + "publicly available distribution of a specific version of the Licensed Work under this "
                    + "License, whichever comes first, the Licensor hereby grants you rights under the terms of the "
                    + "Change License"));

    private static final Pattern PARAMETER_LINE = Pattern.compile(
            "^\\s*(licensor|licensed work|additional use grant|change date|change license)\\s*:\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECTION_HEADING = Pattern.compile("^\\s*(notice|terms|covenants of licensor|"
            + "for information about .*)\\s*$", Pattern.CASE_INSENSITIVE);

    private BusinessSourceLicense() {
    }

    /** Whether a normalised text carries BUSL-1.1's fixed text. */
    static boolean recognises(String normalised) {
        String padded = " " + normalised + " ";
        return FIXED_TEXT.stream().allMatch(sentence -> padded.contains(" " + sentence + " "));
    }

    /**
     * The parameters of a BUSL-1.1 text, by key ({@code licensor}, {@code licensedWork}, {@code additionalUseGrant},
     * {@code changeDate}, {@code changeLicense}); a parameter the text does not fill in is absent. A value spread over
     * indented lines is joined with single spaces.
     */
    static Map<String, String> parameters(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r\n?|\n", -1)) {
            Matcher parameter = PARAMETER_LINE.matcher(line);
            if (parameter.matches()) {
                put(values, key, value);
                key = PARAMETERS.get(parameter.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
                value.setLength(0);
                value.append(parameter.group(2).strip());
            } else if (key != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))
                    && !SECTION_HEADING.matcher(line).matches()) {
                // A value goes on over indented lines, and over blank lines between indented paragraphs (IBM's
                // Terraform grant); an unindented line ends it.
                value.append(' ').append(line.strip());
            } else if (key != null && !line.isBlank()) {
                put(values, key, value);
                key = null;
            }
        }
        put(values, key, value);
        return values;
    }

    /**
     * The SPDX id a change license names ("MPL 2.0", "Mozilla Public License, version 2.0", "Apache License, Version
     * 2.0"), when the catalog knows exactly one; empty otherwise (never guessed).
     */
    static Optional<String> changeLicenseId(String changeLicense, LicenseCatalog catalog) {
        if (changeLicense == null || changeLicense.isBlank()) {
            return Optional.empty();
        }
        String stated = changeLicense.strip().replaceAll("[.;]+$", "");
        Optional<LicenseEntry> byId = catalog.find(stated.replaceAll("\\s+", "-"));
        if (byId.isPresent() && !byId.get().deprecated()) {
            return Optional.of(byId.get().id());
        }
        String name = nameKey(stated);
        List<String> byName = catalog.entries().stream()
                .filter(entry -> entry.spdx() && !entry.deprecated() && nameKey(entry.name()).equals(name))
                .map(LicenseEntry::id).toList();
        return byName.size() == 1 ? Optional.of(byName.get(0)) : Optional.empty();
    }

    private static String nameKey(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replace(",", " ").replaceAll("\\bversion\\b", " ")
                .replaceAll("\\s+", " ").strip();
    }

    private static void put(Map<String, String> values, String key, StringBuilder value) {
        if (key != null && !value.isEmpty() && !values.containsKey(key)) {
            values.put(key, value.toString().strip());
        }
    }
}
