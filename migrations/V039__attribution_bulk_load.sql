-- Snapshot loads (issue #20): the default snapshot's first-start load took over 12 minutes, nearly
-- all of it in the rebuild of contribution_attribution (bench/RESULTS.md). The rows were inserted in
-- the load's own transaction and never analysed, so the planner sized the refresh's joins for empty
-- tables; with the tables analysed first, one set-based refresh of all 166,000 contributions takes
-- a few seconds. A bulk load now:
--   1. turns the statement triggers' queue off for its transaction
--      (SET LOCAL counterpower.attribution_queue = 'off'): nothing is queued row by row;
--   2. analyses the tables it filled (ANALYZE sees its own transaction's rows);
--   3. rebuilds the attribution of the projects it loaded in one call of the function below.
-- The attribution itself is still written once, in contribution_attribution_refresh (V010), so
-- ContributionAttributionTest's comparison with the full statement covers the bulk path too.

CREATE OR REPLACE FUNCTION contribution_attribution_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A bulk load rebuilds the table itself at the end of its transaction (see above).
    IF current_setting('counterpower.attribution_queue', true) = 'off' THEN
        RETURN NULL;
    END IF;
    EXECUTE format('INSERT INTO contribution_attribution_stale (key_kind, key)
                    SELECT DISTINCT %L, %I FROM changed WHERE %I IS NOT NULL ON CONFLICT DO NOTHING',
                   TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
    INSERT INTO contribution_attribution_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- Recomputes the attribution of every contribution of the given projects in one set-based refresh.
-- A custom plan: the refresh's id array is then hashed, not scanned for every row.
CREATE FUNCTION contribution_attribution_rebuild_projects(projects bigint[]) RETURNS void LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('contribution_attribution'));
    DELETE FROM contribution_attribution WHERE project_id = ANY (projects);
    PERFORM contribution_attribution_refresh(
        array(SELECT id FROM contribution WHERE project_id = ANY (projects) AND superseded_at IS NULL));
END $$;
