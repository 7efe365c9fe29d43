package luqiao.map.store;

/**
 * Published when users or API tokens changed (created, disabled, new roles or password, deleted, revoked), so that
 * caches of checked credentials forget them. On PostgreSQL the {@link ChangeFeed} tells the other instances, which
 * hear it as one from {@code elsewhere}: a user disabled through one instance is refused by all at once, not when
 * another instance's cached check runs out.
 *
 * @param elsewhere whether the change was made by another instance (and so must not be announced again)
 */
public record AccountsChanged(boolean elsewhere) {}
