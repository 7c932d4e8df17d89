package io.counterpower.license;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * On start, copies the license catalog into the license tables when its version changed, and
 * derives the level of every license period recorded without one or under another catalog
 * version (the reference dataset's periods, or all of them after a catalog upgrade).
 */
@ApplicationScoped
class LicenseCatalogSync {
    static final String TABLE = "license-catalog";

    @Inject
    EntityManager em;
    @Inject
    LicenseCatalog catalog;
    @Inject
    LicenseTextMatcher matcher;
    @Inject
    LicenseExpressions expressions;
    @Inject
    LicensePeriods periods;

    @Transactional
    void onStart(@Observes @Priority(40) StartupEvent event) {
        String version = catalog.catalogVersion();
        List<?> loaded = em.createNativeQuery("select version from reference_table_version where name = ?1")
                .setParameter(1, TABLE).getResultList();
        if (loaded.isEmpty() || !version.equals(loaded.get(0))) {
            copyCatalog(version);
        }
        int derived = 0;
        for (LicensePeriod p : LicensePeriod.<LicensePeriod>list("catalogVersion is null or catalogVersion <> ?1", version)) {
            // A derived column, not a new fact: the expression as recorded is unchanged.
            periods.applyLevel(p, expressions.evaluate(p.expression));
            derived++;
        }
        if (derived > 0) {
            Log.infof("Derived the license level of %d period(s) under catalog %s", derived, version);
        }
    }

    private void copyCatalog(String version) {
        em.createNativeQuery("delete from license_fingerprint").executeUpdate();
        em.createNativeQuery("delete from license").executeUpdate();
        for (LicenseEntry e : catalog.entries()) {
            em.createNativeQuery("""
                            insert into license (id, name, level, category, spdx, deprecated, replaced_by, osi_approved, commercial_use,
                                user_threshold, use_restrictions, competing_use, output_restrictions, copyleft, converts_to,
                                attribution_or_branding, licensor, reference_url, catalog_version)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
                            on conflict (id) do nothing""")
                    .setParameter(1, e.id()).setParameter(2, e.name())
                    .setParameter(3, e.level() == null ? null : e.level().shortValue())
                    .setParameter(4, e.category() == null ? null : e.category().code())
                    .setParameter(5, e.spdx()).setParameter(6, e.deprecated()).setParameter(7, e.replacedBy())
                    .setParameter(8, e.osiApproved()).setParameter(9, e.commercialUse()).setParameter(10, e.userThreshold())
                    .setParameter(11, e.useRestrictions()).setParameter(12, e.competingUse()).setParameter(13, e.outputRestrictions())
                    .setParameter(14, e.copyleft() == null ? null : e.copyleft().code()).setParameter(15, e.convertsTo())
                    .setParameter(16, e.attributionOrBranding()).setParameter(17, e.licensor()).setParameter(18, e.referenceUrl())
                    .setParameter(19, version)
                    .executeUpdate();
        }
        for (LicenseFingerprint f : matcher.fingerprints()) {
            em.createNativeQuery("insert into license_fingerprint (license_id, kind, value) values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, f.licenseId()).setParameter(2, f.kind().code()).setParameter(3, f.value())
                    .executeUpdate();
        }
        em.createNativeQuery("""
                        insert into reference_table_version (name, version) values (?1, ?2)
                        on conflict (name) do update set version = excluded.version, loaded_at = now()""")
                .setParameter(1, TABLE).setParameter(2, version).executeUpdate();
        Log.infof("Loaded license catalog %s", version);
    }
}
