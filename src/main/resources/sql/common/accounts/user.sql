-- One user: values username.
SELECT username, password_hash, roles, enabled, created_at, changed_at FROM app_users WHERE username = ?
