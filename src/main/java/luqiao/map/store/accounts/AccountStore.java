package luqiao.map.store.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import luqiao.map.store.SqlStatements;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Users, API tokens and the audit log (tables from migration V4); the same statements run on PostGIS
 * and H2GIS ({@code sql/common/accounts/*.sql}). Roles are their names: what they allow is the
 * security package's business. A user's roles are stored as their names, sorted, joined by commas.
 */
@Repository
public class AccountStore {

    /** A user as stored; {@code roles} are the role names as written (unknown names included, order kept). */
    public record StoredUser(
            String username,
            String passwordHash,
            Set<String> roles,
            boolean enabled,
            Instant createdAt,
            Instant changedAt) {}

    /** An API token, without its secret. */
    public record StoredToken(String id, String username, String name, Instant createdAt, Instant expiresAt) {}

    /** One entry of the audit log. */
    public record AuditEntry(
            long id, Instant occurredAt, String actor, String action, String target, String client, String detail) {}

    private final JdbcTemplate jdbc;
    private final String user;
    private final String users;
    private final String insertUser;
    private final String updateUser;
    private final String updateUserPassword;
    private final String deleteUserTokens;
    private final String deleteUser;
    private final String insertToken;
    private final String tokenByHash;
    private final String tokens;
    private final String deleteToken;
    private final String insertAudit;
    private final String audit;

    AccountStore(JdbcTemplate jdbc, SqlStatements sql) {
        this.jdbc = jdbc;
        this.user = sql.get("accounts/user");
        this.users = sql.get("accounts/users");
        this.insertUser = sql.get("accounts/insert-user");
        this.updateUser = sql.get("accounts/update-user");
        this.updateUserPassword = sql.get("accounts/update-user-password");
        this.deleteUserTokens = sql.get("accounts/delete-user-tokens");
        this.deleteUser = sql.get("accounts/delete-user");
        this.insertToken = sql.get("accounts/insert-token");
        this.tokenByHash = sql.get("accounts/token-by-hash");
        this.tokens = sql.get("accounts/tokens");
        this.deleteToken = sql.get("accounts/delete-token");
        this.insertAudit = sql.get("accounts/insert-audit");
        this.audit = sql.get("accounts/audit");
    }

    /** The user, or empty when there is none with this name. */
    public Optional<StoredUser> user(String username) {
        return jdbc.query(user, AccountStore::user, username).stream().findFirst();
    }

    /** All users, by name. */
    public List<StoredUser> users() {
        return jdbc.query(users, AccountStore::user);
    }

    /** Creates the user; false when the name is taken (nothing changes). */
    public boolean create(StoredUser user) {
        try {
            jdbc.update(
                    insertUser,
                    user.username(),
                    user.passwordHash(),
                    roles(user.roles()),
                    user.enabled(),
                    ts(user.createdAt()),
                    ts(user.changedAt()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Replaces roles, enabled flag and, when not null, the password hash; false when there is no such user. */
    public boolean update(String username, Set<String> roles, boolean enabled, String passwordHash) {
        Timestamp now = ts(Instant.now());
        if (passwordHash == null) {
            return jdbc.update(updateUser, roles(roles), enabled, now, username) == 1;
        }
        return jdbc.update(updateUserPassword, roles(roles), enabled, passwordHash, now, username) == 1;
    }

    /** Deletes the user and their tokens; false when there is no such user. */
    public boolean delete(String username) {
        jdbc.update(deleteUserTokens, username);
        return jdbc.update(deleteUser, username) == 1;
    }

    /** Deletes every token of the user; the number deleted. */
    public int deleteTokens(String username) {
        return jdbc.update(deleteUserTokens, username);
    }

    /** Stores a token by the hash of its secret. */
    public void createToken(StoredToken token, String tokenHash) {
        jdbc.update(
                insertToken,
                token.id(),
                token.username(),
                tokenHash,
                token.name(),
                ts(token.createdAt()),
                ts(token.expiresAt()));
    }

    /** The token with this secret hash, or empty when unknown. */
    public Optional<StoredToken> tokenByHash(String tokenHash) {
        return jdbc.query(tokenByHash, AccountStore::token, tokenHash).stream().findFirst();
    }

    /** The user's tokens, oldest first. */
    public List<StoredToken> tokens(String username) {
        return jdbc.query(tokens, AccountStore::token, username);
    }

    /** Deletes the user's token; false when the user has no token with this id. */
    public boolean deleteToken(String username, String id) {
        return jdbc.update(deleteToken, username, id) == 1;
    }

    /** Appends to the audit log, now; each text cut to its column's width. */
    public void audit(String actor, String action, String target, String client, String detail) {
        jdbc.update(
                insertAudit,
                ts(Instant.now()),
                cut(actor, 64),
                cut(action, 40),
                cut(target, 200),
                cut(client, 100),
                cut(detail, 500));
    }

    /** The newest audit entries first, at most {@code limit}. */
    public List<AuditEntry> audit(int limit) {
        return jdbc.query(
                audit,
                (rs, i) -> new AuditEntry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)),
                limit);
    }

    private static StoredUser user(ResultSet rs, int row) throws SQLException {
        return new StoredUser(
                rs.getString(1),
                rs.getString(2),
                roles(rs.getString(3)),
                rs.getBoolean(4),
                rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant());
    }

    private static StoredToken token(ResultSet rs, int row) throws SQLException {
        return new StoredToken(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant());
    }

    private static String roles(Set<String> roles) {
        return roles.stream().sorted().collect(Collectors.joining(","));
    }

    private static Set<String> roles(String text) {
        return new LinkedHashSet<>(Arrays.asList(text.split(",")));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    /** Audit text is user-supplied in part (names tried at sign-in): bound to the column width. */
    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
