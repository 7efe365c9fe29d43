-- One overview level of the parcels, or the given cells of it (store.overviews.OverviewStore): one row per
-- (cell, land-use class, status, size band). A parcel belongs to the cell (the tile of zoom z + 2) holding its
-- bounding-box centre, the cell index computed from lon/lat with the Web Mercator tile formulas (x from longitude, y
-- from ln(tan φ + sec φ), i.e. asinh(tan φ)); the same formulas are in store.overviews.OverviewCells, which names the
-- cells an edit touches. Its band is its size at z in quarter octaves, FLOOR(4 LOG2(area / the smallest visible
-- area)) up to 39, or -1 when it is too small to be drawn at z (the rule tiles thin by): tiles draw the larger bands
-- first, as the full render draws the larger parcels first. Sizes 1 and 4 are compared, not found by a logarithm, so
-- that a coarser level's split from this one (bands below 8: too small one zoom lower) is exact. feature_count and area_m2 are of every live parcel of the group; geom is
-- the union of its parcels, simplified at a quarter pixel, or for band -1 the cell's centre: a point carrying the
-- group's counts, in the cell's tile whatever its parcels' shapes. This builds the finest level; the coarser ones
-- take their band -1 counts from it (build-coarser.sql).
-- H2GIS: ST_Union of ST_Accum (its aggregate spelling); PostGIS has its own file.
-- ${parcels}: empty, or `AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)` (the cells' box, so the spatial index
-- finds their parcels); ${cells}: empty, or `WHERE p.cell_key = ANY(?)` (the cells, as x * 2^24 + y).
-- Values: layer, z, tolerance (degrees), 2^(z+2) four times, smallest visible area (m²), then those of
-- ${parcels} and ${cells}.
INSERT INTO overviews (layer, z, cell_x, cell_y, landuse_l1_code, landuse_l1_name, status, band, feature_count,
                       area_m2, geom)
SELECT ?, ?, p.cell_x, p.cell_y, p.landuse_l1_code, MIN(p.landuse_l1_name), p.status, p.band, COUNT(*),
       SUM(p.area_m2),
       CASE WHEN p.band >= 0
            THEN ST_SetSRID(ST_SimplifyPreserveTopology(ST_Union(ST_Accum(p.geom) FILTER (WHERE p.band >= 0)), ?), 4326)
            ELSE ST_SetSRID(ST_MakePoint((p.cell_x + 0.5) / ? * 360 - 180,
                                         DEGREES(ATAN(SINH(PI() * (1 - 2 * (p.cell_y + 0.5) / ?))))), 4326) END
FROM (
    SELECT c.*, CAST(c.cell_x AS BIGINT) * 16777216 + c.cell_y AS cell_key,
           CASE WHEN c.size < 1 THEN -1
                WHEN c.size < 4 THEN LEAST(7, CAST(FLOOR(4 * LN(c.size) / LN(2)) AS INTEGER))
                ELSE LEAST(39, GREATEST(8, CAST(FLOOR(4 * LN(c.size) / LN(2)) AS INTEGER))) END AS band
    FROM (
        SELECT q.*,
               CAST(FLOOR((q.lon + 180) / 360 * ?) AS INTEGER) AS cell_x,
               CAST(FLOOR((1 - LN(TAN(RADIANS(q.lat)) + 1 / COS(RADIANS(q.lat))) / PI()) / 2 * ?) AS INTEGER) AS cell_y
        FROM (
            SELECT t.landuse_l1_code, t.landuse_l1_name, t.status, t.area_m2, t.geom, t.area_m2 / ? AS size,
                   (ST_XMin(t.geom) + ST_XMax(t.geom)) / 2 AS lon, (ST_YMin(t.geom) + ST_YMax(t.geom)) / 2 AS lat
            FROM parcels t
            WHERE t.deleted_at IS NULL ${parcels}
        ) q
    ) c
) p
${cells}
GROUP BY p.cell_x, p.cell_y, p.landuse_l1_code, p.status, p.band
