-- The rows of some cells of a level, before they are built again from the parcels now in them. The box of the
-- cells lets the primary key's (layer, z, cell_x, cell_y) prefix find them; the key list picks the cells within it.
-- Values: layer, z, min cell_x, max cell_x, min cell_y, max cell_y, the cells as x * 2^24 + y (an array).
DELETE FROM overviews
WHERE layer = ? AND z = ?
  AND cell_x BETWEEN ? AND ? AND cell_y BETWEEN ? AND ?
  AND CAST(cell_x AS BIGINT) * 16777216 + cell_y = ANY(?)
