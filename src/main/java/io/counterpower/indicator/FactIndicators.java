package io.counterpower.indicator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.counterpower.indicator.Sql.covers;
import static io.counterpower.indicator.Sql.rollup;
import static io.counterpower.indicator.Sql.uncertain;
import static io.counterpower.indicator.Sql.visible;

/**
 * The governance, funding, license and adoption indicators of METHODOLOGY.md section 3, and
 * {@code walkaway_maintainers} and {@code derivative_orgs} of section 7, each group computed by one
 * SQL statement over the fact tables as recorded on the scope's instant.
 */
@ApplicationScoped
public class FactIndicators implements IndicatorGroup {
    private static final List<String> NAMES = List.of("seats_total", "seat_orgs", "corporate_seat_share", "top_org_seat",
            "top_org_seat_share", "seat_hhi", "foundation_hosted", "cla_relicensing",
            "trademark_holder_type", "funding_total_usd", "funder_count", "corporate_funding_share", "top_funder",
            "top_funder_share", "funder_hhi", "license_restrictiveness", "restrictive_relicenses",
            "restrictive_new_releases", "openness", "adopter_orgs", "corporate_adopters", "derivatives", "downloads",
            "walkaway_maintainers", "derivative_orgs", "company_restrictive_relicenses_24m", "license_capture",
            "restrictive_license_in_force", "company_restrictive_license_in_force", "funding_reported_usd");

    /** Seats active on :day, each attributed to its holder organisation or the holder person's affiliation. */
    private static final String SEATS = "with recursive seats as (\n"
            + "  select s.id, s.body_id, s.holder_contributor_id as person, s.holder_organisation_id as held_org, b.kind as body_kind\n"
            + "  from governance_seat s join governance_body b on b.id = s.body_id and b.project_id = :project and " + visible("b") + "\n"
            + "  where " + visible("s") + " and " + covers("s", ":day") + "\n"
            + "), held as (\n"
            + "  select s.id, s.body_id, s.body_kind, s.person, (s.held_org is not null or a.contributor_id is not null) as known,\n"
            + "         coalesce(s.held_org, a.organisation_id) as org_id\n"
            + "  from seats s left join lateral (select a.contributor_id, a.organisation_id from affiliation a\n"
            + "      where a.contributor_id = s.person and " + covers("a", ":day") + " and " + visible("a") + "\n"
            + "      order by a.source_tier, a.id limit 1) a on true\n"
            + "), " + rollup("select org_id as org, cast(:day as date) as day from held") + ",\n"
            + "seat_rows as (\n"
            + "  select h.*, case when not h.known then null when h.org_id is null then 'independent:' || h.person else o.key end as entity,\n"
            + "         case when h.org_id is not null then o.key end as org_key, ot.type as org_type\n"
            + "  from held h left join tops t on t.org = h.org_id left join organisation o on o.id = t.top\n"
            + "  left join organisation_version ot on ot.id = h.org_id and " + visible("ot") + "\n"
            + "), ent as (select entity, org_key, count(*) as cnt from seat_rows where known group by entity, org_key),\n"
            + "top_seat as (select org_key, cnt from ent where org_key is not null order by cnt desc, org_key limit 1)\n"
            + "select count(*), count(*) filter (where known), count(*) filter (where org_type = 'company'), count(distinct org_key),\n"
            + "  (select org_key from top_seat), (select cnt from top_seat),\n"
            + "  (select sum(power(cast(e.cnt as float8) / (select count(*) from seat_rows where known), 2)) from ent e),\n"
            + "  count(*) filter (where body_kind = 'maintainers'),\n"
            + "  count(*) filter (where body_kind = 'maintainers' and known),\n"
            + "  count(*) filter (where body_kind = 'maintainers' and known and org_key is distinct from cast(:top_org as text)),\n"
            + "  exists (select 1 from governance_body b where b.project_id = :project and " + visible("b") + "),\n"
            // The largest share of one body's known seats held by one organisation (the "one third of a
            // governing body" rule is per body; top_org_seat_share pools every body's seats).
            + "  (select max(cast(c.cnt as float8) / k.known) from\n"
            + "     (select body_id, org_key, count(*) as cnt from seat_rows where known and org_key is not null group by body_id, org_key) c\n"
            + "     join (select body_id, count(*) filter (where known) as known from seat_rows group by body_id) k on k.body_id = c.body_id)\n"
            + "from seat_rows";

