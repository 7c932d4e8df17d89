package io.counterpower.indicator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Governance over-representation of METHODOLOGY.md version 2 section 7, per governing body, from the
 * {@code bodies} statement ({@code methodology/v2/bodies.sql}):
 * <ul>
 * <li>{@code seat_overrepresentation}: for each organisation and body, its share of the body's known seats
 *     minus its share of the project's known contributions over the 24 months before {@code at}; the
 *     largest, with the organisation and the body (in [-1, 1]);</li>
 * <li>{@code bodies_over_one_third}: the bodies where one organisation holds more than one third of the
 *     known seats (a foundation rule);</li>
 * <li>{@code bodies_under_two_orgs}: the bodies with fewer than two organisations (an independent counts as
 *     an organisation of one); a body whose unknown seats could still bring a second one is unknown.</li>
 * </ul>
 * The detail of each lists every body's check ({@code bodies}) and the seats' sources.
 */
@ApplicationScoped
class BodyIndicators implements IndicatorGroup {
    private static final List<String> NAMES = List.of("seat_overrepresentation", "bodies_over_one_third", "bodies_under_two_orgs");
    static final double ONE_THIRD = 1.0 / 3;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Override
    public List<String> names() {
        return NAMES;
    }

    List<Values> compute(FigureScope scope, List<LocalDate> days) {
        List<Values> out = new ArrayList<>();
        if (scope.methodology().number() < 2) {
            days.forEach(d -> out.add(new Values(scope.methodology())));
            return out;
        }
        for (SqlRow r : LateralStatement.rows(em, IndicatorStatements.BODIES, scope, new Steps(days, scope.window()))) {
            Values v = new Values(scope.methodology());
            put(r, v, bodies(r.text("bodies")));
            out.add(v);
        }
        return out;
    }

    /** One body's rule checks: {@code overOneThird} and {@code fewerThanTwoOrganisations}, null when unknown. */
    static Map<String, Object> check(Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        long seats = ((Number) body.get("seats")).longValue(), known = ((Number) body.get("knownSeats")).longValue();
        long entities = ((Number) body.get("entities")).longValue();
        Object largest = body.get("largestShare");
        m.put("overOneThird", known == 0 ? null : largest instanceof Number x && x.doubleValue() > ONE_THIRD + 1e-9);
        m.put("fewerThanTwoOrganisations", entities >= 2 ? Boolean.FALSE : known < seats || seats == 0 ? null : Boolean.TRUE);
        return m;
    }

    private List<Map<String, Object>> bodies(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            List<Map<String, Object>> raw = json.readValue(text, new TypeReference<List<Map<String, Object>>>() {
            });
            return raw.stream().map(BodyIndicators::check).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(SqlRow r, Values out, List<Map<String, Object>> bodies) {
        boolean any = r.bool("any_body");
        long seats = r.count("seats"), known = r.count("known_seats"), contributions = r.count("contributions"),
                knownContributions = r.count("known_contributions");
        List<String> sources = LateralStatement.sources(r);
        double seatCoverage = Values.coverage(known, seats);
        double contributionCoverage = Values.coverage(knownContributions, contributions);
        Double value = r.number("over_value");
        out.put("seat_overrepresentation", any ? value : null, Math.min(seatCoverage, contributionCoverage), known, List.of(),
                Values.detail("organisation", r.text("over_org"), "body", r.text("over_body"), "bodyKind", r.text("over_body_kind"),
                        "seatShare", round(r.number("over_seat_share")), "contributionShare", round(r.number("over_contribution_share")),
                        "knownSeats", known, "seats", seats, "knownContributions", knownContributions, "contributions", contributions,
                        "bodies", bodies, "sources", sources));
        long over = bodies.stream().filter(b -> Boolean.TRUE.equals(b.get("overOneThird"))).count();
        boolean overUnknown = bodies.stream().anyMatch(b -> b.get("overOneThird") == null);
        out.put("bodies_over_one_third", !any || seats == 0 || over == 0 && overUnknown ? null : over, seatCoverage, bodies.size(),
                List.of(), Values.detail("bodies", bodies, "sources", sources));
        long under = bodies.stream().filter(b -> Boolean.TRUE.equals(b.get("fewerThanTwoOrganisations"))).count();
        boolean underUnknown = bodies.stream().anyMatch(b -> b.get("fewerThanTwoOrganisations") == null);
        out.put("bodies_under_two_orgs", !any || seats == 0 || under == 0 && underUnknown ? null : under, seatCoverage, bodies.size(),
                List.of(), Values.detail("bodies", bodies, "sources", sources));
    }

    private static Double round(Double d) {
        return d == null ? null : Values.round(d);
    }
}
