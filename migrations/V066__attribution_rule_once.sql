-- Issue #22: the attribution rule (METHODOLOGY.md section 2) in one place. It has two parts:
--   which affiliation holds on a day: the contributor's affiliation whose period covers the day, the
--     most trusted source tier first, then the oldest record (one row; a null organisation is an
--     independent) or none (unknown);
--   the roll-up: that organisation's top-level parent on the day, at most 10 levels.
-- Each part is written in a per-row form, for statements that look up one (contributor or
-- organisation, day) at a time, and a set form, for statements that resolve all the pairs of a step
-- at once:
--   affiliation_on(contributor, day, as_of)          affiliations_on(contributors[], days[], as_of)  (both new)
--   top_organisation_on(organisation, day, as_of)    top_organisations(organisations[], days[], as_of) (V064, V065)
-- attribution_on (V064) is now affiliation_on composed with top_organisation_on (the EXPLAIN of the
-- derived table's refresh is identical to V064's text).
--
-- Why two forms and not one: each form called where the other shape fits was measured slower
-- (bench/RESULTS.md, "The attribution rule once"): the roll-up per distinct (organisation, day) in v2's
-- walkaway and bodies 1.4-2 times, the set roll-up behind top_organisation_on 1.05-1.1 times in v2's
-- contribution statement. The two forms of a part sit side by side here, over the same columns with the
-- same conditions, and AttributionRuleFormsTest checks on a seeded random dataset that they answer the same
-- for every pair; IndicatorStatementsTest refuses a v2 statement that writes either part out itself.
--
-- All are single-SELECT, stable, non-strict SQL functions: called in FROM (a LATERAL join) they are
-- inlined into the caller's plan (EXPLAIN shows no Function Scan). The set forms read their arrays in
-- parallel (unnest's rule), answer one row per distinct pair that has an answer (an unknown
-- contributor or a null organisation has none), and the caller builds both arrays in one aggregate
-- row so that they are in the same order.

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

CREATE FUNCTION affiliations_on(contributors bigint[], on_days date[], as_of timestamptz)
    RETURNS TABLE (contributor_id bigint, on_day date, organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT DISTINCT ON (p.contributor, p.day) p.contributor, p.day, a.organisation_id
    FROM (SELECT DISTINCT u.contributor, u.day FROM unnest(contributors, on_days) AS u(contributor, day)
          WHERE u.contributor IS NOT NULL) p
    JOIN affiliation a ON a.contributor_id = p.contributor
     AND (a.valid_from IS NULL OR a.valid_from <= p.day) AND (a.valid_to IS NULL OR a.valid_to >= p.day)
     AND visible_at(a.recorded_at, a.superseded_at, as_of)
    -- the most trusted source tier, then the oldest record
    ORDER BY p.contributor, p.day, a.source_tier, a.id
$$;

CREATE OR REPLACE FUNCTION attribution_on(contributor bigint, on_day date, as_of timestamptz)
    RETURNS TABLE (known boolean, organisation_id bigint, top_organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1 AS $$
    SELECT a.known, a.organisation_id, t.top_organisation_id
    FROM affiliation_on(contributor, on_day, as_of) a
    CROSS JOIN LATERAL top_organisation_on(a.organisation_id, on_day, as_of) t
$$;

-- The roll-up's two forms break a tie the same way. Two parent periods of one organisation never both
-- cover a day among current rows (V001's exclusion constraint), and "as recorded on" an instant shows what
-- was current then; but a hand edit of recorded_at/superseded_at can leave two visible, and then the
-- deepest level could be reached by two paths. Both forms now take the lowest organisation id among the
-- deepest, instead of whichever row the plan met first (AttributionRuleFormsTest builds such data).
CREATE OR REPLACE FUNCTION top_organisation_on(organisation bigint, on_day date, as_of timestamptz)
    RETURNS TABLE (top_organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1 AS $$
    SELECT CASE WHEN organisation IS NULL THEN NULL
                -- most organisations have no parent: no recursion for them
                WHEN NOT EXISTS (SELECT 1 FROM organisation_parent p
                                 WHERE p.organisation_id = organisation
                                   AND visible_at(p.recorded_at, p.superseded_at, as_of)) THEN organisation
                ELSE (WITH RECURSIVE up AS (
                          SELECT organisation AS top, 0 AS depth
                          UNION ALL
                          SELECT p.parent_id, u.depth + 1
                          FROM up u
                          JOIN organisation_parent p ON p.organisation_id = u.top
                           AND (p.valid_from IS NULL OR p.valid_from <= on_day) AND (p.valid_to IS NULL OR p.valid_to >= on_day)
                           AND visible_at(p.recorded_at, p.superseded_at, as_of)
                          WHERE u.depth < 10)
                      SELECT up.top FROM up ORDER BY up.depth DESC, up.top LIMIT 1)
           END
$$;

CREATE OR REPLACE FUNCTION top_organisations(organisations bigint[], on_days date[], as_of timestamptz)
    RETURNS TABLE (organisation_id bigint, on_day date, top_organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH RECURSIVE up AS (
        SELECT s.org, s.day, s.org AS top, 0 AS depth
        FROM (SELECT DISTINCT u.org, u.day FROM unnest(organisations, on_days) AS u(org, day) WHERE u.org IS NOT NULL) s
        UNION ALL
        SELECT u.org, u.day, p.parent_id, u.depth + 1
        FROM up u
        JOIN organisation_parent p ON p.organisation_id = u.top
         AND (p.valid_from IS NULL OR p.valid_from <= u.day) AND (p.valid_to IS NULL OR p.valid_to >= u.day)
         AND visible_at(p.recorded_at, p.superseded_at, as_of)
        WHERE u.depth < 10)
    SELECT DISTINCT ON (up.org, up.day) up.org, up.day, up.top FROM up ORDER BY up.org, up.day, up.depth DESC, up.top
$$;