    private static final String FLAGS = "select\n"
            + " (select v.type from project_steward s join organisation_version v on v.id = s.organisation_id and " + visible("v")
            + "   where s.project_id = :project and " + visible("s") + " and " + covers("s", ":day") + " limit 1),\n"
            + " exists (select 1 from governance_event e where e.project_id = :project and e.kind = 'cla-relicensing' and e.event_date <= :day and " + visible("e") + "),\n"
            + " exists (select 1 from governance_event e where e.project_id = :project and e.kind = 'cla-introduced' and e.event_date <= :day and " + visible("e") + "),\n"
            + " (select v.type from governance_event e join organisation_version v on v.id = e.to_organisation_id and " + visible("v")
            + "   where e.project_id = :project and e.kind = 'trademark' and e.event_date <= :day and " + visible("e")
            + "   order by e.event_date desc, e.id desc limit 1),\n"
            + " (select o.key from project_steward s join organisation o on o.id = s.organisation_id"
            + "   where s.project_id = :project and " + visible("s") + " and " + covers("s", ":day") + " limit 1)";

    /** Funding of the project, and of its steward on the date of each event, up to :day. */
    private static final String FUNDING = "with recursive ev as (\n"
            + "  select f.id, f.funder_organisation_id as funder, f.type, f.amount, f.currency, f.amount_scope, f.event_date,\n"
            + "         f.date_precision, f.period_from, f.period_to, coalesce(f.recipient_project_id, -f.recipient_organisation_id) as recipient,\n"
            + "         case when f.currency = 'USD' then f.amount else f.amount * (select r.usd_per_unit from currency_rate r\n"
            + "           where r.currency = f.currency order by abs(r.year - extract(year from f.event_date)), r.year desc limit 1) end as usd\n"
            + "  from funding_event f\n"
            // The row_id candidates make the OR below an index lookup per branch (it scanned every funding event once per step).
            + "  where f.row_id in (select x.row_id from funding_event x where x.recipient_project_id = :project\n"
            + "      union all select x.row_id from project_steward s join funding_event x on x.recipient_organisation_id = s.organisation_id\n"
            + "      where s.project_id = :project)\n"
            + "    and " + visible("f") + " and f.event_date <= :day and (f.recipient_project_id = :project or exists (\n"
            + "      select 1 from project_steward s where s.project_id = :project and s.organisation_id = f.recipient_organisation_id\n"
            + "        and " + visible("s") + " and " + covers("s", "f.event_date") + "))\n"
            + "), " + rollup("select funder as org, event_date as day from ev") + ",\n"
            + "rows as (\n"
            + "  select ev.*, ev.event_date > :lo_day as in_window, o.key as funder_key, ft.type as funder_type\n"
            + "  from ev join tops t on t.org = ev.funder and t.day = ev.event_date join organisation o on o.id = t.top\n"
            + "  left join organisation_version ft on ft.id = ev.funder and " + visible("ft") + "\n"
            + "), shares as (select funder_key, sum(usd) as usd from rows where in_window and amount_scope = 'funder' and usd is not null group by funder_key),\n"
            + "top_funder as (select funder_key, usd from shares order by usd desc, funder_key limit 1),\n"
            + "rounds as (select distinct recipient, event_date, amount, currency, usd from rows where in_window and amount_scope = 'round' and usd is not null)\n"
            + "select\n"
            + "  (select count(*) from ev),\n"
            + "  (select count(*) from rows where in_window),\n"
            + "  (select count(*) from rows where in_window and amount_scope is not null and usd is not null),\n"
            + "  (select sum(usd) from rows where in_window and amount_scope = 'funder') , (select sum(usd) from rounds),\n"
            + "  (select count(distinct funder_key) from rows where in_window or (type in ('membership', 'sponsorship')\n"
            + "      and (period_from is null or period_from <= :day) and (period_to is null or period_to >= :day))),\n"
            + "  (select count(*) from rows where in_window and amount_scope = 'funder' and usd is not null),\n"
            + "  (select sum(usd) from rows where in_window and amount_scope = 'funder' and usd is not null),\n"
            + "  (select sum(usd) from rows where in_window and amount_scope = 'funder' and usd is not null and funder_type = 'company'),\n"
            + "  (select funder_key from top_funder), (select usd from top_funder),\n"
            + "  (select sum(power(s.usd / nullif((select sum(usd) from shares), 0), 2)) from shares s),\n"
            + "  (select coalesce(bool_or(" + uncertain("event_date", "date_precision") + "), false) from rows),\n"
            + "  (select string_agg(cast(id as text), ',' order by event_date, id) from rows where in_window)";

