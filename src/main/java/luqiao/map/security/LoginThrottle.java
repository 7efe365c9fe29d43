package luqiao.map.security;

import java.time.Duration;
import java.time.Instant;
import luqiao.map.store.accounts.LoginFailureStore;
import luqiao.map.store.cluster.ClusterLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for sign-in that cannot be turned against a user. Refused attempts are not
 * checked (guessing gains nothing) and do not count. The failures are counted in the database
 * ({@link LoginFailureStore}), so failures on one instance count on every other: an attacker gains
 * nothing from a balancer spreading their attempts.
 *
 * <ul>
 *   <li>Per user name and client address: {@code max-failures} failures pause that user <em>at that
 *       address</em> for the window since the first of them.</li>
 *   <li>Per client address: {@code max-client-failures} failures, any user names, pause the address.</li>
 *   <li>Per user name, all addresses: past {@code user-slowdown-after} failures, each attempt must wait
 *       {@code user-delay} after the last failure, doubled with every further failure up to
 *       {@code user-max-delay}. Many addresses guessing one password are slowed down, while the user,
 *       from their own address, gets in after a short wait: never a lock-out.</li>
 * </ul>
 * A successful sign-in clears the user's slowdown and the pause at that address; {@link #unlock} (an
 * administrator's) clears all of the user's.
 */
@Component
class LoginThrottle {

    /** The clean-up's name among the periodic jobs of all instances. */
    static final String CLEANUP_JOB = "login-failures.cleanup";

    private final SecuritySettings.LoginThrottle settings;
    private final LoginFailureStore store;
    private final ClusterLock cluster;

    LoginThrottle(SecuritySettings settings, LoginFailureStore store, ClusterLock cluster) {
        this.settings = settings.login();
        this.store = store;
        this.cluster = cluster;
    }

    /** Refuses the attempt when this user at this client, the client, or (for now) the user has failed too often. */
    void check(String username, String client) {
        Instant now = Instant.now();
        LoginFailureStore.Failures f = store.failures(key(username), client, now.minus(settings.window()));
        if (f.pair() >= settings.maxFailures() || f.client() >= settings.maxClientFailures()) {
            throw new Throttled(settings.window());
        }
        Duration wait = userWait(f.user(), f.lastUserFailure(), now, settings);
        if (!wait.isZero()) {
            throw new Throttled(wait);
        }
    }

    void failed(String username, String client) {
        Instant now = Instant.now();
        store.failed(key(username), client, now, now.minus(settings.window()));
    }

    void succeeded(String username, String client) {
        store.succeeded(key(username), client);
    }

    /** Lifts every pause and slowdown of the user, at every address; false when there was none. */
    boolean unlock(String username) {
        return store.forgetUser(key(username));
    }

    /**
     * Forgets failures older than the window, once a minute on one instance: expired rows already count for
     * nothing, this only keeps the table small.
     */
    @Scheduled(cron = "30 * * * * *")
    void forgetExpired() {
        cluster.runOnce(
                CLEANUP_JOB,
                Duration.ofSeconds(30),
                () -> store.deleteExpired(Instant.now().minus(settings.window())));
    }

    /** A user name as stored: its hash, since any name can be tried. */
    private static String key(String username) {
        return Accounts.hash(username);
    }

    /**
     * How long the user's next attempt must still wait after {@code count} failures from all addresses, the last
     * at {@code last}: zero below the threshold or once the delay has passed.
     */
    static Duration userWait(int count, Instant last, Instant now, SecuritySettings.LoginThrottle s) {
        int over = count - s.userSlowdownAfter();
        if (over < 0 || last == null) {
            return Duration.ZERO;
        }
        long delay = s.userDelay().toNanos() << Math.min(over, 20);
        delay = delay < 0
                ? s.userMaxDelay().toNanos()
                : Math.min(delay, s.userMaxDelay().toNanos());
        long left = delay - Duration.between(last, now).toNanos();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Too many failed sign-ins: answered 429 with {@code Retry-After}. */
    static final class Throttled extends AuthenticationException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("too many failed sign-ins; try again later");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, at least one. */
        Duration retryAfter() {
            return Duration.ofSeconds(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
    }
}
