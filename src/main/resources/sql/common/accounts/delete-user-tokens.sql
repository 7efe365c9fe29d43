-- All tokens of a user: values username.
DELETE FROM api_tokens WHERE username = ?
