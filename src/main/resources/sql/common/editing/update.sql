-- Replaces the stored fields, measures and geometry of the live row with this id and version, and
-- bumps the version; 0 rows means another writer was first. ${assignments}: "column = ?" each.
UPDATE ${table}
SET ${assignments}, geom = ST_GeomFromWKB(?, 4326), version = version + 1
WHERE ${idColumn} = ? AND version = ? AND deleted_at IS NULL
