-- One feature by its id, if the audience may see it.
SELECT ${columns}
FROM ${source}
WHERE ${where} AND t.${idColumn} = ?