    /**
     * Version 2 of the funding statement (METHODOLOGY.md v2 section 3, "Only amounts whose own confidence
     * is verified are summed"): an amount counts only when its event is verified; a reported event's amount
     * and a reported_amount beside an event go to funding_reported_usd (column 15), never into a sum or a
     * share. Column 16 counts the events in the window with a verified amount, for the coverage by money.
     */
    private static final String FUNDING_V2 = FUNDING
            .replace("         case when f.currency = 'USD' then f.amount else",
                    "         " + usd("f.reported_amount", "f.reported_currency") + " + case when f.confidence <> 'verified' then "
                            + usd("f.amount", "f.currency") + " else 0 end as press_usd,\n"
                            + "         case when f.confidence <> 'verified' then null when f.currency = 'USD' then f.amount else")
            + ",\n  (select nullif(sum(coalesce(press_usd, 0)), 0) from rows where in_window),\n"
            + "  (select count(*) from rows where in_window and usd is not null)";

    private static String usd(String amount, String currency) {
        return "coalesce(case when " + currency + " = 'USD' then " + amount + " else " + amount + " * (select r.usd_per_unit from currency_rate r"
                + " where r.currency = " + currency + " order by abs(r.year - extract(year from f.event_date)), r.year desc limit 1) end, 0)";
    }

    private static final String LICENSE = "with lp as (\n"
            + "  select l.id, l.artifact, l.expression, l.valid_from, l.date_precision, l.change_kind, l.level,\n"
            + "         coalesce(l.level_lower, l.level, 0) as lower, coalesce(l.level_upper, l.level, 7) as upper,\n"
            + "         lag(l.level) over w as prev_level, lag(l.expression) over w as prev_expression,\n"
            + "         (select v.type from project_steward s join organisation_version v on v.id = s.organisation_id and " + visible("v")
            + "           where s.project_id = l.project_id and " + visible("s") + " and " + covers("s", "l.valid_from") + " limit 1) as steward_type\n"
            // license_periods_effective (V017): visible as recorded on, a higher source tier covering the dates it spans.
            + "  from license_periods_effective(cast(:project as bigint), cast(:asof as timestamptz)) l where l.valid_from <= :day\n"
            + "  window w as (partition by l.artifact order by l.valid_from, l.id)\n"
            + "), cur as (select distinct on (artifact) * from lp order by artifact, valid_from desc, id desc)\n"
            + "select (select count(*) from cur), (select count(*) from cur where level is not null),\n"
            + "  (select max(lower) from cur), (select max(upper) from cur),\n"
            + "  count(*) filter (where change_kind = 'relicense' and valid_from > :lo_day and level > prev_level),\n"
            + "  count(*) filter (where change_kind = 'new-release' and valid_from > :lo_day and level > prev_level),\n"
            + "  count(*) filter (where valid_from > :lo_day and prev_expression is not null),\n"
            + "  count(*) filter (where valid_from > :lo_day and prev_expression is not null and (level is not null and prev_level is not null)),\n"
            + "  count(*) filter (where change_kind = 'relicense' and valid_from > :lo24 and level > prev_level and steward_type = 'company'),\n"
            + "  coalesce(bool_or(valid_from > :lo_day and " + uncertain("valid_from", "date_precision") + "), false),\n"
            + "  (select string_agg(cast(id as text), ',' order by valid_from, id) from lp where change_kind in ('relicense', 'new-release') and valid_from > :lo_day and level > prev_level),\n"
            + "  (select string_agg(cast(id as text), ',' order by valid_from, id) from lp where change_kind = 'relicense' and valid_from > :lo24 and level > prev_level and steward_type = 'company'),\n"
            + "  count(*) filter (where valid_from > :lo24 and prev_expression is not null),\n"
            + "  count(*) filter (where valid_from > :lo24 and prev_expression is not null and level is not null and prev_level is not null),\n"
            // license_capture (v2, section 3): 0 for levels 0-3, 0.5 for 4, 1 for 5-7, over the current artifacts of known level.
            + "  (select max(case when level <= 3 then 0.0 when level = 4 then 0.5 else 1.0 end) from cur where level is not null),\n"
            // restrictive_license_in_force (v2, section 3): a current artifact at 5-7 whose first rise to 5-7 after its last
            // period at 0-3 was a relicense; the earliest such relicense with the steward's type on its date.
            + "  (select concat_ws('|', f.id, f.valid_from, coalesce(f.steward_type, ''), f.artifact) from cur c cross join lateral (\n"
            + "      select p.* from lp p where p.artifact = c.artifact and p.level >= 5 and p.valid_from > coalesce(\n"
            + "        (select max(o.valid_from) from lp o where o.artifact = c.artifact and o.level <= 3), date '0001-01-01')\n"
            + "      order by p.valid_from, p.id limit 1) f\n"
            + "    where c.level >= 5 and f.change_kind = 'relicense' order by (f.steward_type = 'company') desc, f.valid_from, f.id limit 1),\n"
            + "  (select count(*) from cur where level >= 5)\n"
            + "from lp";

