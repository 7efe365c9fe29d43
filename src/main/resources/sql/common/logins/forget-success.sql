-- A successful sign-in: forgets the user's failures at this address and their slowdown. Values user key, client,
-- user key.
DELETE FROM login_failures
WHERE (scope = 'pair' AND user_key = ? AND client = ?) OR (scope = 'user' AND user_key = ? AND client = '')
