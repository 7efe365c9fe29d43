-- The geometry column of a GeoJSON page (JdbcSpatialStore.findGeoJson): here WKB, which the store
-- writes as GeoJSON itself (H2GIS); sql/postgis has the database write it.
ST_AsBinary(t.geom)
