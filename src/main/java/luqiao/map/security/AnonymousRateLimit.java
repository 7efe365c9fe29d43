package luqiao.map.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The anonymous clients' token buckets ({@code luqiao.security.rate-limit}: a burst, then a steady rate), one per
 * client address. One set of buckets for the whole instance: {@link RateLimitFilter} in the security chain and
 * {@link PublicShortcut}, for the answers given ahead of the chain, take from the same bucket.
 */
@Component
class AnonymousRateLimit {

    private final boolean enabled;
    private final double perSecond;
    private final int burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    AnonymousRateLimit(SecuritySettings settings) {
        this.enabled = settings.rateLimit().enabled();
        this.perSecond = settings.rateLimit().requestsPerMinute() / 60.0;
        this.burst = settings.rateLimit().burst();
    }

    boolean enabled() {
        return enabled;
    }

    /** Takes one request from the client's bucket: 0 when it may go on, else the whole seconds to wait (nothing taken). */
    long take(String client) {
        return buckets.get(client, k -> new Bucket(burst)).take(perSecond, burst);
    }

    /** Tokens refill continuously; a request takes one or is told how many whole seconds to wait. */
    static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        synchronized long take(double perSecond, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
