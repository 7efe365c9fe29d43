-- The newest visits of all projects, newest first: values how many at most.
SELECT i.id, i.project_code, p.name_zh, i.visited_at, ST_X(i.geom), ST_Y(i.geom), i.distance_m, i.far,
       i.progress_text, i.progress_percent, i.created_by, i.created_at, i.client_key,
       (SELECT COUNT(*) FROM inspection_photos f WHERE f.inspection_id = i.id),
       (SELECT MIN(f.id) FROM inspection_photos f WHERE f.inspection_id = i.id)
  FROM inspections i
  JOIN projects p ON p.code = i.project_code
 ORDER BY i.visited_at DESC, i.id DESC
 LIMIT ?
