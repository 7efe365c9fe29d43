-- One page of a layer's features the audience may see. ${columns}: id, fields, WKB geometry;
-- ${source}: the table or its as-of derived table (alias t); ${where}: the audience's row filter
-- and the request's conditions, values bound; ${order}: catalog columns, the id last.
SELECT ${columns}
FROM ${source}
WHERE ${where}
ORDER BY ${order}
LIMIT ? OFFSET ?
