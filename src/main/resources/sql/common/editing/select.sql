-- The one row with this id, deleted or not, with its version and deletion time, for editors:
-- ${columns} are the fields of the audience that sees everything.
SELECT ${columns}, t.version, t.deleted_at
FROM ${table} t
WHERE t.${idColumn} = ?
