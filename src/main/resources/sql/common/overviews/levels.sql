-- The zooms a layer's overviews were built for, and the latitude and pixel bound of their visibility rule.
-- Values: layer.
SELECT min_zoom, max_zoom, latitude, min_area_pixels FROM overview_levels WHERE layer = ?
