-- Counterpower fact model (METHODOLOGY.md section 2).
--
-- Conventions used by every fact table:
--   * A fact is never overwritten. Each row is one recorded version of a fact: an edit closes the
--     current row (superseded_at) and inserts a new one with the same stable `id`; a delete only
--     closes it. "As recorded on T" means: recorded_at <= T AND (superseded_at IS NULL OR superseded_at > T).
--   * `row_id` identifies one version (it is the revision exposed as ETag); `id` is the stable
--     identity of the fact across versions. Principal entities (organisation, project,
--     contributor, identity) have a header table holding the stable id and the immutable natural
--     key, so that other tables can reference them with real foreign keys.
--   * Periods are closed date ranges: valid_from and valid_to are the first and the last day the
--     fact holds (inclusive); NULL means open-ended on that side.
--   * Enumerations are text with CHECK constraints so that a later migration can extend them.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Stable ids of versioned facts that have no header table.
CREATE SEQUENCE fact_id_seq;

-- ---------------------------------------------------------------------------------------------
-- Access, audit and data versions
-- ---------------------------------------------------------------------------------------------

CREATE TABLE api_key (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL,
    key_prefix   text        NOT NULL UNIQUE,          -- shown in listings, never enough to authenticate
    key_hash     text        NOT NULL UNIQUE,          -- SHA-256 (hex) of the whole key; the key itself is never stored
    scopes       text[]      NOT NULL CHECK (cardinality(scopes) > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   bigint REFERENCES api_key (id),
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- Every write bumps the version of the scope it touches ('global' for shared facts such as
-- organisations, contributors and affiliations; 'project:<id>' for a project's own facts).
-- Values come from one sequence, so versions of different scopes are comparable.
CREATE SEQUENCE data_version_seq;
CREATE TABLE data_version (
    scope      text PRIMARY KEY,
    version    bigint      NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO data_version (scope, version, changed_at) VALUES ('global', nextval('data_version_seq'), now());

-- Which bundled datasets have been loaded, so that a restart never loads one twice.
CREATE TABLE dataset_load (
    name      text PRIMARY KEY,
    version   text        NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    counts    jsonb       NOT NULL DEFAULT '{}'
);

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    api_key_id  bigint REFERENCES api_key (id),
    actor       text        NOT NULL,                  -- key name, or 'system:<component>'
    action      text        NOT NULL,                  -- create | update | close | merge | unmerge | import | ...
    entity_type text        NOT NULL,
    entity_id   text        NOT NULL,
    before      jsonb,
    after       jsonb,
    reason      text
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

-- ---------------------------------------------------------------------------------------------
-- Organisations
-- ---------------------------------------------------------------------------------------------

CREATE TABLE organisation (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key        text        NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisation_version (
    row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            bigint      NOT NULL REFERENCES organisation (id),
    name          text        NOT NULL,
    type          text        NOT NULL CHECK (type IN ('company', 'foundation', 'nonprofit', 'academic', 'government', 'community')),
    aliases       text[]      NOT NULL DEFAULT '{}',
    domains       text[]      NOT NULL DEFAULT '{}',   -- lower-case email domains
    note          text,
    source_kind   text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url    text,
    source_note   text,
    confidence    text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    recorded_by   bigint REFERENCES api_key (id),
    change_reason text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX organisation_version_current ON organisation_version (id) WHERE superseded_at IS NULL;
CREATE INDEX organisation_version_history ON organisation_version (id, recorded_at);
CREATE INDEX organisation_version_domains ON organisation_version USING gin (domains) WHERE superseded_at IS NULL;

-- Parent as periods: an acquisition starts a period, it does not rewrite history.
CREATE TABLE organisation_parent (
    row_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    organisation_id bigint      NOT NULL REFERENCES organisation (id),
    parent_id       bigint      NOT NULL REFERENCES organisation (id),
    valid_from      date,
    valid_to        date,
    source_kind     text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url      text,
    source_note     text,
    confidence      text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    superseded_at   timestamptz,
    recorded_by     bigint REFERENCES api_key (id),
    change_reason   text,
    CHECK (organisation_id <> parent_id),
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL),
    -- An organisation has at most one parent on any day.
    EXCLUDE USING gist (organisation_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (superseded_at IS NULL)
);
CREATE UNIQUE INDEX organisation_parent_current ON organisation_parent (id) WHERE superseded_at IS NULL;
CREATE INDEX organisation_parent_lookup ON organisation_parent (organisation_id, valid_from);

-- ---------------------------------------------------------------------------------------------
-- Projects
-- ---------------------------------------------------------------------------------------------

CREATE TABLE project (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_version (
    row_id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                  bigint      NOT NULL REFERENCES project (id),
    name                text        NOT NULL,
    kind                text        NOT NULL CHECK (kind IN ('model', 'library', 'framework', 'tool', 'dataset')),
    origin              text        NOT NULL CHECK (origin IN ('corporate', 'community', 'academic', 'foundation')),
    description         text,
    homepage            text,
    upstream_project_id bigint REFERENCES project (id),  -- set for a fork
    fork_point_commit   text,                            -- work reachable from it belongs to the upstream
    fork_point_date     date,
    source_kind         text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url          text,
    source_note         text,
    confidence          text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    superseded_at       timestamptz,
    recorded_by         bigint REFERENCES api_key (id),
    change_reason       text,
    CHECK (upstream_project_id IS NULL OR upstream_project_id <> id),
    CHECK (upstream_project_id IS NOT NULL OR (fork_point_commit IS NULL AND fork_point_date IS NULL)),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX project_version_current ON project_version (id) WHERE superseded_at IS NULL;
CREATE INDEX project_version_history ON project_version (id, recorded_at);

CREATE TABLE project_repository (
    row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id    bigint      NOT NULL REFERENCES project (id),
    url           text        NOT NULL,
    branch        text,                                  -- NULL: the repository's default branch
    role          text        NOT NULL DEFAULT 'code' CHECK (role IN ('code', 'weights', 'data', 'docs')),
    source_kind   text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url    text,
    source_note   text,
    confidence    text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    recorded_by   bigint REFERENCES api_key (id),
    change_reason text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX project_repository_current ON project_repository (id) WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX project_repository_url ON project_repository (project_id, url) WHERE superseded_at IS NULL;

CREATE TABLE project_steward (
    row_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id      bigint      NOT NULL REFERENCES project (id),
    organisation_id bigint      NOT NULL REFERENCES organisation (id),
    valid_from      date,
    valid_to        date,
    source_kind     text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url      text,
    source_note     text,
    confidence      text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    superseded_at   timestamptz,
    recorded_by     bigint REFERENCES api_key (id),
    change_reason   text,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL),
    -- One steward at a time.
    EXCLUDE USING gist (project_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (superseded_at IS NULL)
);
CREATE UNIQUE INDEX project_steward_current ON project_steward (id) WHERE superseded_at IS NULL;
CREATE INDEX project_steward_lookup ON project_steward (project_id, valid_from);
CREATE INDEX project_steward_by_org ON project_steward (organisation_id);

-- ---------------------------------------------------------------------------------------------
-- Contributors, identities, affiliations, contributions
-- ---------------------------------------------------------------------------------------------

CREATE TABLE contributor (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contributor_version (
    row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            bigint      NOT NULL REFERENCES contributor (id),
    display_name  text        NOT NULL,
    note          text,
    source_kind   text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url    text,
    source_note   text,
    confidence    text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    recorded_by   bigint REFERENCES api_key (id),
    change_reason text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX contributor_version_current ON contributor_version (id) WHERE superseded_at IS NULL;
CREATE INDEX contributor_version_history ON contributor_version (id, recorded_at);

-- An identity is an observed tuple (a git name and email, or a platform username). The tuple is
-- immutable; which contributor it belongs to, and whether it is a bot, is the versioned
-- identity_link below (merge and unmerge change it, history stays).
CREATE TABLE identity (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text,
    email      text,
    platform   text CHECK (platform IN ('github', 'huggingface', 'gitlab')),
    username   text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (email IS NOT NULL OR username IS NOT NULL OR name IS NOT NULL),
    CHECK ((platform IS NULL) = (username IS NULL))
);
CREATE UNIQUE INDEX identity_natural ON identity (coalesce(name, ''), coalesce(lower(email), ''), coalesce(platform, ''), coalesce(lower(username), ''));
CREATE INDEX identity_email ON identity (lower(email));
CREATE INDEX identity_username ON identity (platform, lower(username));

CREATE TABLE identity_link (
    row_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             bigint      NOT NULL REFERENCES identity (id),    -- one link per identity at a time
    contributor_id bigint      NOT NULL REFERENCES contributor (id),
    is_bot         boolean     NOT NULL DEFAULT false,
    bot_reason     text,
    source_kind    text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url     text,
    source_note    text,
    confidence     text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    superseded_at  timestamptz,
    recorded_by    bigint REFERENCES api_key (id),
    change_reason  text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at)
);
CREATE UNIQUE INDEX identity_link_current ON identity_link (id) WHERE superseded_at IS NULL;
CREATE INDEX identity_link_contributor ON identity_link (contributor_id) WHERE superseded_at IS NULL;
CREATE INDEX identity_link_history ON identity_link (id, recorded_at);

-- Merges are recorded so that an unmerge restores exactly the links they changed.
CREATE TABLE contributor_merge (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    into_contributor bigint      NOT NULL REFERENCES contributor (id),
    from_contributor bigint      NOT NULL REFERENCES contributor (id),
    moved_link_rows  bigint[]    NOT NULL,  -- identity_link row_ids closed by the merge
    merged_at        timestamptz NOT NULL DEFAULT now(),
    merged_by        bigint REFERENCES api_key (id),
    unmerged_at      timestamptz,
    unmerged_by      bigint REFERENCES api_key (id),
    reason           text,
    CHECK (into_contributor <> from_contributor)
);

-- Enrolment: contributor -> organisation (NULL organisation = recorded as independent) over a period.
-- Unknown is the absence of a row, never a row with a NULL organisation.
CREATE TABLE affiliation (
    row_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    contributor_id  bigint      NOT NULL REFERENCES contributor (id),
    organisation_id bigint REFERENCES organisation (id),
    valid_from      date,
    valid_to        date,
    role            text,
    source_kind     text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    -- Precedence of METHODOLOGY.md section 2: 1 manual > 2 self-reported > 3 import/reference > 4 collectors > 5 email-domain.
    source_tier     smallint GENERATED ALWAYS AS (CASE source_kind
                        WHEN 'manual' THEN 1 WHEN 'self-reported' THEN 2
                        WHEN 'import' THEN 3 WHEN 'reference-dataset' THEN 3
                        WHEN 'email-domain' THEN 5 ELSE 4 END) STORED,
    source_url      text,
    source_note     text,
    confidence      text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    superseded_at   timestamptz,
    recorded_by     bigint REFERENCES api_key (id),
    change_reason   text,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL),
    -- Periods of the same source tier may not overlap (section 2).
    EXCLUDE USING gist (contributor_id WITH =, source_tier WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (superseded_at IS NULL)
);
CREATE UNIQUE INDEX affiliation_current ON affiliation (id) WHERE superseded_at IS NULL;
CREATE INDEX affiliation_contributor ON affiliation (contributor_id, valid_from);
CREATE INDEX affiliation_organisation ON affiliation (organisation_id) WHERE superseded_at IS NULL;

CREATE TABLE affiliation_dispute (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    affiliation_id  bigint      NOT NULL,                -- stable id of the disputed affiliation
    reason          text        NOT NULL,
    state           text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'upheld', 'rejected')),
    raised_by       bigint REFERENCES api_key (id),
    raised_at       timestamptz NOT NULL DEFAULT now(),
    resolved_by     bigint REFERENCES api_key (id),
    resolved_at     timestamptz,
    resolution_note text
);
CREATE INDEX affiliation_dispute_affiliation ON affiliation_dispute (affiliation_id);

-- Contributions are observations: collected, never edited; a correction closes the row.
CREATE TABLE contribution (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id            bigint      NOT NULL REFERENCES project (id),
    identity_id           bigint      NOT NULL REFERENCES identity (id),
    kind                  text        NOT NULL CHECK (kind IN ('commit', 'review', 'merge', 'issue', 'release')),
    at                    timestamptz NOT NULL,          -- a commit counts at its author date
    at_offset_minutes     smallint,                      -- the author's time zone offset
    reference             text        NOT NULL,          -- commit sha, pull request or issue URL, release tag
    repository_url        text,
    committer_identity_id bigint REFERENCES identity (id),
    committed_at          timestamptz,
    source_kind           text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url            text,
    confidence            text        NOT NULL DEFAULT 'verified' CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at           timestamptz NOT NULL DEFAULT now(),
    superseded_at         timestamptz,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at)
);
CREATE UNIQUE INDEX contribution_natural ON contribution (project_id, kind, reference, identity_id) WHERE superseded_at IS NULL;
CREATE INDEX contribution_window ON contribution (project_id, kind, at) INCLUDE (identity_id, recorded_at, superseded_at);
CREATE INDEX contribution_identity ON contribution (identity_id);

-- ---------------------------------------------------------------------------------------------
-- Governance
-- ---------------------------------------------------------------------------------------------

CREATE TABLE governance_body (
    row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id    bigint      NOT NULL REFERENCES project (id),
    kind          text        NOT NULL CHECK (kind IN ('board', 'steering-committee', 'technical-committee', 'maintainers', 'security-team')),
    name          text        NOT NULL,
    source_kind   text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url    text,
    source_note   text,
    confidence    text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    recorded_by   bigint REFERENCES api_key (id),
    change_reason text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX governance_body_current ON governance_body (id) WHERE superseded_at IS NULL;
CREATE INDEX governance_body_project ON governance_body (project_id);

CREATE TABLE governance_seat (
    row_id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                     bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    body_id                bigint      NOT NULL,          -- stable id of a governance_body
    holder_contributor_id  bigint REFERENCES contributor (id),
    holder_organisation_id bigint REFERENCES organisation (id),
    role                   text        NOT NULL DEFAULT 'member',
    valid_from             date,
    valid_to               date,
    evidence_ref           text,                          -- e.g. the commit that added a CODEOWNERS entry
    source_kind            text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url             text,
    source_note            text,
    confidence             text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at            timestamptz NOT NULL DEFAULT now(),
    superseded_at          timestamptz,
    recorded_by            bigint REFERENCES api_key (id),
    change_reason          text,
    CHECK ((holder_contributor_id IS NULL) <> (holder_organisation_id IS NULL)),
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX governance_seat_current ON governance_seat (id) WHERE superseded_at IS NULL;
CREATE INDEX governance_seat_body ON governance_seat (body_id);

CREATE TABLE governance_event (
    row_id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                   bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id           bigint      NOT NULL REFERENCES project (id),
    kind                 text        NOT NULL CHECK (kind IN ('foundation-transfer', 'cla-introduced', 'cla-relicensing', 'trademark', 'governance-doc-change', 'fork', 'steering-body-created')),
    event_date           date        NOT NULL,            -- first day of the interval when precision is month or year
    date_precision       text        NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month', 'year')),
    from_organisation_id bigint REFERENCES organisation (id),
    to_organisation_id   bigint REFERENCES organisation (id),
    note                 text,
    evidence_ref         text,
    source_kind          text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url           text,
    source_note          text,
    confidence           text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at          timestamptz NOT NULL DEFAULT now(),
    superseded_at        timestamptz,
    recorded_by          bigint REFERENCES api_key (id),
    change_reason        text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX governance_event_current ON governance_event (id) WHERE superseded_at IS NULL;
CREATE INDEX governance_event_project ON governance_event (project_id, event_date);

-- ---------------------------------------------------------------------------------------------
-- Funding
-- ---------------------------------------------------------------------------------------------

-- Rates that ship with the service (loaded from a resource that names its source).
CREATE TABLE currency_rate (
    currency     text    NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    year         int     NOT NULL,
    usd_per_unit numeric NOT NULL CHECK (usd_per_unit > 0),
    source_url   text    NOT NULL,
    PRIMARY KEY (currency, year)
);

CREATE TABLE funding_event (
    row_id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                        bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    recipient_project_id      bigint REFERENCES project (id),
    recipient_organisation_id bigint REFERENCES organisation (id),
    funder_organisation_id    bigint      NOT NULL REFERENCES organisation (id),
    type                      text        NOT NULL CHECK (type IN ('investment', 'grant', 'donation', 'sponsorship', 'membership', 'compute')),
    amount                    numeric(20, 2) CHECK (amount >= 0),
    currency                  text CHECK (currency ~ '^[A-Z]{3}$'),
    amount_scope              text CHECK (amount_scope IN ('funder', 'round')),
    reported_amount           numeric(20, 2) CHECK (reported_amount >= 0),  -- press figure not confirmed by the parties: shown, never summed
    reported_currency         text CHECK (reported_currency ~ '^[A-Z]{3}$'),
    event_date                date        NOT NULL,
    date_precision            text        NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month', 'year')),
    period_from               date,                       -- memberships and sponsorships
    period_to                 date,
    note                      text,
    source_kind               text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url                text,
    source_note               text,
    confidence                text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at               timestamptz NOT NULL DEFAULT now(),
    superseded_at             timestamptz,
    recorded_by               bigint REFERENCES api_key (id),
    change_reason             text,
    CHECK ((recipient_project_id IS NULL) <> (recipient_organisation_id IS NULL)),
    CHECK (amount IS NULL OR currency IS NOT NULL),
    CHECK (reported_amount IS NULL OR reported_currency IS NOT NULL),
    CHECK (period_from IS NULL OR period_to IS NULL OR period_to >= period_from),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX funding_event_current ON funding_event (id) WHERE superseded_at IS NULL;
CREATE INDEX funding_event_recipient_project ON funding_event (recipient_project_id, event_date);
CREATE INDEX funding_event_recipient_org ON funding_event (recipient_organisation_id, event_date);

-- ---------------------------------------------------------------------------------------------
-- Licenses
-- ---------------------------------------------------------------------------------------------

-- The catalog (METHODOLOGY.md section 5): SPDX licenses and LicenseRef-… terms SPDX lacks.
-- It is reference data shipped with the service, replaced as a whole by a catalog version.
CREATE TABLE license (
    id                      text PRIMARY KEY,            -- SPDX id or LicenseRef-…
    name                    text     NOT NULL,
    level                   smallint CHECK (level BETWEEN 0 AND 7),  -- NULL: not classified
    category                text,
    spdx                    boolean  NOT NULL,
    deprecated              boolean  NOT NULL DEFAULT false,
    replaced_by             text,                         -- current id of a deprecated SPDX id
    osi_approved            boolean,
    commercial_use          boolean,
    user_threshold          bigint,
    use_restrictions        boolean,
    competing_use           boolean,
    output_restrictions     boolean,
    copyleft                text CHECK (copyleft IN ('none', 'file', 'library', 'strong', 'network')),
    converts_to             text,
    attribution_or_branding boolean,
    licensor                text,
    reference_url           text,
    catalog_version         text     NOT NULL
);

CREATE TABLE license_fingerprint (
    license_id text NOT NULL REFERENCES license (id),
    kind       text NOT NULL CHECK (kind IN ('normalised-sha256', 'key-phrase')),
    value      text NOT NULL,
    PRIMARY KEY (license_id, kind, value)
);
CREATE INDEX license_fingerprint_value ON license_fingerprint (kind, value);

-- A period starts at valid_from and lasts until the next period of the same artifact.
CREATE TABLE license_period (
    row_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id     bigint      NOT NULL REFERENCES project (id),
    artifact       text        NOT NULL CHECK (artifact IN ('code', 'weights', 'data', 'docs')),
    expression     text        NOT NULL,                 -- SPDX expression, stored as given
    valid_from     date        NOT NULL,
    date_precision text        NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month', 'year')),
    change_kind    text        NOT NULL CHECK (change_kind IN ('initial', 'relicense', 'new-release')),
    release_label  text,
    text_sha256    text,                                 -- hash of an unrecognised license text
    evidence_ref   text,                                 -- commit that introduced the text
    note           text,
    source_kind    text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url     text,
    source_note    text,
    confidence     text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    superseded_at  timestamptz,
    recorded_by    bigint REFERENCES api_key (id),
    change_reason  text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX license_period_current ON license_period (id) WHERE superseded_at IS NULL;
CREATE INDEX license_period_project ON license_period (project_id, artifact, valid_from);

-- ---------------------------------------------------------------------------------------------
-- Adoption and compost; openness; benchmark positions
-- ---------------------------------------------------------------------------------------------

CREATE TABLE adopter (
    row_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id      bigint      NOT NULL REFERENCES project (id),
    organisation_id bigint      NOT NULL REFERENCES organisation (id),
    since           date,
    date_precision  text        NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month', 'year')),
    note            text,
    source_kind     text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url      text,
    source_note     text,
    confidence      text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    superseded_at   timestamptz,
    recorded_by     bigint REFERENCES api_key (id),
    change_reason   text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX adopter_current ON adopter (id) WHERE superseded_at IS NULL;
CREATE INDEX adopter_project ON adopter (project_id);

CREATE TABLE derivative (
    row_id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                        bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id                bigint      NOT NULL REFERENCES project (id),   -- the base
    derived_project_id        bigint REFERENCES project (id),
    derived_name              text        NOT NULL,     -- e.g. a Hugging Face repository id
    relation                  text        NOT NULL CHECK (relation IN ('finetune', 'merge', 'quantization', 'adapter', 'fork', 'distillation')),
    publisher_organisation_id bigint REFERENCES organisation (id),
    publisher_contributor_id  bigint REFERENCES contributor (id),
    publisher_name            text,                     -- as published, when it maps to nothing known
    published_at              date,
    source_kind               text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url                text,
    source_note               text,
    confidence                text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at               timestamptz NOT NULL DEFAULT now(),
    superseded_at             timestamptz,
    recorded_by               bigint REFERENCES api_key (id),
    change_reason             text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX derivative_current ON derivative (id) WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX derivative_natural ON derivative (project_id, derived_name, relation) WHERE superseded_at IS NULL;

CREATE TABLE download_count (
    row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id    bigint      NOT NULL REFERENCES project (id),
    platform      text        NOT NULL,
    period_from   date        NOT NULL,
    period_to     date        NOT NULL,
    downloads     bigint      NOT NULL CHECK (downloads >= 0),
    source_kind   text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url    text,
    source_note   text,
    confidence    text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    recorded_by   bigint REFERENCES api_key (id),
    change_reason text,
    CHECK (period_to >= period_from),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at)
);
CREATE UNIQUE INDEX download_count_current ON download_count (id) WHERE superseded_at IS NULL;
CREATE INDEX download_count_project ON download_count (project_id, period_to);

-- Openness profile for models (METHODOLOGY.md section 6), one status per component.
CREATE TABLE openness_component (
    row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id    bigint      NOT NULL REFERENCES project (id),
    component     text        NOT NULL CHECK (component IN ('inference-code', 'training-code', 'weights', 'training-data', 'data-documentation', 'evaluation', 'model-card', 'paper', 'license')),
    status        text        NOT NULL CHECK (status IN ('open', 'partial', 'closed', 'unknown')),
    note          text,
    source_kind   text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url    text,
    source_note   text,
    confidence    text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    recorded_by   bigint REFERENCES api_key (id),
    change_reason text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX openness_component_current ON openness_component (id) WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX openness_component_natural ON openness_component (project_id, component) WHERE superseded_at IS NULL;

-- A recorded benchmark position, for the counter-power profile's "competitive performance".
CREATE TABLE benchmark_result (
    row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            bigint      NOT NULL DEFAULT nextval('fact_id_seq'),
    project_id    bigint      NOT NULL REFERENCES project (id),
    benchmark     text        NOT NULL,
    measured_on   date        NOT NULL,
    rank          int CHECK (rank >= 1),
    score         numeric,
    best_closed_score numeric,
    note          text,
    source_kind   text        NOT NULL CHECK (source_kind IN ('manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset')),
    source_url    text,
    source_note   text,
    confidence    text        NOT NULL CHECK (confidence IN ('verified', 'reported', 'inferred')),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    recorded_by   bigint REFERENCES api_key (id),
    change_reason text,
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at),
    CHECK (source_kind NOT IN ('manual', 'reference-dataset') OR source_url IS NOT NULL)
);
CREATE UNIQUE INDEX benchmark_result_current ON benchmark_result (id) WHERE superseded_at IS NULL;

-- ---------------------------------------------------------------------------------------------
-- Background work
-- ---------------------------------------------------------------------------------------------

-- Rows claimed with FOR UPDATE SKIP LOCKED so that several instances can share the work.
CREATE TABLE job (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('collection')),
    project_id     bigint REFERENCES project (id),
    source         text        NOT NULL CHECK (source IN ('git', 'github', 'huggingface')),
    params         jsonb       NOT NULL DEFAULT '{}',
    state          text        NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    phase          text,
    progress_done  bigint      NOT NULL DEFAULT 0,
    progress_total bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    heartbeat_at   timestamptz,
    worker         text,
    error          text,
    stats          jsonb       NOT NULL DEFAULT '{}',
    created_by     bigint REFERENCES api_key (id)
);
CREATE UNIQUE INDEX job_one_active_collection ON job (project_id) WHERE state IN ('queued', 'running') AND kind = 'collection';
CREATE INDEX job_queue ON job (created_at) WHERE state = 'queued';

-- Where an incremental collection stopped, per repository.
CREATE TABLE collection_cursor (
    project_id     bigint      NOT NULL REFERENCES project (id),
    source         text        NOT NULL,
    repository_url text        NOT NULL,
    position       text        NOT NULL,   -- last commit sha, or an ETag / since marker
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, source, repository_url)
);
