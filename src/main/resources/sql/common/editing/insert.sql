-- A new row: ${columns} are the id, the stored fields, the measures and geom; ${values} one ? each,
-- the geometry as WKB in lon/lat.
INSERT INTO ${table} (${columns}) VALUES (${values})
