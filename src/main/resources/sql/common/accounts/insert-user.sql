-- A new user (roles: names joined by commas): values username, password hash, roles, enabled, created at, changed at.
INSERT INTO app_users (username, password_hash, roles, enabled, created_at, changed_at) VALUES (?, ?, ?, ?, ?, ?)
