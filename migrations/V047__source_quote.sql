-- Issue #20 part 7: the sentence of a fact's source that states it (its quote) is part of the fact's
-- source, beside its URL and note, so that a reader sees why a fact is `verified`: kept as data, in the
-- API (`source.quote`), CSV exports and imports and snapshots, rather than inside the source note.
-- One nullable column on every table whose rows carry a source written by people or by the default
-- dataset. Collected facts (git, github, huggingface, email-domain) cite the file at a commit they were
-- read from; the file itself is their evidence and they carry no quote. Contributions, which only
-- collectors record, get no column. The rule "verified needs a quote" applies to writes through the API
-- (Caller.write), not as a CHECK here: versions recorded before this migration are history and stay as
-- they were (the default dataset's are corrected by its next version, ReferenceDatasetUpgrade).
ALTER TABLE organisation_version ADD COLUMN source_quote text;
ALTER TABLE organisation_parent  ADD COLUMN source_quote text;
ALTER TABLE project_version      ADD COLUMN source_quote text;
ALTER TABLE project_repository   ADD COLUMN source_quote text;
ALTER TABLE project_steward      ADD COLUMN source_quote text;
ALTER TABLE contributor_version  ADD COLUMN source_quote text;
ALTER TABLE identity_link        ADD COLUMN source_quote text;
ALTER TABLE affiliation          ADD COLUMN source_quote text;
ALTER TABLE governance_body      ADD COLUMN source_quote text;
ALTER TABLE governance_seat      ADD COLUMN source_quote text;
ALTER TABLE governance_event     ADD COLUMN source_quote text;
ALTER TABLE funding_event        ADD COLUMN source_quote text;
ALTER TABLE license_period       ADD COLUMN source_quote text;
ALTER TABLE adopter              ADD COLUMN source_quote text;
ALTER TABLE derivative           ADD COLUMN source_quote text;
ALTER TABLE download_count       ADD COLUMN source_quote text;
ALTER TABLE openness_component   ADD COLUMN source_quote text;
ALTER TABLE benchmark_result     ADD COLUMN source_quote text;