    /**
     * Version 2 (METHODOLOGY.md sections 2, 3 and 5, named artifacts): each named artifact is its own line of
     * periods; the reading is over the family's current artifacts ({@code license_current_artifacts}, V014: 24
     * months after an artifact's first period, and while it is the newest of its kind, unless a curator closed
     * it); a new release is restrictive when it comes in above the family's most open member in force.
     */
    private static final String LICENSE_V2 = LICENSE
            .replace("with lp as (\n  select l.id, l.artifact, l.expression,", "with lp0 as (\n  select l.id, l.artifact, l.artifact_name, l.expression,")
            .replace("window w as (partition by l.artifact order by", "window w as (partition by l.artifact, l.artifact_name order by")
            .replace("), cur as (select distinct on (artifact) * from lp order by artifact, valid_from desc, id desc)\n",
                    "), lp as (select n.*, (select min(x.level) from lp0 x where x.artifact = n.artifact and x.artifact_name <> n.artifact_name\n"
                    + "      and x.valid_from < n.valid_from and not exists (select 1 from lp0 y where y.artifact = x.artifact\n"
                    + "        and y.artifact_name = x.artifact_name and y.valid_from > x.valid_from and y.valid_from < n.valid_from)) as family_min\n"
                    + "  from lp0 n\n"
                    + "), cur as (select lp.* from lp join license_current_artifacts(cast(:project as bigint), cast(:asof as timestamptz),"
                    + " cast(:day as date)) c on c.id = lp.id)\n")
            .replace("count(*) filter (where change_kind = 'new-release' and valid_from > :lo_day and level > prev_level)",
                    "count(*) filter (where change_kind = 'new-release' and valid_from > :lo_day and level > family_min)")
            .replace("where change_kind in ('relicense', 'new-release') and valid_from > :lo_day and level > prev_level)",
                    "where ((change_kind = 'relicense' and level > prev_level) or (change_kind = 'new-release' and level > family_min))"
                    + " and valid_from > :lo_day)")
            .replace("where p.artifact = c.artifact and p.level >= 5", "where p.artifact = c.artifact and p.artifact_name = c.artifact_name and p.level >= 5")
            .replace("where o.artifact = c.artifact and o.level <= 3", "where o.artifact = c.artifact and o.artifact_name = c.artifact_name and o.level <= 3")
            .replace("coalesce(f.steward_type, ''), f.artifact)", "coalesce(f.steward_type, ''), f.artifact || coalesce(nullif(':' || f.artifact_name, ':'), ''))");

