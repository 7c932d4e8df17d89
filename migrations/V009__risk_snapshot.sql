-- The stored risk ranking (issue #8): one row per generation of the ranking and one row per project
-- in it. A generation is computed in the background from the data version it names and replaces the
-- previous one when complete, so readers never wait for a computation and never see half of one.
-- Rows are JSON documents (the API's ranking row and the project's numeric indicators): the
-- ranking is read whole into memory and filtered there, and the row shape follows the contract.

CREATE TABLE risk_snapshot (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    methodology_version integer     NOT NULL,
    at                  date        NOT NULL,             -- the day the figures describe
    data_version        bigint      NOT NULL,             -- the newest data version when the computation started
    recorded_on         timestamptz NOT NULL,             -- the instant the facts were read: asRecordedOn reproduces it
    generated_at        timestamptz NOT NULL DEFAULT now(),
    project_count       integer     NOT NULL,
    recomputed          integer     NOT NULL              -- projects computed afresh (the others were copied)
);
CREATE INDEX risk_snapshot_latest ON risk_snapshot (methodology_version, id DESC);

CREATE TABLE risk_snapshot_row (
    snapshot_id  bigint NOT NULL REFERENCES risk_snapshot (id) ON DELETE CASCADE,
    project_id   bigint NOT NULL REFERENCES project (id),
    data_version bigint NOT NULL,                         -- the project's data version its figures come from
    row          jsonb  NOT NULL,
    figures      jsonb  NOT NULL,
    PRIMARY KEY (snapshot_id, project_id)
);
