-- The rows of one geometry family (GeometryFamily): its OGC dimension is bound, 0 for points, 1 for
-- lines, 2 for polygons, multi-part geometries in their parts' family. PostGIS and H2GIS spell and
-- count ST_Dimension alike, so the families of a layer always add up to the whole layer.
ST_Dimension(t.geom) = ?
