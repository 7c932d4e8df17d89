-- Methodology version 2: the latest recorded benchmark result on or before :day, read by the counter-power profile.
-- Parameters: :project, :asof (the "as recorded on" instant), :day.
-- Rules: the counter-power profile's competitive capability (methodology/v2.json counterPower.competitive_performance: met at rank <= 10 or score >= 0.95 x the best closed model's, partial at rank <= 50 or >= 0.8 x).
-- Output columns (read by alias; one line each: column: the assessment field it feeds | the METHODOLOGY line it implements):
-- column benchmark: competitive_performance | METHODOLOGY section 7 counter-power profile: the benchmark of the latest result
-- column measured_on: competitive_performance | METHODOLOGY section 7 counter-power profile: when it was measured
-- column rank: competitive_performance | METHODOLOGY section 7 counter-power profile: the project's rank on it
-- column score: competitive_performance | METHODOLOGY section 7 counter-power profile: the project's score
-- column best_closed_score: competitive_performance | METHODOLOGY section 7 counter-power profile: the best closed model's score
select b.benchmark as benchmark, b.measured_on as measured_on, b.rank as rank, cast(b.score as float8) as score,
       cast(b.best_closed_score as float8) as best_closed_score
from benchmark_result b
where b.project_id = :project and b.measured_on <= :day
  and visible_at(b.recorded_at, b.superseded_at, :asof)
order by b.measured_on desc, b.id desc limit 1
