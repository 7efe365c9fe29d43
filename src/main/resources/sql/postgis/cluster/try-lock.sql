-- The advisory lock of one periodic job, held until the end of this transaction; false when another instance
-- holds it. Value the job's 64-bit key.
SELECT pg_try_advisory_xact_lock(?)
