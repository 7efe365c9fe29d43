-- The geometry column of a GeoJSON page (JdbcSpatialStore.findGeoJson), as GeoJSON text written by
-- PostGIS: 7 decimals (about 1 cm, as geojson.GeoJsonWriter keeps) and no crs member (option 0), so the
-- server copies it into the answer as it is, instead of parsing WKB and formatting every coordinate again
-- (pg_featureserv does the same).
ST_AsGeoJSON(t.geom, 7, 0)
