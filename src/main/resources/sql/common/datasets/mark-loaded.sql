INSERT INTO dataset_loads (name, feature_count, loaded_at) VALUES (?, ?, ?)
