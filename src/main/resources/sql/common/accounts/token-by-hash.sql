-- The token with this secret hash: values token hash.
SELECT id, username, name, created_at, expires_at FROM api_tokens WHERE token_hash = ?
