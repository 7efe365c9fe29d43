-- What a transition needs of a live project's row, locked until the transaction ends: values code.
SELECT stage, version, actual_start, actual_finish FROM projects WHERE code = ? AND deleted_at IS NULL FOR UPDATE
