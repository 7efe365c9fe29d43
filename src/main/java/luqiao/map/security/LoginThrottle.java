package luqiao.map.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for sign-in that cannot be turned against a user. Refused attempts are not
 * checked (guessing gains nothing) and do not count. In memory, like the rate limit.
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

    private static final char SEPARATOR = '\u0000';

    private final SecuritySettings.LoginThrottle settings;
    private final Cache<String, AtomicInteger> pairs;
    private final Cache<String, AtomicInteger> clients;
    private final Cache<String, UserFailures> users;

    LoginThrottle(SecuritySettings settings) {
        this.settings = settings.login();
        Duration window = this.settings.window();
        this.pairs = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
        this.clients = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
        this.users = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
    }

    /** Refuses the attempt when this user at this client, the client, or (for now) the user has failed too often. */
    void check(String username, String client) {
        if (count(pairs, username + SEPARATOR + client) >= settings.maxFailures()
                || count(clients, client) >= settings.maxClientFailures()) {
            throw new Throttled(settings.window());
        }
        UserFailures user = users.getIfPresent(username);
        if (user != null) {
            Duration wait = user.wait(settings);
            if (!wait.isZero()) {
                throw new Throttled(wait);
            }
        }
    }

    void failed(String username, String client) {
        pairs.get(username + SEPARATOR + client, k -> new AtomicInteger()).incrementAndGet();
        clients.get(client, k -> new AtomicInteger()).incrementAndGet();
        // Re-put: the user's window runs from the last failure.
        users.asMap().compute(username, (k, f) -> (f == null ? new UserFailures(0, 0) : f).next());
    }

    void succeeded(String username, String client) {
        pairs.invalidate(username + SEPARATOR + client);
        users.invalidate(username);
    }

    /** Lifts every pause and slowdown of the user, at every address; false when there was none. */
    boolean unlock(String username) {
        boolean any = users.asMap().remove(username) != null;
        any |= pairs.asMap().keySet().removeIf(k -> k.startsWith(username + SEPARATOR));
        return any;
    }

    private static int count(Cache<String, AtomicInteger> cache, String key) {
        AtomicInteger n = cache.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    /** A user's failures from all addresses and when the last one was. */
    record UserFailures(int count, long lastNanos) {

        UserFailures next() {
            return new UserFailures(count + 1, System.nanoTime());
        }

        /** How long the next attempt must still wait: zero below the threshold or once the delay has passed. */
        Duration wait(SecuritySettings.LoginThrottle s) {
            int over = count - s.userSlowdownAfter();
            if (over < 0) {
                return Duration.ZERO;
            }
            long delay = s.userDelay().toNanos() << Math.min(over, 20);
            delay = delay < 0
                    ? s.userMaxDelay().toNanos()
                    : Math.min(delay, s.userMaxDelay().toNanos());
            long left = delay - (System.nanoTime() - lastNanos);
            return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
        }
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
