-- Under the job's advisory lock: claims this period's run, unless another instance ran the job less than
-- min-gap seconds ago (an instance whose tick comes a little later must not run it again). One row when claimed.
-- Values job name, min-gap seconds. Times are the database's, the one clock all instances share.
INSERT INTO cluster_jobs (name, last_run) VALUES (?, clock_timestamp())
ON CONFLICT (name) DO UPDATE SET last_run = EXCLUDED.last_run
WHERE cluster_jobs.last_run <= clock_timestamp() - make_interval(secs => ?)
