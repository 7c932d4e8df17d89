package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.license.ExpressionLevel;
import io.counterpower.license.PinnedLicenseLevels;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The license levels each methodology version pins (METHODOLOGY.md sections 5 and 8),
 * {@code methodology/v<N>/license-levels.json}, applied on start (after the catalog's own sync) to
 * {@code license_period_level} (migration V031), which each version's license statement reads:
 * <ul>
 *   <li>a version whose levels are the running catalog's follows it: the trigger of V031 copies every level
 *       the catalog derives, and the periods derived before are copied here;</li>
 *   <li>a version whose levels differ (a later catalog moved a level) keeps its own: every period that has no
 *       level for it yet is evaluated with the version's levels. A period recorded while the service runs
 *       gets such a version's level at the next start; until then that version reads its level as unknown.</li>
 * </ul>
 */
@ApplicationScoped
class MethodologyLicenseLevels {
    @Inject
    Methodology methodology;
    @Inject
    PinnedLicenseLevels levels;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    @Transactional
    void onStart(@Observes @Priority(45) StartupEvent event) {
        Map<String, Integer> catalog = levels.catalogLevels();
        for (int version : methodology.all().keySet()) {
            Map<String, Integer> pinned = pinned(version);
            boolean follows = pinned.equals(catalog);
            em.createNativeQuery("""
                            insert into methodology_license_catalog (methodology_version, catalog_version) values (?1, ?2)
                            on conflict (methodology_version) do update set catalog_version = excluded.catalog_version""")
                    .setParameter(1, version).setParameter(2, follows ? levels.catalogVersion() : "pinned:v" + version).executeUpdate();
            if (follows) {
                em.createNativeQuery("""
                                insert into license_period_level (project_id, period_row_id, methodology_version, level, level_lower, level_upper)
                                select project_id, row_id, ?1, level, level_lower, level_upper from license_period
                                where catalog_version = ?2 or catalog_version is null
                                on conflict (project_id, period_row_id, methodology_version) do update
                                set level = excluded.level, level_lower = excluded.level_lower, level_upper = excluded.level_upper""")
                        .setParameter(1, version).setParameter(2, levels.catalogVersion()).executeUpdate();
                continue;
            }
            int derived = 0;
            for (Object row : em.createNativeQuery("""
                            select p.row_id, p.expression from license_period p
                            where not exists (select 1 from license_period_level l where l.period_row_id = p.row_id and l.methodology_version = ?1)""")
                    .setParameter(1, version).getResultList()) {
                Object[] r = (Object[]) row;
                ExpressionLevel level = levels.evaluate((String) r[1], pinned);
                em.createNativeQuery("""
                                insert into license_period_level (period_row_id, methodology_version, level, level_lower, level_upper)
                                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                        .setParameter(1, ((Number) r[0]).longValue()).setParameter(2, version)
                        .setParameter(3, level.level() == null ? null : level.level().shortValue())
                        .setParameter(4, (short) level.lowerBound())
                        .setParameter(5, (short) level.upperBound())
                        .executeUpdate();
                derived++;
            }
            Log.infof("Methodology %d pins license levels that differ from catalog %s: derived %d period level(s)", version,
                    levels.catalogVersion(), derived);
        }
    }

    private Map<String, Integer> pinned(int version) {
        String resource = "methodology/v" + version + "/license-levels.json";
        try (InputStream in = MethodologyLicenseLevels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Methodology version " + version + " ships no license levels (" + resource + ")");
            }
            Map<String, Integer> out = new TreeMap<>();
            JsonNode doc = json.readTree(in);
            doc.path("levels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
