-- One layer of a tile encoded in PostGIS: one round trip per layer, and only the finished bytes (and
-- their feature count) cross the wire. The candidates are those of tiles/candidates, their geometry
-- made tile coordinates by ST_AsMVTGeom (clipped to the tile and its ${buffer}).
-- Values: the tile's z, x, y, then those of tiles/candidates. bench/run.sh takes this statement from
-- pg_stat_activity (it starts `SELECT ST_AsMVT(q, 'parcels'`) and names these values for pgbench.
SELECT ST_AsMVT(q, '${layerName}', ${extent}, 'geom'), COUNT(*)
FROM (
  SELECT ${columns}, ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), ${extent}, ${buffer}, true) AS geom
  FROM ${source}
  WHERE ${rowFilter}
    AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)
    AND (t.area_m2 = 0 OR t.area_m2 >= ?)
  ORDER BY t.area_m2 DESC, t.${idColumn}
  LIMIT ?
) q
WHERE q.geom IS NOT NULL
