-- A problem's changes, oldest first: values problem id.
SELECT problem_id, occurred_at, by_user, from_status, to_status, note
  FROM problem_events
 WHERE problem_id = ?
 ORDER BY occurred_at, id
