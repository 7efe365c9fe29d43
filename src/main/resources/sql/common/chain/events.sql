-- A project's stage events, oldest first (by date, then by the order they were recorded): values code.
SELECT id, from_stage, to_stage, occurred_on, actor, note, recorded_at FROM project_stage_events
WHERE project_code = ? ORDER BY occurred_on, id
