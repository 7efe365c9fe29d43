-- One audit log entry: values occurred at, actor, action, target, client, detail.
INSERT INTO audit_log (occurred_at, actor, action, target, client, detail) VALUES (?, ?, ?, ?, ?, ?)
