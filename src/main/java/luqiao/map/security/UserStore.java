package luqiao.map.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage of users, API tokens and the audit log, in the security feature's terms ({@link Role}s); {@link StoredUserStore} keeps it in {@code store.accounts}. */
public interface UserStore {

    record User(
            String username,
            String passwordHash,
            Set<Role> roles,
            boolean enabled,
            Instant createdAt,
            Instant changedAt) {}

    record Token(String id, String username, String name, Instant createdAt, Instant expiresAt) {}

    record AuditEntry(
            long id, Instant occurredAt, String actor, String action, String target, String client, String detail) {}

    /** The user, or empty when there is none with this name. */
    Optional<User> user(String username);

    /** All users, by name. */
    List<User> users();

    /** Whether an enabled user holds {@link Role#ADMIN}. */
    boolean hasAdmin();

    /** Creates the user; false when the name is taken (nothing changes). */
    boolean create(User user);

    /** Replaces roles, enabled flag and, when not null, the password hash; false when there is no such user. */
    boolean update(String username, Set<Role> roles, boolean enabled, String passwordHash);

    /** Deletes the user and their tokens; false when there is no such user. */
    boolean delete(String username);

    /** Stores a token by the hash of its secret. */
    void createToken(Token token, String tokenHash);

    /** The token with this secret hash and its owner, or empty when unknown. Expiry is the caller's check. */
    Optional<Token> tokenByHash(String tokenHash);

    /** The user's tokens (never their secrets). */
    List<Token> tokens(String username);

    /** Deletes the user's token; false when the user has no token with this id. */
    boolean deleteToken(String username, String id);

    /** Deletes every token of the user; the number deleted. */
    int deleteTokens(String username);

    /** Appends to the audit log. */
    void audit(String actor, String action, String target, String client, String detail);

    /** The newest audit entries first, at most {@code limit}. */
    List<AuditEntry> audit(int limit);
}
