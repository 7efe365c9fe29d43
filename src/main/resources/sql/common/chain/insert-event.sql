-- One stage event: values code, from stage (null: conceived), to stage, date, actor, note, recorded at.
INSERT INTO project_stage_events (project_code, from_stage, to_stage, occurred_on, actor, note, recorded_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
