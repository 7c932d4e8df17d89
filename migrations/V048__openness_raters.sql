-- Issue #20 part 6, METHODOLOGY.md section 6: the ratings of the European Open Source AI Index and of the
-- Model Openness Tool are imported as facts of source `import`, one per component and rater, beside the
-- service's own record of the component (rater null). The natural key becomes model, component and rater;
-- where the recorded statuses of a component disagree, the profile shows them all and the component as
-- `disputed` (OpennessProfiles). A rater names an external index, so only imported facts carry one.
ALTER TABLE openness_component ADD COLUMN rater text;
ALTER TABLE openness_component ADD CONSTRAINT openness_component_rater_check
    CHECK (rater IS NULL OR (rater IN ('eu-open-source-ai-index', 'model-openness-tool') AND source_kind = 'import'));
DROP INDEX openness_component_natural;
CREATE UNIQUE INDEX openness_component_natural ON openness_component (project_id, component, coalesce(rater, ''))
    WHERE superseded_at IS NULL;
