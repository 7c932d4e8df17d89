package io.counterpower.collect.git;

import io.counterpower.license.LicenseTextMatcher;

import java.util.Map;
import java.util.Optional;

/** Identifies license texts with the service's catalog; a text it does not know stays unidentified. */
final class CatalogLicenseIdentifier implements LicenseTextIdentifier {
    private final LicenseTextMatcher matcher;

    CatalogLicenseIdentifier(LicenseTextMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public Optional<String> identify(String text) {
        return matcher.identify(text).matchedId();
    }

    @Override
    public Map<String, String> parameters(String text) {
        return matcher.identify(text).parameters();
    }
}
