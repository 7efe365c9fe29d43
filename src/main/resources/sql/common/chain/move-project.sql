-- Moves a project to a stage with its actual dates, one version on: values stage, actual start, actual finish, code.
UPDATE projects SET stage = ?, actual_start = ?, actual_finish = ?, version = version + 1 WHERE code = ?
