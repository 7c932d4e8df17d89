-- What a merge moved, so that an unmerge restores the state before it exactly: the identity links
-- and affiliations it superseded, and the version of the merged-away contributor it closed.
ALTER TABLE contributor_merge
    ADD COLUMN moved_affiliation_rows bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN from_contributor_row   bigint;

-- Accents are ignored when names are compared to suggest merges ("José" and "Jose").
CREATE EXTENSION IF NOT EXISTS unaccent;
