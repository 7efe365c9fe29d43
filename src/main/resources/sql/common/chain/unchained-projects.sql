-- Live projects with no stage event yet, and their stage: those the shipped history may be written for.
SELECT code, stage FROM projects WHERE deleted_at IS NULL AND code NOT IN (SELECT project_code FROM project_stage_events)
