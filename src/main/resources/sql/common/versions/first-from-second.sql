-- Features changed before their version 1 was recorded (issue #15): version 1 is the "before" of
-- their version 2, which holds the feature exactly as it was stored. The layer's id is bound as ?.
SELECT v.feature_id, v.before_json
FROM feature_versions v
WHERE v.layer = ? AND v.version = 2 AND v.before_json IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM feature_versions f
                   WHERE f.layer = v.layer AND f.feature_id = v.feature_id AND f.version = 1)
