-- A project's planned dates of 前期 and 招引: values code.
SELECT stage, planned_on FROM project_stage_plans WHERE project_code = ?
