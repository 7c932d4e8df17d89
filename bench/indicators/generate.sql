-- Synthetic data for the indicator benchmark: 500 organisations (some with parents), 1,000
-- projects, 50,000 contributors with one identity each, affiliations with periods, 5,000,000
-- contributions (skewed: project 1 is the largest), governance seats, funding and license periods.
-- Run on a freshly migrated, empty database. Deterministic (setseed).
\timing on
select setseed(0.42);
set maintenance_work_mem = '512MB';
set work_mem = '256MB';

insert into organisation (id, key) overriding system value
select g, 'org-' || g from generate_series(1, 500) g;
insert into organisation_version (id, name, type, source_kind, confidence)
select g, 'Organisation ' || g,
       case when g % 10 < 7 then 'company' when g % 10 = 7 then 'foundation' when g % 10 = 8 then 'academic' else 'nonprofit' end,
       'import', 'verified'
from generate_series(1, 500) g;
-- 50 acquisitions: organisation 401..450 gets parent 1..50 from a date between 2017 and 2024.
insert into organisation_parent (organisation_id, parent_id, valid_from, source_kind, confidence)
select g, g - 400, date '2017-01-01' + (g * 53) % 2900, 'import', 'verified' from generate_series(401, 450) g;

insert into project (id, slug) overriding system value
select g, 'bench-' || g from generate_series(1, 1000) g;
insert into project_version (id, name, kind, origin, source_kind, confidence)
select g, 'Bench project ' || g, 'library', case when g % 5 = 0 then 'corporate' else 'community' end, 'import', 'verified'
from generate_series(1, 1000) g;
insert into project_steward (project_id, organisation_id, valid_from, source_kind, confidence)
select g, 1 + (g * 7) % 500, date '2015-01-01', 'import', 'verified' from generate_series(1, 1000) g;

insert into contributor (id) overriding system value select g from generate_series(1, 50000) g;
insert into contributor_version (id, display_name, source_kind, confidence)
select g, 'Person ' || g, 'import', 'verified' from generate_series(1, 50000) g;
insert into identity (id, email) overriding system value
select g, 'person' || g || '@example.org' from generate_series(1, 50000) g;
insert into identity_link (id, contributor_id, is_bot, source_kind, confidence)
select g, g, g % 100 = 0, 'import', 'verified' from generate_series(1, 50000) g;

-- Affiliations: 10% none (unknown), 10% independent, the rest an organisation; 30% of those change
-- organisation on a date between 2017 and 2024.
insert into affiliation (contributor_id, organisation_id, valid_from, valid_to, source_kind, confidence)
select g, case when g % 10 = 1 then null else 1 + (g * 31) % 500 end, date '2010-01-01',
       case when g % 10 >= 7 then date '2017-01-01' + (g * 17) % 2900 end, 'import', 'verified'
from generate_series(1, 50000) g where g % 10 <> 0;
insert into affiliation (contributor_id, organisation_id, valid_from, source_kind, confidence)
select g, 1 + (g * 47) % 500, date '2017-01-01' + (g * 17) % 2900 + 1, 'import', 'verified'
from generate_series(1, 50000) g where g % 10 >= 7;

-- Governance: a maintainers body for the first 200 projects, 6 seats each (5 persons, 1 organisation).
insert into governance_body (project_id, kind, name, source_kind, confidence)
select g, 'maintainers', 'Maintainers of bench-' || g, 'import', 'verified' from generate_series(1, 200) g;
insert into governance_seat (body_id, holder_contributor_id, valid_from, source_kind, confidence)
select b.id, 1 + (b.project_id * 37 + k * 11) % 50000, date '2018-01-01', 'import', 'verified'
from governance_body b, generate_series(1, 5) k;
insert into governance_seat (body_id, holder_organisation_id, valid_from, source_kind, confidence)
select b.id, 1 + b.project_id % 500, date '2019-06-01', 'import', 'verified' from governance_body b;

-- Funding: 5,000 events to projects, USD, most with a funder amount.
insert into funding_event (funder_organisation_id, recipient_project_id, type, amount, currency, amount_scope, event_date,
                           source_kind, confidence)
select 1 + (g * 13) % 500, 1 + floor(1000 * power(random(), 2))::int, case when g % 3 = 0 then 'donation' else 'grant' end,
       1000 + (g * 97) % 100000, 'USD', case when g % 10 = 0 then 'round' else 'funder' end,
       date '2016-01-01' + floor(random() * 3650)::int, 'import', 'verified'
from generate_series(1, 5000) g;

-- Licenses: an initial code license for every project; 10% relicense to a restrictive one.
insert into license_period (project_id, artifact, expression, valid_from, change_kind, level, source_kind, confidence)
select g, 'code', 'MIT', date '2015-01-01', 'initial', 1, 'import', 'verified' from generate_series(1, 1000) g;
insert into license_period (project_id, artifact, expression, valid_from, change_kind, level, source_kind, confidence)
select g, 'code', 'BUSL-1.1', date '2019-01-01' + (g * 29) % 2000, 'relicense', 5, 'import', 'verified'
from generate_series(1, 1000) g where g % 10 = 0;

-- Contributions: 5,000,000 over 2016-2025. Secondary indexes are dropped for the load and rebuilt
-- (their definitions are kept), foreign keys are not checked row by row (replica role): the
-- generated ids are consistent by construction.
create temp table saved_indexes as
select indexname, indexdef from pg_indexes
where schemaname = 'public' and tablename = 'contribution' and indexname <> 'contribution_pkey';
do $$ declare r record; begin
  for r in select indexname from saved_indexes loop execute 'drop index ' || quote_ident(r.indexname); end loop;
end $$;
set session_replication_role = replica;
insert into contribution (project_id, identity_id, kind, at, reference, source_kind)
select p, 1 + (p * 37 + floor(power(random(), 2) * 3000)::int) % 50000,
       k, timestamptz '2016-01-01 00:00:00+00' + random() * interval '3652 days', 'ref-' || g,
       case when k = 'merge' then 'github' else 'git' end
from (select g, 1 + floor(1000 * power(random(), 2))::int as p,
             case when g % 20 < 16 then 'commit' when g % 20 < 18 then 'merge' when g % 20 = 18 then 'review' else 'issue' end as k
      from generate_series(1, 5000000) g) x;
set session_replication_role = origin;
do $$ declare r record; begin
  for r in select indexdef from saved_indexes loop execute r.indexdef; end loop;
end $$;

-- The load bypassed the triggers that keep contribution_attribution (V005) current: rebuild it,
-- with statistics that know the tables are no longer empty.
analyze;
select contribution_attribution_rebuild();

-- Continue the sequences after the explicit ids.
select setval(pg_get_serial_sequence('organisation', 'id'), 500);
select setval(pg_get_serial_sequence('project', 'id'), 1000);
select setval(pg_get_serial_sequence('contributor', 'id'), 50000);
select setval(pg_get_serial_sequence('identity', 'id'), 50000);
insert into data_version (scope, version, changed_at) values ('global', nextval('data_version_seq'), now())
on conflict (scope) do update set version = excluded.version, changed_at = excluded.changed_at;
vacuum analyze;
select count(*) as contributions, max(n) as largest_project from (select project_id, count(*) as n from contribution group by 1) x;
