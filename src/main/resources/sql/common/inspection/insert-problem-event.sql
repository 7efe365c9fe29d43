-- One change of a problem's status: values problem id, at, by, from status (null: raised), to status, note.
INSERT INTO problem_events (problem_id, occurred_at, by_user, from_status, to_status, note)
VALUES (?, ?, ?, ?, ?, ?)
