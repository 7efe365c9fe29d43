-- An administrator's unlock: forgets every failure of the user, at every address. Value user key.
DELETE FROM login_failures WHERE scope IN ('pair', 'user') AND user_key = ?
