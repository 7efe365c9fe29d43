-- One step of a project along the chain: project, from stage (null on entry), to stage, day, who, note, when recorded.
INSERT INTO project_stage_events (project_code, from_stage, to_stage, occurred_on, actor, note, recorded_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
