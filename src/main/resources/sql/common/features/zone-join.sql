-- Joins each row (alias t) to the zone holding its interior point. The zones the audience may see
-- are a derived table, so the layer's own row filter and the zones' filter never meet in one scope.
JOIN (SELECT t.code AS zone_code, t.geom AS zone_geom
        FROM ${source}
       WHERE ${where} AND t.kind <> 'district') z
  ON z.zone_geom && t.geom AND ST_Contains(z.zone_geom, ST_PointOnSurface(t.geom))
