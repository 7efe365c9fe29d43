-- A new API token, stored by the hash of its secret: values id, username, token hash, name, created at, expires at.
INSERT INTO api_tokens (id, username, token_hash, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
