-- The channel store.ChangeFeed's own connection listens on (see changes/notify).
LISTEN luqiao_features
