-- Imported rows streamed in PostgreSQL's COPY text format (issue #18): ${columns} as editing/insert binds
-- them (id, stored fields, measures, geom); the geometry as SRID=4326;hex EWKB. PostgreSQL only: H2GIS
-- has no such statement and imports with editing/insert in JDBC batches.
COPY ${table} (${columns}) FROM STDIN
