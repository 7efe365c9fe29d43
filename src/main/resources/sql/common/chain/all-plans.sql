-- The planned dates of 前期 and 招引 of every project.
SELECT project_code, stage, planned_on FROM project_stage_plans
