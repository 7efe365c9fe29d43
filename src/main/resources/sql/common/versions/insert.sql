-- One row of a feature's history (V5): values layer, feature id, version, action, actor, time, before, after.
INSERT INTO feature_versions (layer, feature_id, version, action, actor, changed_at, before_json, after_json)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
