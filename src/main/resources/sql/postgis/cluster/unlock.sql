-- Releases the session advisory lock taken by lock.sql on this connection. Value the task's 64-bit key.
SELECT pg_advisory_unlock(?)
