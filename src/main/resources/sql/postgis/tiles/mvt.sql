-- One layer of a tile encoded in PostGIS: one round trip per layer, and only the finished bytes (and
-- their feature count) cross the wire. ${candidates} is tiles/candidates with its geometry made tile
-- coordinates: ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), extent, buffer, true).
-- Values: the tile's z, x, y, then those of tiles/candidates. bench/run.sh takes this statement from
-- pg_stat_activity (it starts `SELECT ST_AsMVT(q, 'parcels'`) and names these values for pgbench.
SELECT ST_AsMVT(q, '${layerName}', ${extent}, 'geom'), COUNT(*)
FROM (${candidates}) q
WHERE q.geom IS NOT NULL
