-- Methodology version 2: a fork beside its upstream at each step (forks as counter-power).
-- Parameters: :project (the fork), :asof (the "as recorded on" instant) and one step's :day, :lo_day, :lo24, :top_org (ForkIndicators runs the statement at every step in one round trip; only :day is read).
-- Rules: METHODOLOGY.md version 2 section 7, "Forks". The link is the fork's project record (upstream, fork point commit and date) beside its `fork` governance event. The fork's own work is its commits after the fork point: a commit whose sha the upstream also records is the upstream's, never the fork's (the git collector skips the fork point's history; this guards a collection made without it).
-- Output columns (read by alias; one line each: column: the indicators it feeds | the METHODOLOGY line it implements):
-- column upstream: fork_response_days, fork_foundation_hosted, fork_carried_people | METHODOLOGY section 7 Forks: a fork event linking a fork to its upstream (the upstream project's slug; null when the project is not a fork)
-- column fork_point_commit: fork_carried_people | METHODOLOGY section 7 Forks: the fork point (commit)
-- column fork_point_date: fork_carried_people | METHODOLOGY section 7 Forks: the fork point (the date of its commit; the fork event's date when none is recorded)
-- column fork_event: fork_response_days | METHODOLOGY section 7 Forks: the fork event (id), the earliest recorded on or before `at`
-- column fork_date: fork_response_days | METHODOLOGY section 7 Forks: fork_response_days, the fork event's date
-- column relicense_period: fork_response_days | METHODOLOGY section 7 Forks: fork_response_days, the upstream's restrictive relicense (the latest period on or before the fork that raised an artifact's level to 4-7 by a relicense)
-- column relicense_date: fork_response_days | METHODOLOGY section 7 Forks: fork_response_days, from the upstream's restrictive relicense to the fork
-- column relicense_precision: fork_response_days | METHODOLOGY section 3 Time: date_uncertain when the relicense is dated only to a month or a year
-- column steward_type: fork_foundation_hosted | METHODOLOGY section 7 Forks: fork_foundation_hosted, the fork's steward at `at` is a foundation
-- column steward: fork_foundation_hosted | METHODOLOGY section 7 Forks: fork_foundation_hosted (detail: the steward)
-- column upstream_top: fork_carried_people | METHODOLOGY section 7 Forks: fork_carried_people, the upstream's top 20 contributors (commits) of the 24 months before the fork, ties by contributor id
-- column carried: fork_carried_people | METHODOLOGY section 7 Forks: fork_carried_people, those of them who commit to the fork in the 12 months after it
-- column upstream_commits: fork_carried_people | METHODOLOGY section 3 "Every value": null, never 0, when the upstream's commits are not collected
-- column fork_commits: fork_carried_people | METHODOLOGY section 3 "Every value": null, never 0, when the fork's commits are not collected
-- column shared_commits: fork_carried_people | METHODOLOGY section 7 Forks: commits the fork's collection holds that the upstream also records (the upstream's, left out)
-- column fork_reach: fork_carried_people | METHODOLOGY section 3 Collected through: how far the fork's collection reaches (null when none is recorded); the 12 months after the fork must lie within it
-- column upstream_reach: fork_carried_people | METHODOLOGY section 3 Collected through: how far the upstream's collection reaches (null when none is recorded); the fork point must lie within it
with fk as (
  select v.upstream_project_id as upstream_id, (select p.slug from project p where p.id = v.upstream_project_id) as upstream,
         v.fork_point_commit, v.fork_point_date
  from project_version v
  where v.id = :project and v.upstream_project_id is not null and visible_at(v.recorded_at, v.superseded_at, :asof)
), ev as (
  select e.id, e.event_date from governance_event e
  where e.project_id = :project and e.kind = 'fork' and e.event_date <= :day and visible_at(e.recorded_at, e.superseded_at, :asof)
  order by e.event_date, e.id limit 1
), day0 as (
  select fk.*, coalesce(fk.fork_point_date, (select event_date from ev)) as fork_day from fk
), upstream_periods as (
  select l.id, l.valid_from, l.date_precision, l.change_kind, pl.level,
         lag(pl.level) over (partition by l.artifact, l.artifact_name order by l.valid_from, l.id) as prev_level
  from fk cross join license_periods_effective(fk.upstream_id, cast(:asof as timestamptz)) l
  left join license_period_level pl on pl.period_row_id = l.row_id and pl.methodology_version = 2
), rel as (
  select u.id, u.valid_from, u.date_precision from upstream_periods u
  where u.change_kind = 'relicense' and u.level >= 4 and u.level > u.prev_level
    and u.valid_from <= coalesce((select event_date from ev), cast(:day as date))
  order by u.valid_from desc, u.id desc limit 1
), upstream_work as (
  select l.contributor_id, count(*) as cnt
  from day0 d cross join contribution c
  join identity_link l on l.id = c.identity_id and visible_at(l.recorded_at, l.superseded_at, :asof)
  where c.project_id = d.upstream_id and c.kind = 'commit' and not l.is_bot
    and c.at > (cast(cast(d.fork_day - interval '24 months' as date) + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and c.at <= (cast(d.fork_day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and visible_at(c.recorded_at, c.superseded_at, :asof)
  group by l.contributor_id
), top20 as (
  select contributor_id from upstream_work order by cnt desc, contributor_id limit 20
), fork_work as (
  select distinct l.contributor_id
  from day0 d cross join contribution c
  join identity_link l on l.id = c.identity_id and visible_at(l.recorded_at, l.superseded_at, :asof)
  where c.project_id = :project and c.kind = 'commit' and not l.is_bot
    and c.at > (cast(d.fork_day + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and c.at <= (cast(cast(d.fork_day + interval '12 months' as date) + 1 as timestamp) - interval '1 microsecond') at time zone 'UTC'
    and visible_at(c.recorded_at, c.superseded_at, :asof)
    and not exists (select 1 from contribution u where u.project_id = d.upstream_id and u.kind = c.kind and u.reference = c.reference
      and visible_at(u.recorded_at, u.superseded_at, :asof))
)
select (select upstream from fk) as upstream, (select fork_point_commit from fk) as fork_point_commit,
  (select fork_day from day0) as fork_point_date,
  (select id from ev) as fork_event, (select event_date from ev) as fork_date,
  (select id from rel) as relicense_period, (select valid_from from rel) as relicense_date, (select date_precision from rel) as relicense_precision,
  (select v.type from project_steward s join organisation_version v on v.id = s.organisation_id and visible_at(v.recorded_at, v.superseded_at, :asof)
     where s.project_id = :project and visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= :day) and (s.valid_to is null or s.valid_to >= :day)) limit 1) as steward_type,
  (select o.key from project_steward s join organisation o on o.id = s.organisation_id
     where s.project_id = :project and visible_at(s.recorded_at, s.superseded_at, :asof) and ((s.valid_from is null or s.valid_from <= :day) and (s.valid_to is null or s.valid_to >= :day)) limit 1) as steward,
  (select count(*) from top20) as upstream_top,
  (select count(*) from top20 t where t.contributor_id in (select contributor_id from fork_work)) as carried,
  (select count(*) from day0 d cross join contribution c where c.project_id = d.upstream_id and c.kind = 'commit'
     and visible_at(c.recorded_at, c.superseded_at, :asof)) as upstream_commits,
  (select count(*) from fk cross join contribution c where c.project_id = :project and c.kind = 'commit'
     and visible_at(c.recorded_at, c.superseded_at, :asof)) as fork_commits,
  (select count(*) from fk cross join contribution c where c.project_id = :project and c.kind = 'commit'
     and visible_at(c.recorded_at, c.superseded_at, :asof)
     and exists (select 1 from contribution u where u.project_id = fk.upstream_id and u.kind = c.kind and u.reference = c.reference
       and visible_at(u.recorded_at, u.superseded_at, :asof))) as shared_commits,
  (select max(r.collected_through) from (select distinct on (x.repository_url) x.collected_through from repository_collected_through x
     where x.project_id = :project and x.recorded_at <= :asof order by x.repository_url, x.recorded_at desc, x.id desc) r) as fork_reach,
  (select max(r.collected_through) from fk cross join lateral (select distinct on (x.repository_url) x.collected_through
     from repository_collected_through x where x.project_id = fk.upstream_id and x.recorded_at <= :asof
     order by x.repository_url, x.recorded_at desc, x.id desc) r) as upstream_reach