    private static final String ADOPTION = "with recursive pubs as (\n"
            + "  select d.id, d.relation, d.publisher_organisation_id, d.publisher_contributor_id from derivative d\n"
            + "  where d.project_id = :project and " + visible("d") + " and (d.published_at is null or d.published_at <= :day)\n"
            + "), " + rollup("select publisher_organisation_id as org, cast(:day as date) as day from pubs") + "\n"
            + "select\n"
            + " (select count(distinct a.organisation_id) from adopter a where a.project_id = :project and " + visible("a") + " and (a.since is null or a.since <= :day)),\n"
            + " (select count(distinct a.organisation_id) from adopter a join organisation_version v on v.id = a.organisation_id and " + visible("v")
            + "    where a.project_id = :project and " + visible("a") + " and (a.since is null or a.since <= :day) and v.type = 'company'),\n"
            + " exists (select 1 from adopter a where a.project_id = :project and " + visible("a") + "),\n"
            + " (select coalesce(bool_or(" + uncertain("a.since", "a.date_precision") + "), false) from adopter a where a.project_id = :project and " + visible("a") + " and a.since is not null),\n"
            + " (select count(*) from pubs),\n"
            + " (select cast(json_object_agg(relation, n) as text) from (select relation, count(*) as n from pubs group by relation) r),\n"
            + " exists (select 1 from derivative d where d.project_id = :project and " + visible("d") + "),\n"
            + " (select count(distinct coalesce(o.key, 'independent:' || p.publisher_contributor_id)) from pubs p\n"
            + "    left join tops t on t.org = p.publisher_organisation_id left join organisation o on o.id = t.top\n"
            + "    where p.publisher_organisation_id is not null or p.publisher_contributor_id is not null),\n"
            + " (select count(*) from pubs where publisher_organisation_id is not null or publisher_contributor_id is not null),\n"
            + " (select sum(c.downloads) from download_count c where c.project_id = :project and " + visible("c") + " and c.period_to > :lo_day and c.period_to <= :day),\n"
            + " (select count(*) from download_count c where c.project_id = :project and " + visible("c") + " and c.period_to > :lo_day and c.period_to <= :day),\n"
            + " exists (select 1 from download_count c where c.project_id = :project and " + visible("c") + "),\n"
            + " exists (select 1 from download_count c where c.project_id = :project and " + visible("c") + " and c.period_to > :lo_day and c.period_to <= :day and c.period_from <= :lo_day),\n"
            + " (select count(*) filter (where status <> 'unknown') from openness_component c where c.project_id = :project and " + visible("c") + "),\n"
            + " (select avg(case status when 'open' then 1.0 when 'partial' then 0.5 when 'closed' then 0.0 end) from openness_component c where c.project_id = :project and " + visible("c") + ")";

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

