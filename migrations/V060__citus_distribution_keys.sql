-- Issue #24: a schema Citus can distribute by project (docs/scaling.md). Every per-project table
-- carries project_id, and it leads every primary key and unique index of those tables, and every
-- foreign key between them; shared tables (projects, organisations, licenses, identities,
-- contributors, api keys) become reference tables. The classification, and the check that holds the
-- schema to these rules, is CitusSchemaTest (src/test/java/io/counterpower/scaling/). Row ids and
-- fact ids stay globally unique (their sequences are untouched): only the constraints change, so
-- no query, no entity and no ON CONFLICT on a natural key changes.

-- A license period's level per methodology belongs to the period's project: its key to the period is
-- dropped here, while license_period's key changes, and made again on (project_id, period_row_id) below.
ALTER TABLE license_period_level ADD COLUMN project_id bigint;
UPDATE license_period_level l SET project_id = p.project_id FROM license_period p WHERE p.row_id = l.period_row_id;
ALTER TABLE license_period_level ALTER COLUMN project_id SET NOT NULL,
    DROP CONSTRAINT license_period_level_period_row_id_fkey,
    DROP CONSTRAINT license_period_level_pkey;

-- Versioned fact tables with a project: (project_id, row_id) is the row, (project_id, id) the current fact.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['adopter', 'benchmark_result', 'derivative', 'download_count', 'governance_body',
            'governance_event', 'license_period', 'openness_component', 'project_repository', 'project_steward'] LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_pkey');
        EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (project_id, row_id)', t);
        EXECUTE format('DROP INDEX %I', t || '_current');
        EXECUTE format('CREATE UNIQUE INDEX %I ON %I (project_id, id) WHERE superseded_at IS NULL', t || '_current', t);
    END LOOP;
END
$$;

ALTER TABLE contribution DROP CONSTRAINT contribution_pkey, ADD PRIMARY KEY (project_id, id);
ALTER TABLE contribution_attribution DROP CONSTRAINT contribution_attribution_pkey,
    ADD PRIMARY KEY (project_id, contribution_id);
ALTER TABLE repository_collected_through DROP CONSTRAINT repository_collected_through_pkey,
    ADD PRIMARY KEY (project_id, id);

-- A governance seat belongs to its body's project: the column is filled from the body, so that
-- writers that name only the body (GovernanceSeat) keep working.
ALTER TABLE governance_seat ADD COLUMN project_id bigint;
UPDATE governance_seat s SET project_id = b.project_id
FROM (SELECT DISTINCT ON (id) id, project_id FROM governance_body ORDER BY id, row_id DESC) b
WHERE b.id = s.body_id;
ALTER TABLE governance_seat ALTER COLUMN project_id SET NOT NULL,
    ADD CONSTRAINT governance_seat_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id);
ALTER TABLE governance_seat DROP CONSTRAINT governance_seat_pkey, ADD PRIMARY KEY (project_id, row_id);
DROP INDEX governance_seat_current;
CREATE UNIQUE INDEX governance_seat_current ON governance_seat (project_id, id) WHERE superseded_at IS NULL;

CREATE FUNCTION governance_seat_project() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.project_id IS NULL THEN
        SELECT b.project_id INTO NEW.project_id FROM governance_body b WHERE b.id = NEW.body_id
        ORDER BY b.row_id DESC LIMIT 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER governance_seat_project BEFORE INSERT ON governance_seat
    FOR EACH ROW EXECUTE FUNCTION governance_seat_project();

-- A license period's level per methodology belongs to the period's project (its key follows below).
ALTER TABLE license_period_level ADD PRIMARY KEY (project_id, period_row_id, methodology_version),
    ADD CONSTRAINT license_period_level_period_fkey FOREIGN KEY (project_id, period_row_id)
        REFERENCES license_period (project_id, row_id) ON DELETE CASCADE;

CREATE FUNCTION license_period_level_project() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.project_id IS NULL THEN
        SELECT p.project_id INTO NEW.project_id FROM license_period p WHERE p.row_id = NEW.period_row_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER license_period_level_project BEFORE INSERT ON license_period_level
    FOR EACH ROW EXECUTE FUNCTION license_period_level_project();

-- V031's copy of a period's level, on the new key.
CREATE OR REPLACE FUNCTION license_period_level_copy() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO license_period_level (project_id, period_row_id, methodology_version, level, level_lower, level_upper)
    SELECT NEW.project_id, NEW.row_id, m.methodology_version, NEW.level, NEW.level_lower, NEW.level_upper
    FROM methodology_license_catalog m
    -- a level written without a catalog version (by hand) is taken as given by the versions that follow the catalog
    WHERE m.catalog_version = NEW.catalog_version OR (NEW.catalog_version IS NULL AND m.catalog_version NOT LIKE 'pinned:%')
    ON CONFLICT (project_id, period_row_id, methodology_version)
        DO UPDATE SET level = excluded.level, level_lower = excluded.level_lower, level_upper = excluded.level_upper;
    RETURN NULL;
END
$$;
