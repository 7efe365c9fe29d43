-- The levels, locked until the writing transaction ends: refreshes of the same layer take turns, so the second sees
-- the first's rows once it commits (two refreshes of one cell would otherwise both insert its rows). Values: layer.
SELECT min_zoom, max_zoom, latitude, min_area_pixels FROM overview_levels WHERE layer = ? FOR UPDATE
