package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The currency rate table each methodology version pins (METHODOLOGY.md section 8):
 * {@code methodology/v<N>/currency-rates.json}, copied on start into {@code methodology_currency_rate}
 * (migration V029), whose rows of version N only version N's funding statement reads. The table mirrors
 * the files: a version's rows are made its file's on every start.
 */
@ApplicationScoped
class MethodologyRates {
    @Inject
    Methodology methodology;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    @Transactional
    void onStart(@Observes @Priority(35) StartupEvent event) {
        for (int version : methodology.all().keySet()) {
            String resource = "methodology/v" + version + "/currency-rates.json";
            try (InputStream in = MethodologyRates.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Methodology version " + version + " ships no rate table (" + resource + ")");
                }
                JsonNode rates = json.readTree(in).path("rates");
                StringBuilder keys = new StringBuilder();
                for (JsonNode r : rates) {
                    keys.append(keys.length() == 0 ? "" : ",").append(r.path("currency").asText()).append(':').append(r.path("year").asInt());
                    // An upsert, not delete-and-insert: two instances starting together must not collide on the key.
                    em.createNativeQuery("""
                                    insert into methodology_currency_rate (methodology_version, currency, year, usd_per_unit, source_url)
                                    values (?1, ?2, ?3, ?4, ?5)
                                    on conflict (methodology_version, currency, year)
                                    do update set usd_per_unit = excluded.usd_per_unit, source_url = excluded.source_url""")
                            .setParameter(1, version).setParameter(2, r.path("currency").asText())
                            .setParameter(3, r.path("year").asInt()).setParameter(4, r.path("usdPerUnit").decimalValue())
                            .setParameter(5, r.path("source").asText()).executeUpdate();
                }
                em.createNativeQuery("""
                                delete from methodology_currency_rate where methodology_version = ?1
                                and not (currency || ':' || year = any (string_to_array(?2, ',')))""")
                        .setParameter(1, version).setParameter(2, keys.toString()).executeUpdate();
                Log.debugf("Methodology %d: %d currency rates", version, rates.size());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }
}
