-- A git collection writes a large history in batches of 2,000 commits, each its own transaction. With
-- V005's queue every batch flushed the attribution at its commit: twenty refreshes per 36,000 commits
-- (terraform), each on the planner's estimates of a table that had just grown, each re-reading what the
-- previous ones had queued: 52.6 s of a 98 s collection (pg_stat_user_functions, bench/git-ingest-real).
-- A writer may now defer the refresh: with `counterpower.defer_attribution` set to `on` in its
-- transaction, the keys it changes are queued as before (durably, with its rows) but no flush is asked
-- for at its commit. The writer flushes once when it is done (GitCollector: after the statistics are
-- refreshed). The queue is a table, so a writer that dies before its flush loses nothing: the next
-- commit that flushes, whoever makes it, refreshes what it left.
-- V039's switch for bulk loads (`counterpower.attribution_queue` = `off`: nothing queued, the load rebuilds
-- the table itself) is kept as it was.
CREATE OR REPLACE FUNCTION contribution_attribution_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('counterpower.attribution_queue', true) = 'off' THEN
        RETURN NULL;
    END IF;
    EXECUTE format('INSERT INTO contribution_attribution_stale (key_kind, key)
                    SELECT DISTINCT %L, %I FROM changed WHERE %I IS NOT NULL ON CONFLICT DO NOTHING',
                   TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
    IF coalesce(current_setting('counterpower.defer_attribution', true), '') <> 'on' THEN
        INSERT INTO contribution_attribution_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
