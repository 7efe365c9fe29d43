-- Every overview row of a layer, before a rebuild (or when overviews are switched off). Values: layer.
DELETE FROM overviews WHERE layer = ?
