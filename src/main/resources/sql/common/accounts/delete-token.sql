-- One token of a user: values username, id.
DELETE FROM api_tokens WHERE username = ? AND id = ?
