-- The bounding box of the features the audience sees (a collection's extent).
SELECT MIN(ST_XMin(t.geom)), MIN(ST_YMin(t.geom)), MAX(ST_XMax(t.geom)), MAX(ST_YMax(t.geom))
FROM ${source}
WHERE ${where}
