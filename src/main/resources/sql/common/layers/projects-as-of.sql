-- The projects table as it stood on a past date, rebuilt from project_stage_events: a derived table
-- (alias t) with the same columns, so every read path (features, OGC items, statistics, tiles) puts
-- it in place of the table, and its row filter, CQL2 filters and sorting work unchanged on the
-- as-of stage.
--
-- The date is bound once, as the first ? of the statement, into a one-row sub-select that the
-- expressions refer to. The stage is the to_stage of the last event on or before the date; a
-- project with events, none of them by then, did not exist yet and is left out. A project without
-- any recorded event (history unknown, e.g. made by an import) keeps its current stage. Actual
-- dates after the as-of date had not happened yet and read as null.
-- ${columns}: the id and every other column read as it is (catalog fields and bookkeeping).
(SELECT ${columns},
    CASE WHEN p.actual_start <= d.as_of THEN p.actual_start END AS actual_start,
    CASE WHEN p.actual_finish <= d.as_of THEN p.actual_finish END AS actual_finish,
    CASE WHEN EXISTS (SELECT 1 FROM project_stage_events e WHERE e.project_code = p.code)
      THEN (SELECT e.to_stage FROM project_stage_events e
             WHERE e.project_code = p.code AND e.occurred_on <= d.as_of
             ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1)
      ELSE p.stage END AS stage
  FROM projects p CROSS JOIN (SELECT CAST(? AS DATE) AS as_of) d
  WHERE NOT EXISTS (SELECT 1 FROM project_stage_events e WHERE e.project_code = p.code)
     OR EXISTS (SELECT 1 FROM project_stage_events e WHERE e.project_code = p.code AND e.occurred_on <= d.as_of)) t
