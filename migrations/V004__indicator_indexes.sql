-- Indicator statements (issue #6), found by bench/indicators/run.sh.
--
-- A merge recorded twice (the commit author and GitHub's merged_by) counts once: the statement looks
-- for another merge of the project with the same reference, in any recorded version. The natural
-- key index is partial (current rows only), so it cannot serve "as recorded on" reads, and the
-- lookup fell back to scanning every merge of the project for each merge: quadratic (16,000 merges
-- of one project did not finish in 4 minutes). This index makes it one probe per merge.
CREATE INDEX contribution_reference ON contribution (project_id, kind, reference);
