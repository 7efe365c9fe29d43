-- Announces a change to every instance listening (store.ChangeFeed); run inside the writing transaction,
-- so the notice is delivered at its commit and never for a rollback. The payload is store.ChangeNotice's text.
SELECT pg_notify('luqiao_features', ?)
