-- Named artifacts (METHODOLOGY.md version 2, sections 2 and 5; issue 18): an artifact is a kind and a name
-- (weights:falcon-180b); the empty name is the single unnamed artifact of its kind, which license files found in a
-- repository and curated periods about "the code" belong to. Each period already says whether it is the
-- artifact's `initial` terms, a `relicense` or a `new-release` (change_kind).
ALTER TABLE license_period ADD COLUMN artifact_name text NOT NULL DEFAULT ''
    CHECK (artifact_name = '' OR artifact_name ~ '^[a-z0-9][a-z0-9._-]{0,79}$');
-- A curated end of the artifact's currency (a withdrawn or superseded release a curator retires before its 24
-- months): from the day after it, the artifact no longer counts in the family's reading. NULL: no close.
ALTER TABLE license_period ADD COLUMN artifact_closed_on date;

DROP INDEX license_period_project;
CREATE INDEX license_period_project ON license_period (project_id, artifact, artifact_name, valid_from);

-- Rows written without the column (a snapshot made before this migration, loaded with
-- jsonb_populate_recordset) belong to the unnamed artifact.
CREATE FUNCTION license_period_artifact_name_default() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.artifact_name := coalesce(NEW.artifact_name, '');
    RETURN NEW;
END $$;
CREATE TRIGGER license_period_artifact_name_default BEFORE INSERT OR UPDATE ON license_period
    FOR EACH ROW EXECUTE FUNCTION license_period_artifact_name_default();

-- The current artifacts of a family at p_day, as recorded at p_asof (methodology 2, section 2): one row per
-- artifact (kind, name), its period in force at p_day, for the artifacts that count then. An artifact counts
-- for 24 months after its first period starts, and for as long as it is the newest artifact of its kind (the
-- latest first start; ties by name); a curated close (artifact_closed_on) ends it earlier. A new release thus
-- does not end the older members: Falcon-180B's restrictive weights stay in the reading beside Falcon-40B's
-- Apache weights. The periods are those every reader sees (license_periods_effective, V017: a higher source
-- tier covers the dates it spans). plpgsql, because that function is created by a later migration.
CREATE FUNCTION license_current_artifacts(p_project bigint, p_asof timestamptz, p_day date)
    RETURNS SETOF license_period
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    WITH e AS (
        SELECT * FROM license_periods_effective(p_project, p_asof) l WHERE l.valid_from <= p_day
    ), a AS (
        SELECT e.artifact, e.artifact_name, min(e.valid_from) AS first_from, min(e.artifact_closed_on) AS closed_on
        FROM e GROUP BY e.artifact, e.artifact_name
    ), newest AS (
        SELECT DISTINCT ON (a.artifact) a.artifact, a.artifact_name
        FROM a ORDER BY a.artifact, a.first_from DESC, a.artifact_name DESC
    ), counted AS (
        SELECT a.artifact, a.artifact_name FROM a
        WHERE (a.closed_on IS NULL OR a.closed_on >= p_day)
          AND (p_day < a.first_from + interval '24 months'
               OR EXISTS (SELECT 1 FROM newest n WHERE n.artifact = a.artifact AND n.artifact_name = a.artifact_name))
    )
    SELECT DISTINCT ON (e.artifact, e.artifact_name) e.*
    FROM e JOIN counted c ON c.artifact = e.artifact AND c.artifact_name = e.artifact_name
    ORDER BY e.artifact, e.artifact_name, e.valid_from DESC, e.id DESC;
END $$;
