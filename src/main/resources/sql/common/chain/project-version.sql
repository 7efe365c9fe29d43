-- A project's version (V5), what If-Match names: values code.
SELECT version FROM projects WHERE code = ?
