-- Methodology version 2: the openness of the project's training code and data, read by the counter-power profile.
-- Parameters: :project, :asof (the "as recorded on" instant).
-- Rules: METHODOLOGY.md section 6 (openness components) and the counter-power profile's training capability (methodology/v2.json counterPower.training_capability; section 7, the counter-power profile).
-- Output columns (read by alias; one line each: column: the assessment field it feeds | the METHODOLOGY line it implements):
-- column training_code: training_capability | METHODOLOGY section 6: the status of the training-code component (null when not rated; `disputed` when raters differ)
-- column training_data: training_capability | METHODOLOGY section 6: the status of the training-data component (null when not rated; `disputed` when raters differ)
select (select case when count(distinct c.status) filter (where c.status <> 'unknown') > 1 then 'disputed'
                    else coalesce(max(c.status) filter (where c.status <> 'unknown'), max(c.status)) end
          from openness_component c where c.project_id = :project and c.component = 'training-code'
          and visible_at(c.recorded_at, c.superseded_at, :asof)) as training_code,
       (select case when count(distinct c.status) filter (where c.status <> 'unknown') > 1 then 'disputed'
                    else coalesce(max(c.status) filter (where c.status <> 'unknown'), max(c.status)) end
          from openness_component c where c.project_id = :project and c.component = 'training-data'
          and visible_at(c.recorded_at, c.superseded_at, :asof)) as training_data
