package io.counterpower.license;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The hand-curated file {@code license/curated.json}: levels for well-known SPDX licenses, the licenses SPDX lacks,
 * replacements for deprecated ids, and the linking exceptions. Bound strictly (an unknown field fails) so that a
 * typo in a flag name cannot silently drop a classification.
 */
record CuratedCatalog(
        String version,
        String description,
        String reviewedSpdxListVersion,
        List<SpdxGroup> spdxGroups,
        Map<String, String> deprecatedReplacements,
        List<String> linkingExceptions,
        List<CuratedLicense> licenseRefs) {

    static final String RESOURCE = "license/curated.json";

    CuratedCatalog {
        spdxGroups = List.copyOf(spdxGroups);
        deprecatedReplacements = Map.copyOf(deprecatedReplacements);
        linkingExceptions = List.copyOf(linkingExceptions);
        licenseRefs = List.copyOf(licenseRefs);
    }

    /** SPDX licenses that share a level and flags, with the reason. */
    record SpdxGroup(
            String name,
            Integer level,
            Copyleft copyleft,
            Boolean commercialUse,
            Long userThreshold,
            Boolean useRestrictions,
            Boolean competingUse,
            Boolean outputRestrictions,
            Boolean attributionOrBranding,
            String convertsTo,
            String licensor,
            String rationale,
            List<String> ids) {
    }

    /**
     * A license SPDX lacks. {@code keyPhrasesChecked} records whether the phrases were compared with a copy of the
     * license's text (true) or written from secondary descriptions (false, to be checked when a text turns up).
     */
    record CuratedLicense(
            String id,
            String name,
            Integer level,
            Copyleft copyleft,
            Boolean commercialUse,
            Long userThreshold,
            Boolean useRestrictions,
            Boolean competingUse,
            Boolean outputRestrictions,
            String convertsTo,
            Boolean attributionOrBranding,
            String licensor,
            String referenceUrl,
            List<String> keyPhrases,
            boolean keyPhrasesChecked,
            String rationale) {
    }

    static CuratedCatalog load(ObjectMapper json) {
        try (InputStream in = CuratedCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return json.readValue(in, CuratedCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
