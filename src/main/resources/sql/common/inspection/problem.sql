-- One problem with its project's name: values id.
SELECT r.id, r.project_code, p.name_zh, r.inspection_id, r.category, r.description, r.department,
       r.raised_by, r.raised_at, r.due_date, r.status
  FROM problems r
  JOIN projects p ON p.code = r.project_code
 WHERE r.id = ?
