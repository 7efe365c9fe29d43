package luqiao.map.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import luqiao.map.store.accounts.AccountStore;
import org.springframework.stereotype.Component;

/**
 * {@link UserStore} over the storage package's {@link AccountStore}: this side reads role names as
 * {@link Role}s (an unknown name is skipped) and knows what an administrator is.
 */
@Component
class StoredUserStore implements UserStore {

    private final AccountStore accounts;

    StoredUserStore(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<User> user(String username) {
        return accounts.user(username).map(StoredUserStore::user);
    }

    @Override
    public List<User> users() {
        return accounts.users().stream().map(StoredUserStore::user).toList();
    }

    @Override
    public boolean hasAdmin() {
        return users().stream().anyMatch(u -> u.enabled() && u.roles().contains(Role.ADMIN));
    }

    @Override
    public boolean create(User user) {
        return accounts.create(new AccountStore.StoredUser(
                user.username(),
                user.passwordHash(),
                names(user.roles()),
                user.enabled(),
                user.createdAt(),
                user.changedAt()));
    }

    @Override
    public boolean update(String username, Set<Role> roles, boolean enabled, String passwordHash) {
        return accounts.update(username, names(roles), enabled, passwordHash);
    }

    @Override
    public boolean delete(String username) {
        return accounts.delete(username);
    }

    @Override
    public void createToken(Token token, String tokenHash) {
        accounts.createToken(
                new AccountStore.StoredToken(
                        token.id(), token.username(), token.name(), token.createdAt(), token.expiresAt()),
                tokenHash);
    }

    @Override
    public Optional<Token> tokenByHash(String tokenHash) {
        return accounts.tokenByHash(tokenHash).map(StoredUserStore::token);
    }

    @Override
    public List<Token> tokens(String username) {
        return accounts.tokens(username).stream().map(StoredUserStore::token).toList();
    }

    @Override
    public boolean deleteToken(String username, String id) {
        return accounts.deleteToken(username, id);
    }

    @Override
    public int deleteTokens(String username) {
        return accounts.deleteTokens(username);
    }

    @Override
    public void audit(String actor, String action, String target, String client, String detail) {
        accounts.audit(actor, action, target, client, detail);
    }

    @Override
    public List<AuditEntry> audit(int limit) {
        return accounts.audit(limit).stream()
                .map(e -> new AuditEntry(
                        e.id(), e.occurredAt(), e.actor(), e.action(), e.target(), e.client(), e.detail()))
                .toList();
    }

    private static User user(AccountStore.StoredUser u) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        u.roles().stream().map(Role::parse).flatMap(Optional::stream).forEach(roles::add);
        return new User(u.username(), u.passwordHash(), roles, u.enabled(), u.createdAt(), u.changedAt());
    }

    private static Token token(AccountStore.StoredToken t) {
        return new Token(t.id(), t.username(), t.name(), t.createdAt(), t.expiresAt());
    }

    private static Set<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toSet());
    }
}
