-- Before a failure is counted: forgets this attempt's rows whose window has passed, so that the count starts again.
-- Values as in failures.sql: user key, client, client, expired-before, user key, expired-before.
DELETE FROM login_failures
WHERE ((scope = 'pair' AND user_key = ? AND client = ?) OR (scope = 'client' AND user_key = '' AND client = ?))
      AND first_failure <= ?
   OR (scope = 'user' AND user_key = ? AND client = '' AND last_failure <= ?)
