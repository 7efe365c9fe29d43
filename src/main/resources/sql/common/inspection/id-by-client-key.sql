-- The visit a phone sent before with this key: values client key.
SELECT id FROM inspections WHERE client_key = ?
