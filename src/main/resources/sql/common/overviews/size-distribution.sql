-- What the overview levels are derived from: the live parcels' median ground area, the latitude span of their
-- extent (its centre is where pixels are measured) and how many there are.
SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY t.area_m2), MIN(ST_YMin(t.geom)), MAX(ST_YMax(t.geom)), COUNT(*)
FROM parcels t
WHERE t.deleted_at IS NULL
