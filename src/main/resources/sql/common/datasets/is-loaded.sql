-- Whether a shipped data set was loaded already (so a restart does not load it twice).
SELECT COUNT(*) FROM dataset_loads WHERE name = ?
