-- A problem's status, its row locked until the transaction ends: values id.
SELECT status FROM problems WHERE id = ? FOR UPDATE
