package io.counterpower.common.version;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** Reads the data versions that {@link io.counterpower.common.audit.ChangeLog} increases. */
@ApplicationScoped
public class DataVersions {
    public record Version(long version, Instant changedAt) {
    }

    @Inject
    EntityManager em;

    /** The newest version over all scopes: it changes whenever any fact changes. */
    public Version latest() {
        Object[] row = (Object[]) em.createNativeQuery(
                        "select version, changed_at from data_version order by version desc limit 1")
                .getSingleResult();
        return new Version(((Number) row[0]).longValue(), io.counterpower.common.db.Rows.instant(row[1]));
    }

    /** The version that covers a project's figures: its own facts and the shared ones. */
    public Version forProject(long projectId) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select version, changed_at from data_version where scope in ('global', ?1)
                        order by version desc limit 1""")
                .setParameter(1, "project:" + projectId)
                .getSingleResult();
        return new Version(((Number) row[0]).longValue(), io.counterpower.common.db.Rows.instant(row[1]));
    }
}
