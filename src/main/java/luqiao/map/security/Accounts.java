package luqiao.map.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import luqiao.map.store.AccountsChanged;
import luqiao.map.store.ChangesMissed;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Users, API tokens and the audit trail: creates the first administrator, hashes passwords (BCrypt,
 * through Spring's delegating encoder so the algorithm can move on), issues and checks API tokens,
 * and writes every change to the audit log.
 *
 * <p>Tokens are {@code lq_} + 256 random bits; only their SHA-256 is stored. A slow hash protects
 * guessable passwords; a 256-bit random secret cannot be guessed, so a fast hash loses nothing and
 * lets the token be looked up by its hash. Checked tokens are cached for {@link #TOKEN_CACHE} so a
 * program's tile requests do not each query the database.
 */
@Service
public class Accounts implements UserDetailsService, ApplicationRunner {

    static final Duration TOKEN_CACHE = Duration.ofSeconds(30);
    static final String ADMIN = "admin";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_PASSWORD = 12;
    private static final int MIN_DISTINCT = 5;
    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final UserStore store;
    private final SignedInSessions sessions;
    private final ApplicationEventPublisher events;
    private final SecuritySettings settings;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<Authentication>> tokens = Caffeine.newBuilder()
            .expireAfterWrite(TOKEN_CACHE)
            .maximumSize(10_000)
            .build();

    Accounts(UserStore store, SecuritySettings settings, SignedInSessions sessions, ApplicationEventPublisher events) {
        this.store = store;
        this.settings = settings;
        this.sessions = sessions;
        this.events = events;
    }

    PasswordEncoder passwordEncoder() {
        return passwords;
    }

    /** At first start (no administrator), creates {@code admin} with the configured or a generated password. */
    @Override
    public void run(ApplicationArguments args) {
        if (store.hasAdmin()) {
            return;
        }
        String password = settings.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        Instant now = Instant.now();
        if (!store.create(new UserStore.User(ADMIN, passwords.encode(password), Set.of(Role.ADMIN), true, now, now))) {
            store.update(ADMIN, Set.of(Role.ADMIN), true, passwords.encode(password));
        }
        store.audit(
                "system",
                "user.create",
                ADMIN,
                null,
                "first administrator" + (generated ? ", password generated" : ""));
        if (generated) {
            // Printed once: it is stored only as a hash. Set LUQIAO_SECURITY_ADMIN_PASSWORD to choose it instead.
            log.warn(
                    "Created the administrator '{}' with the generated password: {}  (shown once; change it)",
                    ADMIN,
                    password);
        } else {
            log.info("Created the administrator '{}' with the password from luqiao.security.admin-password", ADMIN);
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserStore.User user = store.user(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return org.springframework.security.core.userdetails.User.withUsername(user.username())
                .password(user.passwordHash())
                .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
                .disabled(!user.enabled())
                .build();
    }

    public List<UserStore.User> users() {
        return store.users();
    }

    public UserStore.User create(String actor, String client, String username, String password, Set<Role> roles) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidParameterException(
                    "username", "username must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        checkPassword(password);
        Instant now = Instant.now();
        UserStore.User user =
                new UserStore.User(username, passwords.encode(password), Set.copyOf(roles), true, now, now);
        if (!store.create(user)) {
            throw new ProblemException(HttpStatus.CONFLICT, "User exists", "a user named '" + username + "' exists")
                    .with("field", "username");
        }
        store.audit(actor, "user.create", username, client, "roles " + roles);
        changed();
        return user;
    }

    public boolean update(
            String actor, String client, String username, Set<Role> roles, boolean enabled, String password) {
        if (password != null) {
            checkPassword(password);
        }
        // An administrator who disabled themselves, or dropped their own ADMIN role, could not undo it.
        if (actor.equals(username) && !enabled) {
            throw new InvalidParameterException("enabled", "administrators cannot disable themselves");
        }
        if (actor.equals(username) && !roles.contains(Role.ADMIN)) {
            throw new InvalidParameterException("roles", "administrators cannot take their own ADMIN role away");
        }
        if (ADMIN.equals(username)
                && (!roles.contains(Role.ADMIN) || !enabled)
                && store.users().stream()
                                .filter(u -> u.enabled() && u.roles().contains(Role.ADMIN))
                                .count()
                        <= 1) {
            throw new InvalidParameterException(
                    "roles", "the last administrator keeps the ADMIN role and stays enabled");
        }
        boolean done = store.update(
                username, Set.copyOf(roles), enabled, password == null ? null : passwords.encode(password));
        if (done) {
            store.audit(
                    actor,
                    "user.update",
                    username,
                    client,
                    "roles " + roles + ", enabled " + enabled + (password == null ? "" : ", password changed"));
            changed();
            sessions.endAll(username);
        }
        return done;
    }

    public boolean delete(String actor, String client, String username) {
        if (actor.equals(username)) {
            throw new InvalidParameterException("username", "administrators cannot delete themselves");
        }
        boolean done = store.delete(username);
        if (done) {
            store.audit(actor, "user.delete", username, client, null);
            changed();
            sessions.endAll(username);
        }
        return done;
    }

    /** A new token for the user; the secret is in the answer once and never stored. */
    public IssuedToken issueToken(String username, String client, String name) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "lq_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[8];
        random.nextBytes(id);
        Instant now = Instant.now();
        UserStore.Token stored = new UserStore.Token(
                HexFormat.of().formatHex(id),
                username,
                name == null || name.isBlank() ? "token" : name.strip(),
                now,
                now.plus(settings.tokenLifetime()));
        store.createToken(stored, hash(token));
        store.audit(username, "token.create", stored.id(), client, stored.name());
        return new IssuedToken(stored, token);
    }

    public record IssuedToken(UserStore.Token token, String secret) {}

    public List<UserStore.Token> tokens(String username) {
        return store.tokens(username);
    }

    public boolean revokeToken(String username, String client, String id) {
        boolean done = store.deleteToken(username, id);
        if (done) {
            store.audit(username, "token.delete", id, client, null);
            changed();
        }
        return done;
    }

    /** Revokes every API token of the user (e.g. one that left or whose tokens leaked); the number revoked. */
    public int revokeTokens(String actor, String client, String username) {
        int revoked = store.deleteTokens(username);
        store.audit(actor, "token.revoke-all", username, client, revoked + " token(s)");
        changed();
        return revoked;
    }

    /** The signed-in user a bearer token stands for; empty when it is unknown, expired or its user disabled. */
    Optional<Authentication> authenticateToken(String token) {
        return tokens.get(hash(token), h -> store.tokenByHash(h)
                .filter(t -> t.expiresAt().isAfter(Instant.now()))
                .flatMap(t -> store.user(t.username()))
                .filter(UserStore.User::enabled)
                .map(u -> UsernamePasswordAuthenticationToken.authenticated(
                        u.username(),
                        null,
                        u.roles().stream()
                                .map(r -> new SimpleGrantedAuthority(r.authority()))
                                .toList())));
    }

    public void audit(String actor, String action, String target, String client, String detail) {
        store.audit(actor, action, target, client, detail);
    }

    public List<UserStore.AuditEntry> auditLog(int limit) {
        return store.audit(limit);
    }

    private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs {@code listener} whenever users or tokens change (to drop cached sign-ins). */
    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Users or tokens changed here: forget every cached token and password check, on every instance. */
    private void changed() {
        forgetCachedSignIns();
        events.publishEvent(new AccountsChanged(false));
    }

    /**
     * Another instance changed users or tokens, or this one may have missed such a change (its listener was cut
     * off): its cached checks could let a disabled user in, so they go.
     */
    @EventListener({AccountsChanged.class, ChangesMissed.class})
    void changedElsewhere(Object change) {
        if (!(change instanceof AccountsChanged c) || c.elsewhere()) {
            forgetCachedSignIns();
        }
    }

    private void forgetCachedSignIns() {
        tokens.invalidateAll();
        changeListeners.forEach(Runnable::run);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidParameterException(
                    "password", "password must have at least " + MIN_PASSWORD + " characters");
        }
        // "aaaaaaaaaaaa" or "121212121212" pass a length rule and nothing else.
        if (password.chars().distinct().count() < MIN_DISTINCT) {
            throw new InvalidParameterException(
                    "password", "password is too weak: use at least " + MIN_DISTINCT + " different characters");
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
