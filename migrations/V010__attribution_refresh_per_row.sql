-- contribution_attribution_refresh (V005) joined two CTEs on (contributor, day). Their row estimates
-- come from the planner's statistics, which are those of an empty table on a new database, after a
-- bulk load that was not analysed yet, and for the rows a transaction has just inserted: estimated
-- at one row each, the join became a nested loop of every contribution against every affiliation
-- found (30,509 x 27,228 comparisons, 141 s, for one project of bench/indicators; a few seconds per
-- batch of a git ingest). This version looks each contribution's affiliation up by index and rolls
-- the organisation up to its top-level parent only when it has a parent: linear in the rows
-- refreshed, whatever the estimates. Same result (ContributionAttributionTest compares the table
-- with the full statement of ContributionIndicators).
CREATE OR REPLACE FUNCTION contribution_attribution_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM contribution_attribution WHERE contribution_id = ANY (ids);
    INSERT INTO contribution_attribution (contribution_id, project_id, kind, day, identity_id, contributor_id, known,
                                          organisation_id, top_organisation_id)
    SELECT b.id, b.project_id, b.kind, b.day, b.identity_id, b.contributor_id, a.found IS NOT NULL, a.organisation_id,
           CASE WHEN a.organisation_id IS NULL THEN NULL
                WHEN NOT EXISTS (SELECT 1 FROM organisation_parent p
                                 WHERE p.organisation_id = a.organisation_id AND p.superseded_at IS NULL) THEN a.organisation_id
                ELSE (WITH RECURSIVE up AS (
                          SELECT a.organisation_id AS top, 0 AS depth
                          UNION ALL
                          SELECT p.parent_id, u.depth + 1
                          FROM up u
                          JOIN organisation_parent p ON p.organisation_id = u.top AND p.superseded_at IS NULL
                           AND (p.valid_from IS NULL OR p.valid_from <= b.day) AND (p.valid_to IS NULL OR p.valid_to >= b.day)
                          WHERE u.depth < 10)
                      SELECT top FROM up ORDER BY depth DESC LIMIT 1)
           END
    FROM (SELECT c.id, c.project_id, c.kind, cast(c.at AT TIME ZONE 'UTC' AS date) AS day, c.identity_id, l.contributor_id
          FROM contribution c
          JOIN identity_link l ON l.id = c.identity_id AND l.superseded_at IS NULL
          WHERE c.id = ANY (ids) AND c.superseded_at IS NULL AND NOT l.is_bot
            AND NOT (c.kind = 'merge' AND EXISTS (
                SELECT 1 FROM contribution d
                WHERE d.project_id = c.project_id AND d.kind = 'merge' AND d.reference = c.reference AND d.id <> c.id
                  AND d.superseded_at IS NULL
                  AND (d.source_kind = 'github', -d.id) > (c.source_kind = 'github', -c.id)))) b
    -- the affiliation of the day: the most trusted tier, then the oldest record
    LEFT JOIN LATERAL (
        SELECT true AS found, a.organisation_id
        FROM affiliation a
        WHERE a.contributor_id = b.contributor_id AND a.superseded_at IS NULL
          AND (a.valid_from IS NULL OR a.valid_from <= b.day) AND (a.valid_to IS NULL OR a.valid_to >= b.day)
        ORDER BY a.source_tier, a.id
        LIMIT 1) a ON true;
END $$;
