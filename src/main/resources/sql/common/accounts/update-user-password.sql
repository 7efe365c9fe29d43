-- Replaces a user's roles, enabled flag and password hash: values roles, enabled, password hash, changed at, username.
UPDATE app_users SET roles = ?, enabled = ?, password_hash = ?, changed_at = ? WHERE username = ?
