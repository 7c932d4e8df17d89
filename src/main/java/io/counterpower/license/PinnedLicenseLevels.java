package io.counterpower.license;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * License levels as a methodology version pins them (METHODOLOGY.md section 8): the catalog's ids,
 * flags and expression rules, with each license's level taken from the version's own table instead of
 * the running catalog. A license the table does not classify is unknown, as in the catalog.
 */
@Singleton
public class PinnedLicenseLevels {
    @Inject
    LicenseCatalog catalog;

    /** The running catalog's version. */
    public String catalogVersion() {
        return catalog.catalogVersion();
    }

    /** The running catalog's level of every classified license, by id. */
    public Map<String, Integer> catalogLevels() {
        Map<String, Integer> out = new TreeMap<>();
        for (LicenseEntry e : catalog.entries()) {
            if (e.level() != null) {
                out.put(e.id(), e.level());
            }
        }
        return out;
    }

    /** The level of an expression with the licenses' levels taken from {@code levels}. */
    public ExpressionLevel evaluate(String expression, Map<String, Integer> levels) {
        LicenseVocabulary base = catalog.vocabulary();
        LicenseVocabulary pinned = new LicenseVocabulary() {
            @Override
            public Optional<LicenseEntry> license(String id) {
                return base.license(id).map(e -> withLevel(e, levels.get(e.id())));
            }

            @Override
            public Optional<String> exception(String id) {
                return base.exception(id);
            }

            @Override
            public boolean isLinkingException(String canonicalExceptionId) {
                return base.isLinkingException(canonicalExceptionId);
            }
        };
        return new ExpressionEvaluator(pinned).evaluate(expression);
    }

    private static LicenseEntry withLevel(LicenseEntry e, Integer level) {
        if (java.util.Objects.equals(level, e.level())) {
            return e;
        }
        return new LicenseEntry(e.id(), e.name(), level, level == null ? null : LicenseCategory.ofLevel(level).orElse(null),
                level == null ? null : e.levelBasis() == null ? LevelBasis.CURATED : e.levelBasis(), e.rationale(), e.spdx(),
                e.deprecated(), e.replacedBy(), e.osiApproved(), e.fsfLibre(), e.commercialUse(), e.userThreshold(),
                e.useRestrictions(), e.competingUse(), e.outputRestrictions(), e.copyleft(), e.convertsTo(),
                e.attributionOrBranding(), e.licensor(), e.referenceUrl(), e.keyPhrases());
    }
}
