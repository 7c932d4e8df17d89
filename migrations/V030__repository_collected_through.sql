-- How far each repository's collection reaches (METHODOLOGY.md version 2 section 3, "Collected through"):
-- the date of the newest commit read. A history, not a column updated in place: a figure pinned "as
-- recorded on" a moment reads the reach recorded by then (section 8), so a later collection cannot move it.
-- Each row is recorded at the moment its newest commit was recorded (a snapshot's rows keep theirs).
CREATE TABLE repository_collected_through (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id        bigint      NOT NULL REFERENCES project (id),
    repository_url    text        NOT NULL,
    collected_through date        NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX repository_collected_through_project ON repository_collected_through (project_id, repository_url, recorded_at);

-- Records, for each repository of a project whose commits were read, the date of its newest commit when it
-- differs from the last one recorded, and then bumps the project's data version. Called when a collection job
-- succeeds and after a snapshot load; the number of rows recorded is returned.
CREATE FUNCTION record_collected_through(p_project bigint) RETURNS integer
    LANGUAGE sql AS $$
    WITH newest AS (
        SELECT c.repository_url, max(cast(c.at AT TIME ZONE 'UTC' AS date)) AS through, max(c.recorded_at) AS recorded_at
        FROM contribution c
        WHERE c.project_id = p_project AND c.kind = 'commit' AND c.repository_url IS NOT NULL AND c.superseded_at IS NULL
        GROUP BY c.repository_url
    ), added AS (
        INSERT INTO repository_collected_through (project_id, repository_url, collected_through, recorded_at)
        SELECT p_project, n.repository_url, n.through, n.recorded_at FROM newest n
        WHERE n.through IS DISTINCT FROM (
            SELECT r.collected_through FROM repository_collected_through r
            WHERE r.project_id = p_project AND r.repository_url = n.repository_url
            ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1)
        RETURNING 1
    ), bumped AS (
        -- The project's figures may change with the reach: a new data version, so that no cached figure outlives it.
        INSERT INTO data_version (scope, version, changed_at)
        SELECT 'project:' || p_project, nextval('data_version_seq'), now() WHERE EXISTS (SELECT 1 FROM added)
        ON CONFLICT (scope) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at
        RETURNING 1
    )
    SELECT cast(count(*) AS integer) FROM added  -- a data-modifying WITH runs whether or not it is read
$$;

-- Backfill: the repositories collected before this migration.
SELECT record_collected_through(p.id) FROM project p;
