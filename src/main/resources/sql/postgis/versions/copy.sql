-- Many version rows at once (an import), streamed in COPY text format: the columns of versions/insert, in its
-- order. PostgreSQL only; H2GIS records them with versions/insert in JDBC batches.
COPY feature_versions (layer, feature_id, version, action, actor, changed_at, before_json, after_json) FROM STDIN
