package luqiao.map.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for sign-in: counts failures per user name and per client within a window;
 * past the limit, attempts are refused without checking the password (so guessing gains nothing),
 * until the window since the first counted failure has passed.
 */
@Component
class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Cache<String, AtomicInteger> failures;

    LoginThrottle(SecuritySettings settings) {
        this.maxFailures = settings.login().maxFailures();
        this.window = settings.login().window();
        this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** Refuses the attempt when the user name or the client has failed too often. */
    void check(String username, String client) {
        if (count("user:" + username) >= maxFailures || count("client:" + client) >= maxFailures * 5) {
            throw new Throttled(window);
        }
    }

    void failed(String username, String client) {
        failures.get("user:" + username, k -> new AtomicInteger()).incrementAndGet();
        failures.get("client:" + client, k -> new AtomicInteger()).incrementAndGet();
    }

    void succeeded(String username) {
        failures.invalidate("user:" + username);
    }

    private int count(String key) {
        AtomicInteger n = failures.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    /** Too many failed sign-ins: answered 429 with {@code Retry-After}. */
    static final class Throttled extends AuthenticationException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("too many failed sign-ins; try again later");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
