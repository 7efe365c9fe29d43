-- A whole overview level, before it is built again. Values: layer, z.
DELETE FROM overviews WHERE layer = ? AND z = ?
