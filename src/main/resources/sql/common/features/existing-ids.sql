-- Which of these ids are taken, deleted features included (${ids}: one ? per id).
SELECT ${idColumn} FROM ${table} WHERE ${idColumn} IN (${ids})
