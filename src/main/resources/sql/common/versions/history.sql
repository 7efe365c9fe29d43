-- Every recorded version of one feature, oldest first.
SELECT version, action, actor, changed_at, before_json, after_json
FROM feature_versions
WHERE layer = ? AND feature_id = ?
ORDER BY version