    private List<Object[]> rows(String sql, Scope scope, Steps steps) {
        String inner = lateral(sql);
        Query q = em.createNativeQuery(inner);
        if (inner.contains(":project")) {
            q.setParameter("project", scope.projectId());
        }
        if (inner.contains(":asof")) {
            q.setParameter("asof", scope.recordedOn());
        }
        steps.bind(q);
        List<Object[]> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            out.add((Object[]) row);
        }
        if (out.size() != steps.days.size()) {
            throw new IllegalStateException("expected " + steps.days.size() + " steps, got " + out.size());
        }
        return out;
    }

    /**
     * The group's values at each of {@code days}, in the same order (see {@link IndicatorGroup}).
     * {@code topOrgs} is the contribution group's {@code top_org} at each day (null when unknown):
     * {@code walkaway_maintainers} counts the maintainer seats outside it. The caller passes it
     * rather than this group computing the commit aggregates a second time.
     */
    public List<Values> compute(Scope scope, List<LocalDate> days, List<String> topOrgs) {
        Steps steps = new Steps(days, scope.window());
        List<Object[]> seats = rows(SEATS, scope, steps.withTopOrgs(topOrgs.stream().map(t -> t == null ? "" : t).toList()));
        List<Object[]> flags = rows(FLAGS, scope, steps);
        List<Object[]> funding = rows(scope.methodology().number() >= 2 ? FUNDING_V2 : FUNDING, scope, steps);
        List<Object[]> license = rows(scope.methodology().number() >= 2 ? LICENSE_V2 : LICENSE, scope, steps);
        List<Object[]> adoption = rows(ADOPTION, scope, steps);
        List<Values> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Values v = new Values(scope.methodology());
            governance(seats.get(i), flags.get(i), v, topOrgs.get(i));
            funding(funding.get(i), v);
            license(license.get(i), v);
            adoption(adoption.get(i), v);
            out.add(v);
        }
        return out;
    }

    private void governance(Object[] r, Object[] f, Values out, String topOrg) {
        long total = l(r[0]), known = l(r[1]), company = l(r[2]), orgs = l(r[3]), topCount = l(r[5]);
        long maintainers = l(r[7]), maintainersKnown = l(r[8]), maintainersNotTop = l(r[9]);
        boolean anyBody = (Boolean) r[10];
        double cov = Values.coverage(known, total);
        Map<String, Object> top = Values.detail("organisation", r[4], "seats", topCount, "known", known, "total", total);
        out.put("seats_total", anyBody ? total : null, anyBody ? 1.0 : 0.0, total);
        out.put("seat_orgs", known == 0 ? null : orgs, cov, known);
        out.put("corporate_seat_share", Values.share(company, known), cov, known, List.of(), Values.detail("company", company, "known", known));
        out.put("top_org_seat", known == 0 ? null : r[4], cov, known, List.of(), top);
        Map<String, Object> shareDetail = new java.util.LinkedHashMap<>(top);
        shareDetail.put("largestBodyShare", known == 0 ? null : r[11] == null ? 0.0 : ((Number) r[11]).doubleValue());
        out.put("top_org_seat_share", known == 0 ? null : (double) topCount / known, cov, known, List.of(), shareDetail);
        out.put("seat_hhi", known == 0 || r[6] == null ? null : ((Number) r[6]).doubleValue(), cov, known);
        out.put("walkaway_maintainers", maintainersKnown == 0 || topOrg == null ? null : maintainersNotTop,
                Values.coverage(maintainersKnown, maintainers), maintainers, List.of(),
                Values.detail("topOrganisation", topOrg, "maintainerSeats", maintainers, "known", maintainersKnown));

        String stewardType = (String) f[0];
        out.put("foundation_hosted", stewardType == null ? null : "foundation".equals(stewardType), stewardType == null ? 0.0 : 1.0,
                stewardType == null ? 0 : 1, List.of(), Values.detail("steward", f[4], "stewardType", stewardType));
        boolean relicensing = (Boolean) f[1], introduced = (Boolean) f[2];
        out.put("cla_relicensing", relicensing ? Boolean.TRUE : introduced ? Boolean.FALSE : null,
                relicensing || introduced ? 1.0 : 0.0, relicensing || introduced ? 1 : 0);
        out.put("trademark_holder_type", f[3], f[3] == null ? 0.0 : 1.0, f[3] == null ? 0 : 1);
    }

    private void funding(Object[] r, Values out) {
        long recorded = l(r[0]), inWindow = l(r[1]), summable = l(r[2]);
        Double funderSum = d(r[3]), roundSum = d(r[4]);
        long funders = l(r[5]), scoped = l(r[6]);
        Double scopedSum = d(r[7]), companySum = d(r[8]);
        String topKey = (String) r[9];
        Double topUsd = d(r[10]), hhi = d(r[11]);
        List<String> flags = Boolean.TRUE.equals(r[12]) ? List.of("date_uncertain") : List.of();
        List<Long> eventIds = ids((String) r[13]);
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
        long verifiedEvents = l(r[15]);
        double verifiedUsd = (scopedSum == null ? 0.0 : scopedSum) + (roundSum == null ? 0.0 : roundSum);
        double byMoney = verifiedUsd == 0 ? 0.0 : (scopedSum == null ? 0.0 : scopedSum) / verifiedUsd
                * Values.coverage(verifiedEvents, inWindow);
        for (String name : List.of("corporate_funding_share", "top_funder", "top_funder_share", "funder_hhi")) {
            IndicatorValue v = out.values().get(name);
            out.put(name, v.value(), byMoney, v.n(), v.flags(), v.detail());
        }
        Double reported = d(r[14]);
        out.put("funding_reported_usd", reported == null ? null : Values.round2(reported), reported == null ? 0.0 : 1.0, inWindow,
                flags, Values.detail("events", eventIds));
    }

    private void license(Object[] r, Values out) {
        long artifacts = l(r[0]), knownArtifacts = l(r[1]);
        Number lower = (Number) r[2], upper = (Number) r[3];
        long relicenses = l(r[4]), releases = l(r[5]), changes = l(r[6]), knownChanges = l(r[7]), company24 = l(r[8]);
        List<String> flags = Boolean.TRUE.equals(r[9]) ? List.of("date_uncertain") : List.of();
        List<Long> ids = ids((String) r[10]);
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
        long changes24 = l(r[12]), knownChanges24 = l(r[13]);
        boolean count24Unknown = artifacts == 0 || knownChanges24 < changes24;
        out.put("company_restrictive_relicenses_24m", count24Unknown && company24 == 0 ? null : company24,
                artifacts == 0 ? 0.0 : changes24 == 0 ? 1.0 : Values.coverage(knownChanges24, changes24), changes24,
                List.of(), Values.detail("periods", ids((String) r[11])));
        if (out.methodologyVersion() < 2) {
            return;
        }
        double artifactCoverage = Values.coverage(knownArtifacts, artifacts);
        out.put("license_capture", artifacts == 0 || r[14] == null ? null : ((Number) r[14]).doubleValue(), artifactCoverage,
                artifacts, List.of(), Values.detail("lower", lower, "upper", upper));
        String[] via = r[15] == null ? null : ((String) r[15]).split("\\|", -1);
        long restrictive = l(r[16]);
        // True wins over an unknown artifact (one artifact held by a relicense decides); false needs every level known.
        Boolean inForce = via != null ? Boolean.TRUE : artifacts == 0 || knownArtifacts < artifacts ? null : Boolean.FALSE;
        Map<String, Object> viaDetail = via == null ? Values.detail("restrictiveArtifacts", restrictive)
                : Values.detail("period", Long.parseLong(via[0]), "from", via[1], "stewardType", via[2].isEmpty() ? null : via[2],
                "artifact", via[3], "restrictiveArtifacts", restrictive);
        out.put("restrictive_license_in_force", inForce, inForce == null ? 0.0 : 1.0, artifacts, List.of(), viaDetail);
        Long byCompany = inForce == null ? null : via != null && "company".equals(via[2]) ? 1L : 0L;
        out.put("company_restrictive_license_in_force", byCompany, inForce == null ? 0.0 : 1.0, artifacts, List.of(), viaDetail);
    }

    private void adoption(Object[] r, Values out) {
        boolean anyAdopter = (Boolean) r[2];
        List<String> adopterFlags = Boolean.TRUE.equals(r[3]) ? List.of("date_uncertain") : List.of();
        out.put("adopter_orgs", anyAdopter ? l(r[0]) : null, anyAdopter ? 1.0 : 0.0, l(r[0]), adopterFlags, null);
        out.put("corporate_adopters", anyAdopter ? l(r[1]) : null, anyAdopter ? 1.0 : 0.0, l(r[0]), adopterFlags, null);
        boolean anyDerivative = (Boolean) r[6];
        long derivatives = l(r[4]);
        out.put("derivatives", anyDerivative ? derivatives : null, anyDerivative ? 1.0 : 0.0, derivatives, List.of(),
                Values.detail("byRelation", relations((String) r[5])));
        long attributed = l(r[8]);
        out.put("derivative_orgs", anyDerivative ? l(r[7]) : null, Values.coverage(attributed, derivatives), derivatives);
        boolean anyDownloads = (Boolean) r[11];
        out.put("downloads", anyDownloads ? l(r[9]) : null, anyDownloads ? 1.0 : 0.0, l(r[10]),
                Boolean.TRUE.equals(r[12]) ? List.of("date_uncertain") : List.of(), null);
        long knownComponents = l(r[13]);
        out.put("openness", knownComponents == 0 ? null : d(r[14]), (double) knownComponents / OPENNESS_COMPONENTS, knownComponents);
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

    private static long l(Object o) {
        return o == null ? 0L : ((Number) o).longValue();
    }

    private static Double d(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }
}
