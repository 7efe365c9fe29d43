-- A tile's candidate rows of one layer: all tile attributes for the Java MVT encoder, only the style
-- keys for PNG drawing (${columns}), and the geometry as ${geometry} (lon/lat WKB here; tile
-- coordinates inside tiles/mvt on PostGIS, which wraps this very statement, so both encoders and
-- the renderer read the same candidates).
-- `t.geom && envelope` so that both databases use their spatial index: the envelope is computed once
-- in lon/lat, never the rows transformed. Polygons too small to see at the zoom are left out by their
-- stored ground area, and at most a limit of rows is read, largest first: the thinning rule when a
-- tile would exceed its caps.
-- Values: those of ${geometry} (none for WKB; z, x, y for tile coordinates), the as-of date (bound in
-- ${source}, only when read as of a date), the buffered tile in lon/lat (min x, min y, max x, max y),
-- the smallest polygon area in m², the row limit.
SELECT ${columns}, ${geometry} AS geom
FROM ${source}
WHERE ${rowFilter}
  AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)
  AND (t.area_m2 = 0 OR t.area_m2 >= ?)
ORDER BY t.area_m2 DESC, t.${idColumn}
LIMIT ?
