-- Methodology version 2: the project's origin, read by the stage assessment.
-- Parameters: :project, :asof (the "as recorded on" instant).
-- Rules: METHODOLOGY.md section 1 (a project whose origin is corporate did not emerge from a community: where the data cannot decide the adoption and contribution gates they are held_by_origin).
-- Output columns (read by alias; one line each: column: the assessment field it feeds | the METHODOLOGY line it implements):
-- column origin: origin | METHODOLOGY section 1: "its assessment says origin: corporate", and the gates held_by_origin
select v.origin as origin
from project_version v
where v.id = :project and visible_at(v.recorded_at, v.superseded_at, :asof)
