-- A coarser overview level of the parcels (z below the finest), or the given cells of it, from the level just finer
-- (z + 1, already current) and the few parcels visible at z. Cells nest (a cell of z is the four cells of z + 1 whose
-- x and y halve to its own) and the smallest visible area of z is four times that of z + 1, so a cell's parcels too
-- small for z are exactly its children's bands below 8 (two octaves): band -1 sums their feature_count and area_m2, without reading
-- the tens of thousands of parcels a z10 cell holds. The bands 0..7 are the parcels visible at z (found through the
-- area index), banded, counted and united, simplified at a quarter pixel, as in build.sql, which builds the finest
-- level; band -1 is the cell's centre. The children's rows and the visible parcels are one UNION ALL grouped once (a
-- join of the two grouped tables is read again per row by H2).
-- PostGIS: the ST_Union aggregate (H2GIS spells it ST_Union(ST_Accum(...)), in sql/common).
-- ${children}: empty, or `AND c.cell_x BETWEEN ? AND ? AND c.cell_y BETWEEN ? AND ?` (the cells' children's box);
-- ${parcels}: empty, or `AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)`; ${cells}: empty, or
-- `WHERE g.cell_key = ANY(?)` (the cells, as x * 2^24 + y).
-- Values: layer, z, tolerance (degrees), 2^(z+2), 2^(z+2), layer, z + 1, those of ${children}, 2^(z+2), 2^(z+2),
-- smallest visible area (m²) twice, those of ${parcels}, then of ${cells}.
INSERT INTO overviews (layer, z, cell_x, cell_y, landuse_l1_code, landuse_l1_name, status, band, feature_count,
                       area_m2, geom)
SELECT ?, ?, g.cell_x, g.cell_y, g.landuse_l1_code, MIN(g.landuse_l1_name), g.status, g.band, SUM(g.feature_count),
       SUM(g.area_m2),
       CASE WHEN g.band >= 0
            THEN ST_SetSRID(ST_SimplifyPreserveTopology(ST_Union(g.geom), ?), 4326)
            ELSE ST_SetSRID(ST_MakePoint((g.cell_x + 0.5) / ? * 360 - 180,
                                         DEGREES(ATAN(SINH(PI() * (1 - 2 * (g.cell_y + 0.5) / ?))))), 4326) END
FROM (
    SELECT u.*, CAST(u.cell_x AS BIGINT) * 16777216 + u.cell_y AS cell_key
    FROM (
        SELECT c.cell_x / 2 AS cell_x, c.cell_y / 2 AS cell_y, c.landuse_l1_code, c.landuse_l1_name, c.status,
               -1 AS band, c.feature_count, c.area_m2, CAST(NULL AS geometry) AS geom
        FROM overviews c
        WHERE c.layer = ? AND c.z = ? AND c.band < 8 ${children}
        UNION ALL
        SELECT CAST(FLOOR((q.lon + 180) / 360 * ?) AS INTEGER),
               CAST(FLOOR((1 - LN(TAN(RADIANS(q.lat)) + 1 / COS(RADIANS(q.lat))) / PI()) / 2 * ?) AS INTEGER),
               q.landuse_l1_code, q.landuse_l1_name, q.status,
               CASE WHEN q.size < 4 THEN LEAST(7, CAST(FLOOR(4 * LN(q.size) / LN(2)) AS INTEGER))
                    ELSE LEAST(39, GREATEST(8, CAST(FLOOR(4 * LN(q.size) / LN(2)) AS INTEGER))) END,
               1, q.area_m2, q.geom
        FROM (
            SELECT t.landuse_l1_code, t.landuse_l1_name, t.status, t.area_m2, t.geom, t.area_m2 / ? AS size,
                   (ST_XMin(t.geom) + ST_XMax(t.geom)) / 2 AS lon, (ST_YMin(t.geom) + ST_YMax(t.geom)) / 2 AS lat
            FROM parcels t
            WHERE t.deleted_at IS NULL AND t.area_m2 >= ? ${parcels}
        ) q
    ) u
) g
${cells}
GROUP BY g.cell_x, g.cell_y, g.landuse_l1_code, g.status, g.band
