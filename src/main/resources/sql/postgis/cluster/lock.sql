-- The session advisory lock of a task that must not run on two instances at once (loading the shipped data set),
-- waiting for the instance holding it; held until unlock.sql or the end of the connection. Value the task's 64-bit key.
SELECT pg_advisory_lock(?)
