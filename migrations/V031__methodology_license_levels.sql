-- A methodology version pins the license catalog's levels with its statements (METHODOLOGY.md section 8).
-- Each version ships its levels (methodology/v<N>/license-levels.json). On start, a version whose levels are
-- the running catalog's names that catalog here: every period the catalog derives a level for is then copied
-- to the version by the trigger below. A version whose levels differ from the catalog's (a later catalog moved
-- a level) names no running catalog, and the service derives its periods' levels from its own pinned levels
-- on start. Each version's license statement reads license_period_level, never license_period.level, so a
-- catalog change cannot move a frozen version's figure.
CREATE TABLE methodology_license_catalog (
    methodology_version int  PRIMARY KEY CHECK (methodology_version > 0),
    catalog_version     text NOT NULL   -- the running catalog whose levels are this version's, or 'pinned:v<N>'
);

CREATE TABLE license_period_level (
    period_row_id       bigint   NOT NULL REFERENCES license_period (row_id) ON DELETE CASCADE,
    methodology_version int      NOT NULL,
    level               smallint CHECK (level BETWEEN 0 AND 7),
    level_lower         smallint CHECK (level_lower BETWEEN 0 AND 7),
    level_upper         smallint CHECK (level_upper BETWEEN 0 AND 7),
    PRIMARY KEY (period_row_id, methodology_version)
);

-- A period's level as the catalog derived it, for every version whose levels are that catalog's.
CREATE FUNCTION license_period_level_copy() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO license_period_level (period_row_id, methodology_version, level, level_lower, level_upper)
    SELECT NEW.row_id, m.methodology_version, NEW.level, NEW.level_lower, NEW.level_upper
    FROM methodology_license_catalog m
    -- a level written without a catalog version (by hand) is taken as given by the versions that follow the catalog
    WHERE m.catalog_version = NEW.catalog_version OR (NEW.catalog_version IS NULL AND m.catalog_version NOT LIKE 'pinned:%')
    ON CONFLICT (period_row_id, methodology_version)
        DO UPDATE SET level = excluded.level, level_lower = excluded.level_lower, level_upper = excluded.level_upper;
    RETURN NULL;
END
$$;

CREATE TRIGGER license_period_level_copy
    AFTER INSERT OR UPDATE OF level, level_lower, level_upper, catalog_version ON license_period
    FOR EACH ROW EXECUTE FUNCTION license_period_level_copy();
