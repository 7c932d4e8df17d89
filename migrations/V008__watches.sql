-- Watches, their last-known state, the evaluation queue and the webhook outbox (issue 10).

-- A watch follows one project, or every project an organisation stewards, for a list of conditions,
-- and is told about changes by a signed webhook.
CREATE TABLE watch (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                  text        NOT NULL,
    project_id            bigint REFERENCES project (id),
    organisation_id       bigint REFERENCES organisation (id),
    -- Whose steward keys see and edit the watch; NULL: curators and admins only.
    owner_organisation_id bigint REFERENCES organisation (id),
    conditions            jsonb       NOT NULL,
    url                   text        NOT NULL,
    -- The signing secret, encrypted (AES-GCM, counterpower.watches.secret-key): the raw secret is
    -- needed to sign, so it cannot be hashed like an API key.
    secret_ciphertext     text        NOT NULL,
    active                boolean     NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now(),
    created_by            bigint REFERENCES api_key (id),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    deleted_at            timestamptz,
    CHECK ((project_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX watch_project ON watch (project_id) WHERE deleted_at IS NULL;
CREATE INDEX watch_organisation ON watch (organisation_id) WHERE deleted_at IS NULL;
CREATE INDEX watch_owner ON watch (owner_organisation_id) WHERE deleted_at IS NULL;

-- What a watch last saw of a project (one entry per condition); NULL state: never evaluated yet.
CREATE TABLE watch_state (
    watch_id     bigint      NOT NULL REFERENCES watch (id),
    project_id   bigint      NOT NULL REFERENCES project (id),
    state        jsonb,
    data_version bigint,
    evaluated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (watch_id, project_id)
);

-- Facts (stable ids) an event condition has already reported, or found when it started watching.
CREATE TABLE watch_seen_fact (
    watch_id   bigint NOT NULL REFERENCES watch (id),
    project_id bigint NOT NULL REFERENCES project (id),
    condition  int    NOT NULL,          -- the index of the condition in the watch
    fact_id    bigint NOT NULL,
    PRIMARY KEY (watch_id, project_id, condition, fact_id)
);

-- "Evaluate the watches that cover this scope again": written in the transaction of every change
-- ('project:<id>', 'global', 'watch:<id>', 'all'), claimed by evaluation workers of any instance.
CREATE TABLE watch_evaluation (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope        text        NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    claimed_by   text,
    claimed_at   timestamptz
);
CREATE INDEX watch_evaluation_pending ON watch_evaluation (id) WHERE claimed_at IS NULL;

-- The outbox and the delivery log: a row is written in the transaction that found the change,
-- and sent by delivery workers of any instance (claimed with FOR UPDATE SKIP LOCKED).
CREATE TABLE webhook_delivery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    watch_id        bigint      NOT NULL REFERENCES watch (id),
    project_id      bigint REFERENCES project (id),
    event_id        uuid        NOT NULL,            -- the same for a manual redelivery: receivers dedupe on it
    event_type      text        NOT NULL,
    payload         text        NOT NULL,            -- the exact bytes that are signed and sent
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'delivered', 'failed', 'cancelled')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_by      text,
    claimed_at      timestamptz,
    last_status     int,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    redelivery_of   bigint REFERENCES webhook_delivery (id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_delivery_sending ON webhook_delivery (claimed_at) WHERE state = 'sending';
CREATE INDEX webhook_delivery_watch ON webhook_delivery (watch_id, id);

-- Every attempt of a delivery: the answer's status, or why there was none.
CREATE TABLE webhook_attempt (
    delivery_id bigint      NOT NULL REFERENCES webhook_delivery (id),
    attempt     int         NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    worker      text        NOT NULL,
    status      int,
    error       text,
    duration_ms bigint      NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
