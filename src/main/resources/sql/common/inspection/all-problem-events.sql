-- Every problem's changes, oldest first (the dashboard's statuses as of a past date).
SELECT problem_id, occurred_at, by_user, from_status, to_status, note
  FROM problem_events
 ORDER BY problem_id, occurred_at, id
