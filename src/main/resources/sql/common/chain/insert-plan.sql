-- One planned date of a stage: values code, stage, date.
INSERT INTO project_stage_plans (project_code, stage, planned_on) VALUES (?, ?, ?)
