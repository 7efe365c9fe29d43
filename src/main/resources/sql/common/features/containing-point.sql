-- The features containing a point (lon, lat bound twice), smallest first; && first, because H2GIS
-- uses its spatial index only through that operator.
SELECT ${columns}
FROM ${source}
WHERE ${where}
  AND t.geom && ST_SetSRID(ST_MakePoint(?, ?), 4326)
  AND ST_Contains(t.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
ORDER BY t.area_m2
