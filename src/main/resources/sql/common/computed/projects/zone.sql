-- A project's zone, derived from its geometry (alias t), never typed in: the smallest public
-- non-district zone the site touches, so a project in 飞龙湖 reports 飞龙湖, not the district.
(SELECT z.code FROM zones z
  WHERE z.kind <> 'district' AND z.is_public = TRUE AND z.deleted_at IS NULL
    AND z.geom && t.geom AND ST_Intersects(z.geom, t.geom)
  ORDER BY z.area_m2 LIMIT 1)
