-- A project's town (街道/镇), for statistics only. Projects carry no town and township boundaries
-- are not public, so a site's town is that of the parcel under its interior point, else of the
-- parcel nearest to it within 0.05° (about 5 km); parcels' towns partition the district by the
-- nearest town seat (gis-data/README.md).
COALESCE(
  (SELECT MIN(p.town) FROM parcels p
    WHERE p.geom && ST_PointOnSurface(t.geom) AND ST_Intersects(p.geom, ST_PointOnSurface(t.geom))),
  (SELECT p.town FROM parcels p
    WHERE p.geom && ST_Expand(ST_PointOnSurface(t.geom), 0.05, 0.05)
    ORDER BY ST_Distance(p.geom, ST_PointOnSurface(t.geom)), p.parcel_no LIMIT 1))
