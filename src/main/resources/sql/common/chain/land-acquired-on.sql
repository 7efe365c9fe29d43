-- The day a project's land was acquired (null when not yet): values code.
SELECT land_acquired_on FROM projects WHERE code = ?
