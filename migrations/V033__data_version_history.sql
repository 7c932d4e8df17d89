-- Pinned responses report the data version of the moment they are pinned to (issue #19,
-- METHODOLOGY.md section 4 "Time"): data_version keeps only the newest version of each scope, so
-- every version a scope takes is kept here too, with the instant it took it (the writing
-- transaction's start, the recorded_at of the facts it wrote). The version of a moment T is the
-- newest one whose changed_at <= T. The history starts with this migration: a moment before a
-- scope's first row here has no known version (reported as null, never as a newer one).
CREATE TABLE data_version_history (
    scope      text        NOT NULL,
    version    bigint      NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (scope, version)
);
CREATE INDEX data_version_history_at ON data_version_history (changed_at, version);

INSERT INTO data_version_history (scope, version, changed_at) SELECT scope, version, changed_at FROM data_version;

CREATE FUNCTION data_version_history_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_version_history (scope, version, changed_at) VALUES (NEW.scope, NEW.version, NEW.changed_at)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER data_version_history_append AFTER INSERT OR UPDATE ON data_version
    FOR EACH ROW EXECUTE FUNCTION data_version_history_append();

-- The version over the given scopes as recorded on a moment (null: before the history).
CREATE FUNCTION data_version_at(scopes text[], asof timestamptz) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT max(version) FROM data_version_history WHERE scope = ANY (scopes) AND changed_at <= asof
$$;
-- The newest version over every scope as recorded on a moment (null: before the history).
CREATE FUNCTION data_version_at(asof timestamptz) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT max(version) FROM data_version_history WHERE changed_at <= asof
$$;
