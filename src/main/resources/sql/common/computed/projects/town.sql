-- A project's town (街道/镇), for statistics only. Projects carry no town and township boundaries
-- are not public, so a site's town is that of the parcel under its interior point, else of the
-- parcel nearest to it within 0.05° (about 5 km); parcels' towns partition the district by the
-- nearest town seat (gis-data/README.md).
-- The nearest parcel is looked for within 0.005° first: any parcel that near lies in that box, so
-- the answer is the same, and the 0.05° box (thousands of parcels, each measured) is searched only
-- for a site with no parcel that near. It took the dashboard's town figure from seconds to tenths.
COALESCE(
  (SELECT MIN(p.town) FROM parcels p
    WHERE p.geom && ST_PointOnSurface(t.geom) AND ST_Intersects(p.geom, ST_PointOnSurface(t.geom))),
  (SELECT p.town FROM parcels p
    WHERE p.geom && ST_Expand(ST_PointOnSurface(t.geom), 0.005, 0.005)
      AND ST_Distance(p.geom, ST_PointOnSurface(t.geom)) <= 0.005
    ORDER BY ST_Distance(p.geom, ST_PointOnSurface(t.geom)), p.parcel_no LIMIT 1),
  (SELECT p.town FROM parcels p
    WHERE p.geom && ST_Expand(ST_PointOnSurface(t.geom), 0.05, 0.05)
    ORDER BY ST_Distance(p.geom, ST_PointOnSurface(t.geom)), p.parcel_no LIMIT 1))
