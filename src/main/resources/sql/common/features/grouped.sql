-- Statistics in one statement: the selected rows as (keys..., summed value) in a derived table,
-- counted and summed per group outside it. ${keys}: k0, k1, ... aliases; ${inner}: the key and sum
-- expressions; ${join}: the zone join of per-zone totals, or nothing; ${groupBy}: GROUP BY and
-- ORDER BY of the keys, or nothing.
SELECT ${keys}COUNT(*), SUM(g.s)
FROM (SELECT ${inner} FROM ${source}${join} WHERE ${where}) g
${groupBy}
