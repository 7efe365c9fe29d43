package luqiao.map.store;

/**
 * Published when changes made by other instances may have gone unheard (the listening connection was lost
 * and is back): caches of derived data must forget everything, since they cannot know what is stale.
 *
 * @param reason a short tag for logs and metrics, e.g. {@code listener-reconnect}
 */
public record ChangesMissed(String reason) {}
