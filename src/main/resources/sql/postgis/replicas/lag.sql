-- How far a streaming replica is behind its primary, in seconds (store.replicas.ReplicaProbe): 0 when it has
-- replayed all it received (a quiet primary sends nothing, so the last replay's age would grow without any lag),
-- else the age of the last transaction it replayed. NULL (read as 0) on a server that is not a replica.
SELECT CASE
         WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
         ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
       END
