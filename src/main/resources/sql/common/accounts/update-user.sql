-- Replaces a user's roles and enabled flag: values roles, enabled, changed at, username.
UPDATE app_users SET roles = ?, enabled = ?, changed_at = ? WHERE username = ?
