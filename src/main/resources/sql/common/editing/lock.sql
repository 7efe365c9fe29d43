-- The row's version, locked until the transaction ends, so concurrent writers queue here.
SELECT version FROM ${table} WHERE ${idColumn} = ? FOR UPDATE
