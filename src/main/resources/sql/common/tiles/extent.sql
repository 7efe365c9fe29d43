-- The lon/lat extent of what an audience may see of a layer (NULLs when it has no rows).
SELECT MIN(ST_XMin(t.geom)), MIN(ST_YMin(t.geom)), MAX(ST_XMax(t.geom)), MAX(ST_YMax(t.geom))
FROM ${table} t
WHERE ${rowFilter}
