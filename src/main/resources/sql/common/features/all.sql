-- Every feature matching the conditions, in order (streamed exports, analysis candidates).
SELECT ${columns}
FROM ${source}
WHERE ${where}
ORDER BY ${order}
