-- The newest audit log entries first: values limit.
SELECT id, occurred_at, actor, action, target, client, detail FROM audit_log ORDER BY id DESC LIMIT ?
