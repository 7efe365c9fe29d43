-- The level record of a layer, before a rebuild writes it anew (or when overviews are switched off). Values: layer.
DELETE FROM overview_levels WHERE layer = ?
