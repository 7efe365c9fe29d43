-- A user: values username.
DELETE FROM app_users WHERE username = ?
