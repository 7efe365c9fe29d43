-- One more failure in a scope (H2; PostgreSQL: sql/postgis/logins/count-failure.sql): values scope, user key,
-- client, the failure's time. A new row starts at one, its window at this failure.
MERGE INTO login_failures t
USING (VALUES (CAST(? AS VARCHAR(6)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(100)),
               CAST(? AS TIMESTAMP WITH TIME ZONE))) s (scope, user_key, client, at)
ON t.scope = s.scope AND t.user_key = s.user_key AND t.client = s.client
WHEN MATCHED THEN UPDATE SET failures = t.failures + 1, last_failure = s.at
WHEN NOT MATCHED THEN INSERT (scope, user_key, client, failures, first_failure, last_failure)
    VALUES (s.scope, s.user_key, s.client, 1, s.at, s.at)
