-- Disputes of any fact (issue 17). A steward key that edits or closes a fact it did not record
-- itself (a fact of another source, or another key's self-reported fact) does not change it: the
-- request is kept here as a proposal that a curator accepts (the change is applied, recorded with
-- the curator's key and reason) or rejects (nothing changes). A steward's self-reported affiliation
-- that another source contradicts over the same dates is kept here too (action 'claim'), so that
-- it does not count in indicators until a curator accepts it: the attribution SQL reads only the
-- affiliation table, which the claim enters on acceptance.
-- affiliation_dispute (V001) stays for the disputes anyone raises against an affiliation.
CREATE TABLE fact_dispute (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fact_kind         text        NOT NULL,                    -- 'governance-event', 'license-period', 'affiliation', ...
    fact_id           bigint,                                  -- stable id of the disputed fact; null for a claim
    action            text        NOT NULL CHECK (action IN ('edit', 'close', 'claim')),
    proposal          jsonb,                                   -- the request body of an edit or a claim
    conflicts_with    jsonb,                                   -- a claim: ids of the facts of other sources it contradicts
    reason            text        NOT NULL,
    state             text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
    raised_by         bigint REFERENCES api_key (id),
    raised_at         timestamptz NOT NULL,
    resolved_by       bigint REFERENCES api_key (id),
    resolved_at       timestamptz,
    resolution_reason text,
    resulting_fact_id bigint,                                  -- an accepted claim: the fact it recorded
    CHECK ((action = 'claim') = (fact_id IS NULL)),
    CHECK ((state = 'open') = (resolved_at IS NULL))
);
CREATE INDEX fact_dispute_fact ON fact_dispute (fact_kind, fact_id);
CREATE INDEX fact_dispute_open ON fact_dispute (state, id) WHERE state = 'open';
