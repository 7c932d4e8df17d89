package io.counterpower.collect.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.license.LicenseCatalog;
import io.counterpower.license.LicenseEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a model card's license into a catalog expression: an SPDX id through the catalog (ignoring
 * case), a Hub identifier or a {@code license_name} through {@code collect/huggingface-licenses.json}.
 */
final class HubLicenses {
    private final Map<String, String> byHubName = new HashMap<>();
    private final LicenseCatalog catalog;

    HubLicenses(LicenseCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        try (InputStream in = HubLicenses.class.getResourceAsStream("/collect/huggingface-licenses.json")) {
            JsonNode licenses = json.readTree(in).get("licenses");
            licenses.fields().forEachRemaining(e -> byHubName.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled collect/huggingface-licenses.json cannot be read", e);
        }
    }

    /** The expression for a card's {@code license} and {@code license_name}, if the catalog knows it. */
    Optional<String> expressionOf(String license, String licenseName) {
        String name = license == null || "other".equalsIgnoreCase(license) ? licenseName : license;
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        String mapped = byHubName.get(key);
        if (mapped != null) {
            return catalog.find(mapped).map(LicenseEntry::id);
        }
        return catalog.find(key).filter(LicenseEntry::spdx).map(LicenseEntry::id);
    }
}
