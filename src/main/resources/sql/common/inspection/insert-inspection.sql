-- One visit: values project code, visited at, position as WKT (null: none), distance m, far, progress text,
-- progress per cent, created by, created at, client key.
INSERT INTO inspections (project_code, visited_at, geom, distance_m, far, progress_text, progress_percent,
                         created_by, created_at, client_key)
VALUES (?, ?, ST_GeomFromText(?, 4326), ?, ?, ?, ?, ?, ?, ?)
