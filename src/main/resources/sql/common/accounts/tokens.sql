-- A user's tokens, oldest first (never their secrets): values username.
SELECT id, username, name, created_at, expires_at FROM api_tokens WHERE username = ? ORDER BY created_at, id
