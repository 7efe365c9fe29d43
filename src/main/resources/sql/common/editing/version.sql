-- The row's version (its ETag), deleted or not.
SELECT version FROM ${table} WHERE ${idColumn} = ?
