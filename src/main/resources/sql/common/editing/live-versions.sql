-- The versions of the live rows among these ids (${ids}: one ? per id); unknown and deleted ids are absent.
SELECT ${idColumn}, version FROM ${table} WHERE deleted_at IS NULL AND ${idColumn} IN (${ids})
