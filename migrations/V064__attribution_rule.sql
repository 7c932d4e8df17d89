-- Issue #22: the attribution rule, written once. Which organisation a contributor's act on a day is
-- attributed to (METHODOLOGY.md section 2): the contributor's affiliation whose period covers the day,
-- the most trusted source tier first, then the oldest record (attribution_on); that organisation
-- rolled up to its top-level parent on the day, at most 10 levels (top_organisation_on, also used
-- for an organisation named directly: a seat's holder, a derivative's publisher). Facts as recorded
-- on as_of (visible_at, V063); the current recording is as_of = 'infinity' (visible_at's note).
--
-- attribution_on returns no row when no affiliation holds on the day (unknown), and one row with a
-- null organisation for an independent. Until now the rule was written out in
-- contribution_attribution_refresh (V005, V010) and in the "as recorded on" statements of
-- methodology v2; the refresh and v2's contribution, seats, adoption and compost call these
-- functions now, so the derived table and the full statement cannot drift apart
-- (ContributionAttributionTest compares them). v2's walkaway and bodies keep their set-based rollup:
-- at every step of a 120-point series the per-row lookup measured 1.5 times slower there
-- (docs/engineering.md). Methodology v1's statements are frozen and keep their own text.
--
-- A set-returning SQL function that is neither strict nor volatile is inlined into the statement
-- that calls it in FROM (LEFT JOIN LATERAL ... ON true): the planner sees the subqueries below, with
-- the same index lookups as the text written out (V010's per-row lookup, linear in the rows).

-- The organisation's top-level parent on the day (itself when it has none; null for null): the
-- parent periods covering the day followed up to 10 levels, the deepest reached. One row.
CREATE FUNCTION top_organisation_on(organisation bigint, on_day date, as_of timestamptz)
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
                      SELECT up.top FROM up ORDER BY up.depth DESC LIMIT 1)
           END
$$;

-- A contributor's attribution on the day: the affiliation of the day and its top-level parent.
CREATE FUNCTION attribution_on(contributor bigint, on_day date, as_of timestamptz)
    RETURNS TABLE (known boolean, organisation_id bigint, top_organisation_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1 AS $$
    SELECT true, a.organisation_id, t.top_organisation_id
    FROM (SELECT a.organisation_id
          FROM affiliation a
          WHERE a.contributor_id = contributor
            AND (a.valid_from IS NULL OR a.valid_from <= on_day) AND (a.valid_to IS NULL OR a.valid_to >= on_day)
            AND visible_at(a.recorded_at, a.superseded_at, as_of)
          -- the most trusted source tier, then the oldest record
          ORDER BY a.source_tier, a.id
          LIMIT 1) a
    CROSS JOIN LATERAL top_organisation_on(a.organisation_id, on_day, as_of) t
$$;

-- The derived table (V005) attributes the current recording with the same function. Otherwise as V010.
CREATE OR REPLACE FUNCTION contribution_attribution_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM contribution_attribution WHERE contribution_id = ANY (ids);
    INSERT INTO contribution_attribution (contribution_id, project_id, kind, day, identity_id, contributor_id, known,
                                          organisation_id, top_organisation_id)
    SELECT b.id, b.project_id, b.kind, b.day, b.identity_id, b.contributor_id, coalesce(a.known, false), a.organisation_id,
           a.top_organisation_id
    FROM (SELECT c.id, c.project_id, c.kind, cast(c.at AT TIME ZONE 'UTC' AS date) AS day, c.identity_id, l.contributor_id
          FROM contribution c
          JOIN identity_link l ON l.id = c.identity_id AND l.superseded_at IS NULL
          WHERE c.id = ANY (ids) AND c.superseded_at IS NULL AND NOT l.is_bot
            AND NOT (c.kind = 'merge' AND EXISTS (
                SELECT 1 FROM contribution d
                WHERE d.project_id = c.project_id AND d.kind = 'merge' AND d.reference = c.reference AND d.id <> c.id
                  AND d.superseded_at IS NULL
                  AND (d.source_kind = 'github', -d.id) > (c.source_kind = 'github', -c.id)))) b
    LEFT JOIN LATERAL attribution_on(b.contributor_id, b.day, 'infinity') a ON true;
END $$;
