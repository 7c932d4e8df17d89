-- Indicator performance (issue #6, bench/indicators): contributions attributed as currently recorded.
--
-- Every contribution indicator needs each counted contribution's affiliation on its day and that
-- organisation's top-level parent; new_orgs and hired_contributors need them over the whole history
-- of the project. Computing that at read time took ~1.5 s per statement on a project with 127,000
-- commits. This table holds the result for the current recording, one row per counted contribution
-- (current row, current identity link, not a bot, a merge recorded twice counted once), kept up to
-- date by the writers' transactions (triggers below), so that a read scans only pre-attributed rows.
--
-- It describes the facts as currently recorded only: "as recorded on" a past instant is still
-- computed by the full statement from the versioned fact tables (ContributionIndicators), and
-- ContributionAttributionTest checks that both agree. The organisation's type and key are joined
-- at read time, so that an organisation edit does not touch this table.
--
-- Maintenance is deferred to the end of the writing transaction: a statement that changes
-- contributions, identity links, affiliations or organisation parents only queues the keys it
-- touched (a bulk import of 100,000 affiliations queues 100,000 keys, not 100,000 recomputations);
-- at commit one set-based refresh recomputes the affected contributions. Refreshes take an advisory
-- lock, so that two transactions never recompute the same rows at once (READ COMMITTED: the second
-- one sees the first one's result).
CREATE TABLE contribution_attribution (
    contribution_id     bigint  PRIMARY KEY,
    project_id          bigint  NOT NULL,
    kind                text    NOT NULL,
    day                 date    NOT NULL,          -- UTC date of the act
    identity_id         bigint  NOT NULL,
    contributor_id      bigint  NOT NULL,
    known               boolean NOT NULL,          -- an affiliation (organisation or independent) holds on the day
    organisation_id     bigint,                    -- the affiliated organisation (NULL: independent or unknown)
    top_organisation_id bigint                     -- its top-level parent on the day
);
CREATE INDEX contribution_attribution_window ON contribution_attribution (project_id, kind, day)
    INCLUDE (contributor_id, known, organisation_id, top_organisation_id);
CREATE INDEX contribution_attribution_contributor ON contribution_attribution (contributor_id);
CREATE INDEX contribution_attribution_identity ON contribution_attribution (identity_id);
CREATE INDEX contribution_attribution_organisation ON contribution_attribution (organisation_id);

-- Keys whose contributions must be recomputed at the end of the transaction.
CREATE TABLE contribution_attribution_stale (
    key_kind text   NOT NULL CHECK (key_kind IN ('contribution', 'identity', 'contributor', 'organisation')),
    key      bigint NOT NULL,
    PRIMARY KEY (key_kind, key)
);
-- One row per writing transaction, whose deferred trigger runs the refresh once at commit.
CREATE TABLE contribution_attribution_pending (
    txid bigint PRIMARY KEY
);

-- Recomputes the given contributions: removes their rows and inserts the counted ones, attributed
-- exactly as ContributionIndicators.ATTRIBUTED does for the current recording.
CREATE FUNCTION contribution_attribution_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM contribution_attribution WHERE contribution_id = ANY (ids);
    INSERT INTO contribution_attribution (contribution_id, project_id, kind, day, identity_id, contributor_id, known,
                                          organisation_id, top_organisation_id)
    WITH RECURSIVE base AS (
        SELECT c.id, c.project_id, c.kind, cast(c.at AT TIME ZONE 'UTC' AS date) AS day, c.identity_id, l.contributor_id
        FROM contribution c
        JOIN identity_link l ON l.id = c.identity_id AND l.superseded_at IS NULL
        WHERE c.id = ANY (ids) AND c.superseded_at IS NULL AND NOT l.is_bot
          AND NOT (c.kind = 'merge' AND EXISTS (
              SELECT 1 FROM contribution d
              WHERE d.project_id = c.project_id AND d.kind = 'merge' AND d.reference = c.reference AND d.id <> c.id
                AND d.superseded_at IS NULL
                AND (d.source_kind = 'github', -d.id) > (c.source_kind = 'github', -c.id)))
    ),
    pairs AS (SELECT DISTINCT contributor_id, day FROM base),
    aff AS (
        SELECT DISTINCT ON (p.contributor_id, p.day) p.contributor_id, p.day, a.organisation_id
        FROM pairs p
        JOIN affiliation a ON a.contributor_id = p.contributor_id AND a.superseded_at IS NULL
         AND (a.valid_from IS NULL OR a.valid_from <= p.day) AND (a.valid_to IS NULL OR a.valid_to >= p.day)
        ORDER BY p.contributor_id, p.day, a.source_tier, a.id
    ),
    rollup AS (
        SELECT o.organisation_id AS org, o.day, o.organisation_id AS top, 0 AS depth
        FROM (SELECT DISTINCT organisation_id, day FROM aff WHERE organisation_id IS NOT NULL) o
        UNION ALL
        SELECT r.org, r.day, p.parent_id, r.depth + 1
        FROM rollup r
        JOIN organisation_parent p ON p.organisation_id = r.top AND p.superseded_at IS NULL
         AND (p.valid_from IS NULL OR p.valid_from <= r.day) AND (p.valid_to IS NULL OR p.valid_to >= r.day)
        WHERE r.depth < 10
    ),
    tops AS (SELECT DISTINCT ON (org, day) org, day, top FROM rollup ORDER BY org, day, depth DESC)
    SELECT b.id, b.project_id, b.kind, b.day, b.identity_id, b.contributor_id, a.contributor_id IS NOT NULL,
           a.organisation_id, t.top
    FROM base b
    LEFT JOIN aff a ON a.contributor_id = b.contributor_id AND a.day = b.day
    LEFT JOIN tops t ON t.org = a.organisation_id AND t.day = b.day;
END $$;

-- Recomputes the contributions behind the queued keys and empties the queue.
CREATE FUNCTION contribution_attribution_flush() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('contribution_attribution'));
    WITH stale AS (DELETE FROM contribution_attribution_stale RETURNING key_kind, key),
    changed_orgs AS (
        -- an organisation whose parent changed, and every organisation below it
        WITH RECURSIVE below AS (
            SELECT key AS org FROM stale WHERE key_kind = 'organisation'
            UNION
            SELECT p.organisation_id FROM organisation_parent p JOIN below b ON p.parent_id = b.org
        )
        SELECT org FROM below
    ),
    contributions AS (
        SELECT key AS id FROM stale WHERE key_kind = 'contribution'
        UNION
        -- a merge recorded twice: the other record may win or lose now
        SELECT d.id FROM stale s JOIN contribution c ON c.id = s.key AND c.kind = 'merge'
        JOIN contribution d ON d.project_id = c.project_id AND d.kind = 'merge' AND d.reference = c.reference
        WHERE s.key_kind = 'contribution'
        UNION
        SELECT c.id FROM stale s JOIN contribution c ON c.identity_id = s.key WHERE s.key_kind = 'identity'
        UNION
        SELECT x.contribution_id FROM stale s JOIN contribution_attribution x ON x.contributor_id = s.key
        WHERE s.key_kind = 'contributor'
        UNION
        SELECT x.contribution_id FROM changed_orgs o JOIN contribution_attribution x ON x.organisation_id = o.org
    )
    SELECT array_agg(id) INTO ids FROM contributions;
    DELETE FROM contribution_attribution_pending;
    IF ids IS NOT NULL THEN
        PERFORM contribution_attribution_refresh(ids);
    END IF;
END $$;

CREATE FUNCTION contribution_attribution_flush_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM contribution_attribution_flush();
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER contribution_attribution_pending_commit AFTER INSERT ON contribution_attribution_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION contribution_attribution_flush_at_commit();

-- Statement triggers: queue the keys of the changed rows (transition table "changed"), once per statement.
-- TG_ARGV[0] names the key kind, TG_ARGV[1] the column of the changed rows that holds the key.
CREATE FUNCTION contribution_attribution_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO contribution_attribution_stale (key_kind, key)
                    SELECT DISTINCT %L, %I FROM changed WHERE %I IS NOT NULL ON CONFLICT DO NOTHING',
                   TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
    INSERT INTO contribution_attribution_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER contribution_attribution_insert AFTER INSERT ON contribution REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('contribution', 'id');
CREATE TRIGGER contribution_attribution_update AFTER UPDATE ON contribution REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('contribution', 'id');
CREATE TRIGGER contribution_attribution_delete AFTER DELETE ON contribution REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('contribution', 'id');

CREATE TRIGGER contribution_attribution_insert AFTER INSERT ON identity_link REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('identity', 'id');
CREATE TRIGGER contribution_attribution_update AFTER UPDATE ON identity_link REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('identity', 'id');
CREATE TRIGGER contribution_attribution_delete AFTER DELETE ON identity_link REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('identity', 'id');

CREATE TRIGGER contribution_attribution_insert AFTER INSERT ON affiliation REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('contributor', 'contributor_id');
CREATE TRIGGER contribution_attribution_update AFTER UPDATE ON affiliation REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('contributor', 'contributor_id');
CREATE TRIGGER contribution_attribution_delete AFTER DELETE ON affiliation REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('contributor', 'contributor_id');

CREATE TRIGGER contribution_attribution_insert AFTER INSERT ON organisation_parent REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('organisation', 'organisation_id');
CREATE TRIGGER contribution_attribution_update AFTER UPDATE ON organisation_parent REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('organisation', 'organisation_id');
CREATE TRIGGER contribution_attribution_delete AFTER DELETE ON organisation_parent REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION contribution_attribution_queue('organisation', 'organisation_id');

-- Recomputes the whole table (after a bulk load that bypassed the triggers), project by project.
CREATE FUNCTION contribution_attribution_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    p bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('contribution_attribution'));
    TRUNCATE contribution_attribution, contribution_attribution_stale;
    FOR p IN SELECT DISTINCT project_id FROM contribution LOOP
        PERFORM contribution_attribution_refresh(array(SELECT id FROM contribution WHERE project_id = p AND superseded_at IS NULL));
    END LOOP;
END $$;

SELECT contribution_attribution_rebuild();
