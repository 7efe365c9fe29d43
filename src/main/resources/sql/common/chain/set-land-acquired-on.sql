-- The day a project's land was acquired: values date, code.
UPDATE projects SET land_acquired_on = ? WHERE code = ?
