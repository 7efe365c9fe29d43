-- All users, by name.
SELECT username, password_hash, roles, enabled, created_at, changed_at FROM app_users ORDER BY username
