-- Issue #22: the attribution rule (METHODOLOGY.md section 2) in one place. It has two parts, each now
-- written once, in one function:
--   affiliation_on(contributor, day, as_of): the contributor's affiliation whose period covers the day,
--     the most trusted source tier first, then the oldest record; one row (known, organisation_id,
--     a null organisation for an independent) or none (unknown);
--   top_organisation_on(organisation, day, as_of) (V064, unchanged): that organisation rolled up to its
--     top-level parent on the day, at most 10 levels.
-- attribution_on (V064) is now the two composed. Until this migration the first part was also written
-- out in v2's walkaway.sql and bodies.sql (three times), and the roll-up in walkaway.sql and in
-- top_organisations (V065), a second text of top_organisation_on's recursion. walkaway and bodies now
-- call affiliation_on per distinct (contributor, day) and top_organisation_on per distinct
-- (organisation, day), as every other v2 statement does; bench/RESULTS.md has the measurement.
--
-- top_organisations (V065) is nothing but top_organisation_on over a set of pairs now. No statement of
-- this release calls it; it stays, defined on the one rule, for an instance of the previous release
-- that shares this database during a rolling upgrade (its bodies.sql calls it). A later migration may
-- drop it.
--
-- All three are single-SELECT, stable, non-strict SQL functions: called in FROM (a LATERAL join) they are
-- inlined into the caller's plan, one inside the other (EXPLAIN shows no Function Scan).

CREATE FUNCTION affiliation_on(contributor bigint, on_day date, as_of timestamptz)
    RETURNS TABLE (known boolean, organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1 AS $$
    SELECT true, a.organisation_id
    FROM affiliation a
    WHERE a.contributor_id = contributor
      AND (a.valid_from IS NULL OR a.valid_from <= on_day) AND (a.valid_to IS NULL OR a.valid_to >= on_day)
      AND visible_at(a.recorded_at, a.superseded_at, as_of)
    -- the most trusted source tier, then the oldest record
    ORDER BY a.source_tier, a.id
    LIMIT 1
$$;

CREATE OR REPLACE FUNCTION attribution_on(contributor bigint, on_day date, as_of timestamptz)
    RETURNS TABLE (known boolean, organisation_id bigint, top_organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1 AS $$
    SELECT a.known, a.organisation_id, t.top_organisation_id
    FROM affiliation_on(contributor, on_day, as_of) a
    CROSS JOIN LATERAL top_organisation_on(a.organisation_id, on_day, as_of) t
$$;

CREATE OR REPLACE FUNCTION top_organisations(organisations bigint[], on_days date[], as_of timestamptz)
    RETURNS TABLE (organisation_id bigint, on_day date, top_organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT s.org, s.day, t.top_organisation_id
    FROM (SELECT DISTINCT u.org, u.day FROM unnest(organisations, on_days) AS u(org, day) WHERE u.org IS NOT NULL) s
    CROSS JOIN LATERAL top_organisation_on(s.org, s.day, as_of) t
$$;
