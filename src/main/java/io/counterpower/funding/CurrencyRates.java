package io.counterpower.funding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rate table that ships with the service (funding/currency-rates.json, which names its source):
 * converts an amount to USD at the year of its event. It is also copied into the currency_rate
 * table on start, so that SQL indicators convert the same way.
 */
@ApplicationScoped
class CurrencyRates {

    /** One rate: US dollars per unit of a currency over a year, and where it comes from. */
    record Rate(String currency, int year, BigDecimal usdPerUnit, String source) {
    }

    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    private volatile List<Rate> rates;

    /** The rate for a currency at a year, or the nearest year that has one; empty for a currency without rates. */
    Optional<Rate> rate(String currency, int year) {
        if ("USD".equals(currency)) {
            // The identity holds every year: the table's single USD row (year 2000, a placeholder) is not "the nearest year".
            return all().stream().filter(r -> r.currency().equals("USD")).findFirst()
                    .map(r -> new Rate("USD", year, r.usdPerUnit(), r.source()));
        }
        return all().stream().filter(r -> r.currency().equals(currency))
                .min(Comparator.comparingInt((Rate r) -> Math.abs(r.year() - year)).thenComparing(Rate::year, Comparator.reverseOrder()));
    }

    Optional<BigDecimal> toUsd(BigDecimal amount, String currency, int year) {
        if (amount == null || currency == null) {
            return Optional.empty();
        }
        if (currency.equals("USD")) {
            return Optional.of(amount);
        }
        return rate(currency, year).map(r -> amount.multiply(r.usdPerUnit()).setScale(2, RoundingMode.HALF_EVEN));
    }

    List<Rate> all() {
        List<Rate> loaded = rates;
        if (loaded == null) {
            loaded = load();
            rates = loaded;
        }
        return loaded;
    }

    @Transactional
    void copyToDatabase(@Observes @Priority(30) StartupEvent event) {
        for (Rate r : all()) {
            em.createNativeQuery("""
                            insert into currency_rate (currency, year, usd_per_unit, source_url) values (?1, ?2, ?3, ?4)
                            on conflict (currency, year) do update set usd_per_unit = excluded.usd_per_unit, source_url = excluded.source_url""")
                    .setParameter(1, r.currency()).setParameter(2, r.year()).setParameter(3, r.usdPerUnit()).setParameter(4, r.source())
                    .executeUpdate();
        }
    }

    private List<Rate> load() {
        try (InputStream in = CurrencyRates.class.getResourceAsStream("/funding/currency-rates.json")) {
            JsonNode root = json.readTree(in);
            List<Rate> result = new ArrayList<>();
            for (JsonNode r : root.path("rates")) {
                result.add(new Rate(r.path("currency").asText(), r.path("year").asInt(), r.path("usdPerUnit").decimalValue(),
                        r.path("source").asText()));
            }
            return List.copyOf(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
