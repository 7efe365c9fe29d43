-- One problem: values project code, inspection id (null: raised without a visit), category, description,
-- department, raised by, raised at, due date, status.
INSERT INTO problems (project_code, inspection_id, category, description, department, raised_by, raised_at,
                      due_date, status)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
