-- The periodic clean-up: rows whose last failure is older than the window count no more in any scope. Value the
-- window's start.
DELETE FROM login_failures WHERE last_failure <= ?
