-- The compost heap (issue #23, METHODOLOGY.md version 2 section 7): which member of a model family a
-- derivative was made from. afterlife_derivatives counts derivatives published after a newer release of
-- the family superseded their base, so the base must be named; null is unknown (the Hub's base_model names
-- a repository, not a family member), and lowers the indicator's coverage instead of guessing.
ALTER TABLE derivative ADD COLUMN base_name text;       -- the base as the derivative names it, e.g. meta-llama/Llama-2-7b-hf
ALTER TABLE derivative ADD COLUMN base_artifact text    -- the family member's artifact name (license_period.artifact_name), e.g. llama-2
    CHECK (base_artifact IS NULL OR base_artifact ~ '^[a-z0-9][a-z0-9._-]{0,79}$');
