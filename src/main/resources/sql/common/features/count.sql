-- How many features match: numberMatched of a page that is not the whole answer.
SELECT COUNT(*)
FROM ${source}
WHERE ${where}
