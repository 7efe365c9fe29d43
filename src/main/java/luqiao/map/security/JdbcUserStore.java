package luqiao.map.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link UserStore} over JDBC; the same SQL runs on PostGIS and H2GIS (tables from migration V4). */
@Repository
class JdbcUserStore implements UserStore {

    private static final String USER_COLUMNS = "username, password_hash, roles, enabled, created_at, changed_at";
    private static final String TOKEN_COLUMNS = "id, username, name, created_at, expires_at";

    private final JdbcTemplate jdbc;

    JdbcUserStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> user(String username) {
        return jdbc.query("SELECT " + USER_COLUMNS + " FROM app_users WHERE username = ?", JdbcUserStore::user, username)
                .stream().findFirst();
    }

    @Override
    public List<User> users() {
        return jdbc.query("SELECT " + USER_COLUMNS + " FROM app_users ORDER BY username", JdbcUserStore::user);
    }

    @Override
    public boolean hasAdmin() {
        return users().stream().anyMatch(u -> u.enabled() && u.roles().contains(Role.ADMIN));
    }

    @Override
    public boolean create(User user) {
        try {
            jdbc.update("INSERT INTO app_users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", user.username(),
                    user.passwordHash(), roles(user.roles()), user.enabled(), ts(user.createdAt()), ts(user.changedAt()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean update(String username, Set<Role> roles, boolean enabled, String passwordHash) {
        Timestamp now = ts(Instant.now());
        if (passwordHash == null) {
            return jdbc.update("UPDATE app_users SET roles = ?, enabled = ?, changed_at = ? WHERE username = ?",
                    roles(roles), enabled, now, username) == 1;
        }
        return jdbc.update("UPDATE app_users SET roles = ?, enabled = ?, password_hash = ?, changed_at = ? WHERE username = ?",
                roles(roles), enabled, passwordHash, now, username) == 1;
    }

    @Override
    public boolean delete(String username) {
        jdbc.update("DELETE FROM api_tokens WHERE username = ?", username);
        return jdbc.update("DELETE FROM app_users WHERE username = ?", username) == 1;
    }

    @Override
    public void createToken(Token token, String tokenHash) {
        jdbc.update("INSERT INTO api_tokens (id, username, token_hash, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                token.id(), token.username(), tokenHash, token.name(), ts(token.createdAt()), ts(token.expiresAt()));
    }

    @Override
    public Optional<Token> tokenByHash(String tokenHash) {
        return jdbc.query("SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE token_hash = ?", JdbcUserStore::token, tokenHash)
                .stream().findFirst();
    }

    @Override
    public List<Token> tokens(String username) {
        return jdbc.query("SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE username = ? ORDER BY created_at, id",
                JdbcUserStore::token, username);
    }

    @Override
    public boolean deleteToken(String username, String id) {
        return jdbc.update("DELETE FROM api_tokens WHERE username = ? AND id = ?", username, id) == 1;
    }

    @Override
    public void audit(String actor, String action, String target, String client, String detail) {
        jdbc.update("INSERT INTO audit_log (occurred_at, actor, action, target, client, detail) VALUES (?, ?, ?, ?, ?, ?)",
                ts(Instant.now()), cut(actor, 64), cut(action, 40), cut(target, 200), cut(client, 100), cut(detail, 500));
    }

    @Override
    public List<AuditEntry> audit(int limit) {
        return jdbc.query("SELECT id, occurred_at, actor, action, target, client, detail FROM audit_log ORDER BY id DESC LIMIT ?",
                (rs, i) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), limit);
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), roles(rs.getString(3)), rs.getBoolean(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
    }

    private static Token token(ResultSet rs, int row) throws SQLException {
        return new Token(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<Role> roles(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(text.split(",")).map(Role::parse).flatMap(Optional::stream).forEach(roles::add);
        return roles;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    /** Audit text is user-supplied in part (names tried at sign-in): bound to the column width. */
    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
