-- A tile's rows of a layer's overview at the tile's zoom (store.overviews): the groups of parcels per cell, land-use
-- class, status and size band, with ${columns} (all overview attributes for the encoders, the style key for drawing)
-- and the geometry as ${geometry} (lon/lat WKB, or tile coordinates inside tiles/mvt on PostGIS). Same shape as
-- tiles/candidates: `t.geom && envelope` for the spatial index, largest first, as tiles/candidates draws the larger
-- parcels first (so a smaller one of another class shows on top of a larger one as there): the larger size band
-- first, within a band the larger mean parcel first (a group of one parcel is ordered by its very area; by the
-- groups' summed areas, about half the differing pixels of the benchmark's z11-z12 tiles came from large parcels of
-- one band drawn in the wrong order), then in a stable order; at most a limit (which a level of 16 cells per tile
-- times its classes, statuses and bands does not reach in practice).
-- Values: those of ${geometry}, the layer, the zoom, the buffered tile in lon/lat (min x, min y, max x, max y), the
-- row limit.
SELECT ${columns}, ${geometry} AS geom
FROM overviews t
WHERE t.layer = ? AND t.z = ?
  AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)
ORDER BY t.band DESC, t.area_m2 / t.feature_count DESC, t.cell_x, t.cell_y, t.landuse_l1_code, t.status
LIMIT ?
