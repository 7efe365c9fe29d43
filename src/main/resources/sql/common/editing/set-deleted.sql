-- Soft delete (a time) or undelete (null) of the row with this id and version, one version on.
UPDATE ${table} SET deleted_at = ?, version = version + 1 WHERE ${idColumn} = ? AND version = ?
