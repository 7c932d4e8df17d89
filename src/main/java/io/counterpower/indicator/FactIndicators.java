package io.counterpower.indicator;

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
 * The governance, funding, license and adoption indicators of METHODOLOGY.md section 3, and
 * {@code walkaway_maintainers}, {@code forkable} and {@code derivative_orgs} of section 7, each group computed by one
 * SQL statement over the fact tables as recorded on the scope's instant: {@code seats}, {@code flags},
 * {@code funding}, {@code license} and {@code adoption} of the scope's methodology version
 * ({@link IndicatorStatements}, {@code methodology/v<N>/*.sql}), read by column alias.
 */
@ApplicationScoped
class FactIndicators implements IndicatorGroup {
    private static final List<String> NAMES = List.of("seats_total", "seat_orgs", "corporate_seat_share", "top_org_seat",
            "top_org_seat_share", "seat_hhi", "foundation_hosted", "cla_relicensing",
            "trademark_holder_type", "funding_total_usd", "funder_count", "corporate_funding_share", "top_funder",
            "top_funder_share", "funder_hhi", "license_restrictiveness", "restrictive_relicenses",
            "restrictive_new_releases", "openness", "adopter_orgs", "corporate_adopters", "derivatives", "downloads",
            "walkaway_maintainers", "derivative_orgs", "company_restrictive_relicenses_24m", "license_capture",
            "restrictive_license_in_force", "company_restrictive_license_in_force", "funding_reported_usd", "forkable");

    /** The components of METHODOLOGY.md section 6. */
    static final int OPENNESS_COMPONENTS = 9;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Override
    public List<String> names() {
        return NAMES;
    }

    /**
     * Runs a single-date statement at every step in one round trip: the statement becomes a LATERAL
     * subquery of the steps, its date parameters replaced by the step's columns. Rows come back in
     * the steps' order.
     */
    static String lateral(String sql) {
        String inner = sql.replace(":lo_day", "step_.lo_day").replace(":lo24", "step_.lo24").replace(":day", "step_.day")
                .replace(":top_org", "step_.top_org");
        return "with " + Steps.CTE + "\nselect x.* from steps step_ cross join lateral (\n" + inner + "\n) x order by step_.i";
    }

    private List<SqlRow> rows(String name, FigureScope scope, Steps steps) {
        return LateralStatement.rows(em, name, scope, steps);
    }

    /**
     * The group's values at each of {@code days}, in the same order (see {@link IndicatorGroup}).
     * {@code topOrgs} is the contribution group's {@code top_org} at each day (null when unknown):
     * {@code walkaway_maintainers} counts the maintainer seats outside it. The caller passes it
     * rather than this group computing the commit aggregates a second time.
     */
    List<Values> compute(FigureScope scope, List<LocalDate> days, List<String> topOrgs) {
        Steps steps = new Steps(days, scope.window());
        List<SqlRow> seats = rows("seats", scope, steps.withTopOrgs(topOrgs.stream().map(t -> t == null ? "" : t).toList()));
        List<SqlRow> flags = rows("flags", scope, steps);
        List<SqlRow> funding = rows("funding", scope, steps);
        List<SqlRow> license = rows("license", scope, steps);
        List<SqlRow> adoption = rows("adoption", scope, steps);
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Values v = new Values(scope.methodology());
            governance(seats.get(i), flags.get(i), v, topOrgs.get(i));
            funding(funding.get(i), v);
            license(license.get(i), v);
            adoption(adoption.get(i), v);
            out.add(v);
        }
        if (scope.methodology().number() >= 2) {
            List<SqlRow> disputed = rows(IndicatorStatements.DISPUTED_FACTS, scope, steps);
            for (int i = 0; i < days.size(); i++) {
                flagDisputed(disputed.get(i), out.get(i));
            }
        }
        return out;
    }

    /** The fact groups of disputed-facts.sql (version 2): its column -> the figures that read those facts. */
    static final Map<String, List<String>> DISPUTED_GROUPS = Map.of(
            "seats_disputed", List.of("seats_total", "seat_orgs", "corporate_seat_share", "top_org_seat", "top_org_seat_share",
                    "seat_hhi", "walkaway_maintainers"),
            "steward_disputed", List.of("foundation_hosted"),
            "event_disputed", List.of("cla_relicensing", "trademark_holder_type"),
            "funding_disputed", List.of("funding_total_usd", "funder_count", "corporate_funding_share", "top_funder",
                    "top_funder_share", "funder_hhi", "funding_reported_usd"),
            "license_disputed", List.of("license_restrictiveness", "restrictive_relicenses", "restrictive_new_releases",
                    "license_capture", "restrictive_license_in_force", "company_restrictive_license_in_force",
                    "company_restrictive_relicenses_24m", "forkable"),
            "openness_disputed", List.of("openness"),
            "adoption_disputed", List.of("adopter_orgs", "corporate_adopters", "derivatives", "downloads", "derivative_orgs"));

    /** The flag of a figure that reads a fact under an open dispute (other than an affiliation: disputed_affiliation). */
    static final String DISPUTED_FACT = "disputed_fact";

    private static void flagDisputed(SqlRow row, Values v) {
        DISPUTED_GROUPS.forEach((column, names) -> {
            if (Boolean.TRUE.equals(row.bool(column))) {
                names.forEach(name -> v.flag(name, DISPUTED_FACT));
            }
        });
    }

    private void governance(SqlRow r, SqlRow f, Values out, String topOrg) {
        long total = r.count("seats"), known = r.count("known_seats"), company = r.count("company_seats"), orgs = r.count("seat_orgs"),
                topCount = r.count("top_org_seats");
        long maintainers = r.count("maintainer_seats"), maintainersKnown = r.count("known_maintainer_seats"),
                maintainersNotTop = r.count("maintainer_seats_not_top");
        boolean anyBody = r.bool("any_body");
        Object topSeat = r.get("top_org_seat");
        Object largestBodyShare = r.get("largest_body_share");
        double cov = Values.coverage(known, total);
        Map<String, Object> top = Values.detail("organisation", topSeat, "seats", topCount, "known", known, "total", total);
        out.put("seats_total", anyBody ? total : null, anyBody ? 1.0 : 0.0, total);
        out.put("seat_orgs", known == 0 ? null : orgs, cov, known);
        out.put("corporate_seat_share", Values.share(company, known), cov, known, List.of(), Values.detail("company", company, "known", known));
        out.put("top_org_seat", known == 0 ? null : topSeat, cov, known, List.of(), top);
        Map<String, Object> shareDetail = new java.util.LinkedHashMap<>(top);
        shareDetail.put("largestBodyShare", known == 0 ? null : largestBodyShare == null ? 0.0 : ((Number) largestBodyShare).doubleValue());
        out.put("top_org_seat_share", known == 0 ? null : (double) topCount / known, cov, known, List.of(), shareDetail);
        out.put("seat_hhi", known == 0 || r.number("seat_hhi") == null ? null : r.number("seat_hhi"), cov, known);
        out.put("walkaway_maintainers", maintainersKnown == 0 || topOrg == null ? null : maintainersNotTop,
                Values.coverage(maintainersKnown, maintainers), maintainers, List.of(),
                Values.detail("topOrganisation", topOrg, "maintainerSeats", maintainers, "known", maintainersKnown));

        String stewardType = f.text("steward_type");
        out.put("foundation_hosted", stewardType == null ? null : "foundation".equals(stewardType), stewardType == null ? 0.0 : 1.0,
                stewardType == null ? 0 : 1, List.of(), Values.detail("steward", f.get("steward"), "stewardType", stewardType));
        boolean relicensing = f.bool("cla_relicensing"), introduced = f.bool("cla_introduced");
        out.put("cla_relicensing", relicensing ? Boolean.TRUE : introduced ? Boolean.FALSE : null,
                relicensing || introduced ? 1.0 : 0.0, relicensing || introduced ? 1 : 0);
        Object trademark = f.get("trademark_holder_type");
        out.put("trademark_holder_type", trademark, trademark == null ? 0.0 : 1.0, trademark == null ? 0 : 1);
    }

    private void funding(SqlRow r, Values out) {
        long recorded = r.count("recorded"), inWindow = r.count("in_window"), summable = r.count("summable");
        Double funderSum = r.number("funder_usd"), roundSum = r.number("round_usd");
        long funders = r.count("funders"), scoped = r.count("scoped");
        Double scopedSum = r.number("scoped_usd"), companySum = r.number("company_usd");
        String topKey = r.text("top_funder");
        Double topUsd = r.number("top_funder_usd"), hhi = r.number("funder_hhi");
        List<String> flags = Boolean.TRUE.equals(r.bool("date_uncertain")) ? List.of("date_uncertain") : List.of();
        List<Long> eventIds = ids(r.text("event_ids"));
        Double total = recorded == 0 ? null : inWindow == 0 ? Double.valueOf(0.0) : summable == 0 ? null
                : (funderSum == null ? 0.0 : funderSum) + (roundSum == null ? 0.0 : roundSum);
        out.put("funding_total_usd", total == null ? null : Values.round2(total), Values.coverage(summable, inWindow), inWindow, flags,
                Values.detail("events", eventIds));
        out.put("funder_count", recorded == 0 ? null : funders, recorded == 0 ? 0.0 : 1.0, inWindow, flags, null);
        double cov = Values.coverage(scoped, inWindow);
        boolean shares = scopedSum != null && scopedSum > 0;
        out.put("corporate_funding_share", shares ? (companySum == null ? 0.0 : companySum) / scopedSum : null, cov, scoped, flags,
                Values.detail("companyUsd", companySum, "funderScopedUsd", scopedSum, "events", eventIds));
        Map<String, Object> top = Values.detail("organisation", topKey, "usd", topUsd, "funderScopedUsd", scopedSum);
        out.put("top_funder", shares ? topKey : null, cov, scoped, flags, top);
        out.put("top_funder_share", shares ? topUsd / scopedSum : null, cov, scoped, flags, top);
        out.put("funder_hhi", shares ? hhi : null, cov, scoped, flags, null);
        if (out.methodologyVersion() < 2) {
            return;
        }
        // Coverage by money (v2): the funder-scoped verified USD over all verified USD in the window (a round once),
        // times the share of the window's events that have a verified amount at all.
        long verifiedEvents = r.count("verified_events");
        double verifiedUsd = (scopedSum == null ? 0.0 : scopedSum) + (roundSum == null ? 0.0 : roundSum);
        double byMoney = verifiedUsd == 0 ? 0.0 : (scopedSum == null ? 0.0 : scopedSum) / verifiedUsd
                * Values.coverage(verifiedEvents, inWindow);
        for (String name : List.of("corporate_funding_share", "top_funder", "top_funder_share", "funder_hhi")) {
            IndicatorValue v = out.values().get(name);
            out.put(name, v.value(), byMoney, v.n(), v.flags(), v.detail());
        }
        Double reported = r.number("reported_usd");
        out.put("funding_reported_usd", reported == null ? null : Values.round2(reported), reported == null ? 0.0 : 1.0, inWindow,
                flags, Values.detail("events", eventIds));
    }

    private void license(SqlRow r, Values out) {
        long artifacts = r.count("artifacts"), knownArtifacts = r.count("known_artifacts");
        Number lower = (Number) r.get("level_lower"), upper = (Number) r.get("level_upper");
        long relicenses = r.count("relicenses"), releases = r.count("new_releases"), changes = r.count("changes"),
                knownChanges = r.count("known_changes");
        List<String> flags = Boolean.TRUE.equals(r.bool("date_uncertain")) ? List.of("date_uncertain") : List.of();
        List<Long> ids = ids(r.text("raising_periods"));
        Integer level = artifacts == 0 || lower == null || lower.intValue() != upper.intValue() ? null : lower.intValue();
        out.put("license_restrictiveness", level, Values.coverage(knownArtifacts, artifacts), artifacts, List.of(),
                Values.detail("lower", lower, "upper", upper));
        double cov = changes == 0 ? (artifacts == 0 ? 0.0 : 1.0) : Values.coverage(knownChanges, changes);
        // Unknown is not 0 (section 3): no period reaching the window, or no rise found while a change in the
        // window has an unknown level on either side, leaves the count unknown.
        boolean countUnknown = artifacts == 0 || knownChanges < changes;
        out.put("restrictive_relicenses", countUnknown && relicenses == 0 ? null : relicenses, cov, changes, flags,
                Values.detail("periods", ids));
        out.put("restrictive_new_releases", countUnknown && releases == 0 ? null : releases, cov, changes, flags,
                Values.detail("periods", ids));
        if (out.methodologyVersion() < 2) {
            // Version 1's capture gate: restrictive relicenses by a company steward in the last 24 months (version 2 reads
            // restrictive_license_in_force instead; its statement has no such column).
            long company24 = r.count("company_relicenses_24m");
            long changes24 = r.count("changes_24m"), knownChanges24 = r.count("known_changes_24m");
            boolean count24Unknown = artifacts == 0 || knownChanges24 < changes24;
            out.put("company_restrictive_relicenses_24m", count24Unknown && company24 == 0 ? null : company24,
                    artifacts == 0 ? 0.0 : changes24 == 0 ? 1.0 : Values.coverage(knownChanges24, changes24), changes24,
                    List.of(), Values.detail("periods", ids(r.text("company_relicense_periods_24m"))));
            return;
        }
        double artifactCoverage = Values.coverage(knownArtifacts, artifacts);
        Double capture = r.number("license_capture");
        out.put("license_capture", artifacts == 0 || capture == null ? null : capture, artifactCoverage,
                artifacts, List.of(), Values.detail("lower", lower, "upper", upper));
        String[] via = r.text("in_force_via") == null ? null : r.text("in_force_via").split("\\|", -1);
        long restrictive = r.count("restrictive_artifacts");
        // True wins over an unknown artifact (one artifact held by a relicense decides); false needs every level known.
        Boolean inForce = via != null ? Boolean.TRUE : artifacts == 0 || knownArtifacts < artifacts ? null : Boolean.FALSE;
        Map<String, Object> viaDetail = via == null ? Values.detail("restrictiveArtifacts", restrictive)
                : Values.detail("period", Long.parseLong(via[0]), "from", via[1], "stewardType", via[2].isEmpty() ? null : via[2],
                "artifact", via[3], "restrictiveArtifacts", restrictive);
        out.put("restrictive_license_in_force", inForce, inForce == null ? 0.0 : 1.0, artifacts, List.of(), viaDetail);
        Long byCompany = inForce == null ? null : via != null && "company".equals(via[2]) ? 1L : 0L;
        out.put("company_restrictive_license_in_force", byCompany, inForce == null ? 0.0 : 1.0, artifacts, List.of(), viaDetail);
        forkable(r, out, artifacts, knownArtifacts);
    }

    /**
     * {@code forkable} (METHODOLOGY.md section 7, "Walk-away"): every artifact in force at level 0-3. False as soon as one
     * current artifact is known to be at 4-7 (an unknown one cannot reopen it); true only when every one is known to be at
     * 0-3; unknown otherwise, never false. When false, detail gives {@code last_open_state} (where a fork starts) and, for a
     * BUSL-style license, {@code converts_to} (the change date and license read from the period's text).
     */
    private void forkable(SqlRow r, Values out, long artifacts, long knownArtifacts) {
        long open = r.count("open_artifacts");
        boolean closedKnown = knownArtifacts > open;
        Boolean forkable = artifacts == 0 ? null : closedKnown ? Boolean.FALSE : open == artifacts ? Boolean.TRUE : null;
        Map<String, Object> detail = Values.detail("artifacts", artifacts, "openArtifacts", open);
        if (Boolean.FALSE.equals(forkable)) {
            Object last = r.get("last_open_state");
            detail.put("last_open_state", last == null ? null : last.toString());
            detail.put("converts_to", jsonList(r.text("converts_to")));
        }
        out.put("forkable", forkable, Values.coverage(knownArtifacts, artifacts), artifacts, List.of(), detail);
    }

    private List<Object> jsonList(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void adoption(SqlRow r, Values out) {
        boolean anyAdopter = r.bool("any_adopter");
        List<String> adopterFlags = Boolean.TRUE.equals(r.bool("adopter_date_uncertain")) ? List.of("date_uncertain") : List.of();
        long adopters = r.count("adopters");
        out.put("adopter_orgs", anyAdopter ? adopters : null, anyAdopter ? 1.0 : 0.0, adopters, adopterFlags, null);
        out.put("corporate_adopters", anyAdopter ? r.count("corporate_adopters") : null, anyAdopter ? 1.0 : 0.0, adopters, adopterFlags, null);
        boolean anyDerivative = r.bool("any_derivative");
        long derivatives = r.count("derivatives");
        out.put("derivatives", anyDerivative ? derivatives : null, anyDerivative ? 1.0 : 0.0, derivatives, List.of(),
                Values.detail("byRelation", relations(r.text("by_relation"))));
        long attributed = r.count("attributed_derivatives");
        out.put("derivative_orgs", anyDerivative ? r.count("derivative_orgs") : null, Values.coverage(attributed, derivatives), derivatives);
        boolean anyDownloads = r.bool("any_downloads");
        out.put("downloads", anyDownloads ? r.count("downloads") : null, anyDownloads ? 1.0 : 0.0, r.count("download_periods"),
                Boolean.TRUE.equals(r.bool("downloads_date_uncertain")) ? List.of("date_uncertain") : List.of(), null);
        long knownComponents = r.count("known_components");
        out.put("openness", knownComponents == 0 ? null : r.number("openness"), (double) knownComponents / OPENNESS_COMPONENTS, knownComponents);
    }

    private Map<String, Object> relations(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (text == null) {
            return m;
        }
        try {
            json.readTree(text).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    private static List<Long> ids(String csv) {
        List<Long> out = new ArrayList<>();
        if (csv != null && !csv.isBlank()) {
            for (String s : csv.split(",")) {
                out.add(Long.parseLong(s));
            }
        }
        return out;
    }

}
