package io.counterpower.license;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The loaded catalog: entries by id (matched whatever the case), SPDX exceptions and curated linking exceptions. */
record CatalogContents(
        String spdxListVersion,
        String spdxReleaseDate,
        String curatedVersion,
        String reviewedSpdxListVersion,
        List<LicenseEntry> entries,
        Map<String, LicenseEntry> entriesByLowerCaseId,
        Map<String, String> exceptionsByLowerCaseId,
        Set<String> linkingExceptions) implements LicenseVocabulary {

    CatalogContents {
        entries = List.copyOf(entries);
        entriesByLowerCaseId = Map.copyOf(entriesByLowerCaseId);
        exceptionsByLowerCaseId = Map.copyOf(exceptionsByLowerCaseId);
        linkingExceptions = Set.copyOf(linkingExceptions);
    }

    @Override
    public Optional<LicenseEntry> license(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(entriesByLowerCaseId.get(lowerCase(id)));
    }

    @Override
    public Optional<String> exception(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(exceptionsByLowerCaseId.get(lowerCase(id)));
    }

    @Override
    public boolean isLinkingException(String canonicalExceptionId) {
        return linkingExceptions.contains(canonicalExceptionId);
    }

    static String lowerCase(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
