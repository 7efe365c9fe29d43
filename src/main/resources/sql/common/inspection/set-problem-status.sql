-- Moves a problem to a status: values status, id.
UPDATE problems SET status = ? WHERE id = ?
