-- One more failure in a scope: values scope, user key, client, the failure's time. ON CONFLICT rather than
-- MERGE: PostgreSQL's MERGE fails with a duplicate key when another instance inserts the same row at once.
INSERT INTO login_failures (scope, user_key, client, failures, first_failure, last_failure)
SELECT s.scope, s.user_key, s.client, 1, s.at, s.at
FROM (VALUES (CAST(? AS VARCHAR(6)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(100)),
              CAST(? AS TIMESTAMP WITH TIME ZONE))) s (scope, user_key, client, at)
ON CONFLICT (scope, user_key, client)
    DO UPDATE SET failures = login_failures.failures + 1, last_failure = EXCLUDED.last_failure
