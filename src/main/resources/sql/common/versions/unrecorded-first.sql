-- Features still at version 1 without a recorded version 1 (the shipped data set was loaded before
-- its first versions were recorded, issue #15), read as editing/select reads one: ${columns} are the
-- fields of the audience that sees everything. The layer's id is bound as ?.
SELECT ${columns}, t.version, t.deleted_at
FROM ${table} t
WHERE t.version = 1
  AND NOT EXISTS (SELECT 1 FROM feature_versions v
                   WHERE v.layer = ? AND v.feature_id = t.${idColumn} AND v.version = 1)
