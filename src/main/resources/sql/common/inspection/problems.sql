-- Every problem with its project's name, newest first (the list's filters are applied by the caller).
SELECT r.id, r.project_code, p.name_zh, r.inspection_id, r.category, r.description, r.department,
       r.raised_by, r.raised_at, r.due_date, r.status
  FROM problems r
  JOIN projects p ON p.code = r.project_code
 ORDER BY r.raised_at DESC, r.id DESC
