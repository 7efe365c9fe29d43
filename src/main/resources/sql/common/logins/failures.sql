-- The failures still counting for one sign-in attempt: values user key, client (the pair), client (the address),
-- counted-since for both (failures since the first one within the window), user key (the user), and the
-- user's counted-since (the window runs from the user's last failure).
SELECT scope, failures, last_failure
FROM login_failures
WHERE ((scope = 'pair' AND user_key = ? AND client = ?) OR (scope = 'client' AND user_key = '' AND client = ?))
      AND first_failure > ?
   OR (scope = 'user' AND user_key = ? AND client = '' AND last_failure > ?)
