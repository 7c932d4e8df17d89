-- Methodology version 2: funding of the project and of its steward on the date of each event, at each step.
-- Parameters: :project, :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (FactIndicators.lateral runs the statement at every step in one round trip).
-- Amounts convert to USD by this version's own rate table (methodology/v2/currency-rates.json, table methodology_currency_rate, migration V029).
-- Rules: METHODOLOGY.md version 2 section 3, "Funding": only amounts whose own confidence is verified are summed (`usd` is null for a reported event; press_usd holds reported amounts), coverage by money.
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column recorded: funding_total_usd, funder_count | METHODOLOGY section 3 Funding: null, never 0, when no funding of the project or its steward is recorded
-- column in_window: funding_total_usd, corporate_funding_share, top_funder_share, funder_hhi | METHODOLOGY section 3 Funding: events in the window (the coverage's denominator)
-- column summable: funding_total_usd | METHODOLOGY section 3 Funding: funding_total_usd, events with an amount and a scope
-- column funder_usd: funding_total_usd | METHODOLOGY section 3 Funding: funding_total_usd, funder-scoped amounts in USD by the version's rate table
-- column round_usd: funding_total_usd | METHODOLOGY section 3 Funding: funding_total_usd, a `round` amount counts once
-- column funders: funder_count | METHODOLOGY section 3 Funding: funder_count, distinct funders of events in the window plus memberships and sponsorships active at `at`
-- column scoped: corporate_funding_share, top_funder, top_funder_share, funder_hhi | METHODOLOGY section 3 Funding: shares over amounts with scope `funder`
-- column scoped_usd: corporate_funding_share, top_funder_share, funder_hhi | METHODOLOGY section 3 Funding: the funder-scoped USD, the shares' denominator
-- column company_usd: corporate_funding_share | METHODOLOGY section 3 Funding: corporate_funding_share
-- column top_funder: top_funder | METHODOLOGY section 3 Funding: top_funder (ties by key)
-- column top_funder_usd: top_funder_share | METHODOLOGY section 3 Funding: top_funder_share
-- column funder_hhi: funder_hhi | METHODOLOGY section 3 Funding: funder_hhi
-- column date_uncertain: funding_total_usd, funder_count, corporate_funding_share, top_funder_share, funder_hhi | METHODOLOGY section 3 Time: a record dated to a month or a year is flagged date_uncertain when a window edge cuts its interval
-- column event_ids: funding_total_usd, corporate_funding_share | METHODOLOGY section 3 Funding: the events behind the figures (detail events)
-- column reported_usd: funding_reported_usd | METHODOLOGY section 3 Funding: a `reported` amount is shown in funding_reported_usd, never in a share
-- column verified_events: corporate_funding_share, top_funder, top_funder_share, funder_hhi | METHODOLOGY section 3 Funding: their coverage is by money, times the share of events in the window that have a verified amount
with ev as (
  select f.id, f.funder_organisation_id as funder, f.type, f.amount, f.currency, f.amount_scope, f.event_date,
         f.date_precision, f.period_from, f.period_to, coalesce(f.recipient_project_id, -f.recipient_organisation_id) as recipient,
         coalesce(case when f.reported_currency = 'USD' then f.reported_amount else f.reported_amount * (select r.usd_per_unit from methodology_currency_rate r where r.methodology_version = 2 and r.currency = f.reported_currency order by abs(r.year - extract(year from f.event_date)), r.year desc limit 1) end, 0) + case when f.confidence <> 'verified' then coalesce(case when f.currency = 'USD' then f.amount else f.amount * (select r.usd_per_unit from methodology_currency_rate r where r.methodology_version = 2 and r.currency = f.currency order by abs(r.year - extract(year from f.event_date)), r.year desc limit 1) end, 0) else 0 end as press_usd,
         case when f.confidence <> 'verified' then null when f.currency = 'USD' then f.amount else f.amount * (select r.usd_per_unit from methodology_currency_rate r
           where r.methodology_version = 2 and r.currency = f.currency order by abs(r.year - extract(year from f.event_date)), r.year desc limit 1) end as usd
  from funding_event f
  where f.row_id in (select x.row_id from funding_event x where x.recipient_project_id = :project
      union all select x.row_id from project_steward s join funding_event x on x.recipient_organisation_id = s.organisation_id
      where s.project_id = :project)
    and visible_at(f.recorded_at, f.superseded_at, :asof) and f.event_date <= :day and (f.recipient_project_id = :project or exists (
      select 1 from project_steward s where s.project_id = :project and s.organisation_id = f.recipient_organisation_id
        and visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= f.event_date) and (s.valid_to is null or s.valid_to >= f.event_date))))
), tops as (
  -- each funder's top-level parent on the event's day, all pairs at once (top_organisations, V065)
  select t.organisation_id as org, t.on_day as day, t.top_organisation_id as top
  from (select array_agg(funder) as orgs, array_agg(event_date) as days from ev where funder is not null) s
  cross join lateral top_organisations(s.orgs, s.days, :asof) t
),
rows as (
  select ev.*, ev.event_date > :lo_day as in_window, o.key as funder_key, ft.type as funder_type
  from ev join tops t on t.org = ev.funder and t.day = ev.event_date join organisation o on o.id = t.top
  left join organisation_version ft on ft.id = ev.funder and visible_at(ft.recorded_at, ft.superseded_at, :asof)
), shares as (select funder_key, sum(usd) as usd from rows where in_window and amount_scope = 'funder' and usd is not null group by funder_key),
top_funder as (select funder_key, usd from shares order by usd desc, funder_key limit 1),
rounds as (select distinct recipient, event_date, amount, currency, usd from rows where in_window and amount_scope = 'round' and usd is not null)
select
  (select count(*) from ev) as recorded,
  (select count(*) from rows where in_window) as in_window,
  (select count(*) from rows where in_window and amount_scope is not null and usd is not null) as summable,
  (select sum(usd) from rows where in_window and amount_scope = 'funder') as funder_usd, (select sum(usd) from rounds) as round_usd,
  (select count(distinct funder_key) from rows where in_window or (type in ('membership', 'sponsorship')
      and (period_from is null or period_from <= :day) and (period_to is null or period_to >= :day))) as funders,
  (select count(*) from rows where in_window and amount_scope = 'funder' and usd is not null) as scoped,
  (select sum(usd) from rows where in_window and amount_scope = 'funder' and usd is not null) as scoped_usd,
  (select sum(usd) from rows where in_window and amount_scope = 'funder' and usd is not null and funder_type = 'company') as company_usd,
  (select funder_key from top_funder) as top_funder, (select usd from top_funder) as top_funder_usd,
  (select sum(power(s.usd / nullif((select sum(usd) from shares), 0), 2)) from shares s) as funder_hhi,
  (select coalesce(bool_or(((event_date <= :lo_day and (case date_precision when 'month' then cast(event_date + interval '1 month' - interval '1 day' as date) when 'year' then cast(event_date + interval '1 year' - interval '1 day' as date) else event_date end) > :lo_day) or (event_date <= :day and (case date_precision when 'month' then cast(event_date + interval '1 month' - interval '1 day' as date) when 'year' then cast(event_date + interval '1 year' - interval '1 day' as date) else event_date end) > :day))), false) from rows) as date_uncertain,
  (select string_agg(cast(id as text), ',' order by event_date, id) from rows where in_window) as event_ids,
  (select nullif(sum(coalesce(press_usd, 0)), 0) from rows where in_window) as reported_usd,
  (select count(*) from rows where in_window and usd is not null) as verified_events
