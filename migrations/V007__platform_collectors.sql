-- GitHub and Hugging Face collectors (issue #9).
--
-- Contribution kinds (commit, review, merge, issue, release), identity platforms (github,
-- huggingface) and the collector source kinds are in V001 already. What is new is an affiliation
-- hint of its own source kind: public membership of a GitHub organisation ('github-org').
--
-- Its tier is 4, the collectors' (METHODOLOGY.md section 2: manual > self-reported > import >
-- collectors > email-domain): the generated source_tier maps every kind it does not name to 4, so
-- the column needs no change. A membership is a statement GitHub publishes about the account, read
-- from the platform like the other collected facts, and more specific than the domain of an email
-- address; curated tiers (1 to 3) always win over it when indicators pick the affiliation of a day.
ALTER TABLE affiliation DROP CONSTRAINT affiliation_source_kind_check;
ALTER TABLE affiliation ADD CONSTRAINT affiliation_source_kind_check CHECK (source_kind IN (
    'manual', 'self-reported', 'import', 'git', 'github', 'huggingface', 'email-domain', 'reference-dataset',
    'github-org'));
