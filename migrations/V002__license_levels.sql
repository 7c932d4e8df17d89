-- The restrictiveness level of each license period, derived from its SPDX expression by the
-- license catalog when the period is recorded (and again when the catalog version changes), so
-- that indicators can read it in SQL. level is NULL when unknown; the bounds say how far an
-- unknown part could move it (METHODOLOGY.md section 5).
ALTER TABLE license_period
    ADD COLUMN level           smallint CHECK (level BETWEEN 0 AND 7),
    ADD COLUMN level_lower     smallint CHECK (level_lower BETWEEN 0 AND 7),
    ADD COLUMN level_upper     smallint CHECK (level_upper BETWEEN 0 AND 7),
    ADD COLUMN catalog_version text;

-- Which catalog version the license and license_fingerprint tables hold.
CREATE TABLE reference_table_version (
    name       text PRIMARY KEY,
    version    text        NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);
