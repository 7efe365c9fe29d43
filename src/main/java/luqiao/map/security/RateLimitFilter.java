package luqiao.map.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits anonymous requests per client address with a token bucket (burst, then a steady rate);
 * over it the answer is 429 with {@code Retry-After}. Signed-in users are not limited here. Runs after
 * authentication, in memory, with no database access.
 *
 * <p>The client is {@code request.getRemoteAddr()}: the TCP peer, or behind a proxy listed in
 * {@code luqiao.security.trusted-proxies} the address it forwards ({@link ProxyHeadersFilter}); an
 * {@code X-Forwarded-For} from anyone else changes nothing.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final double perSecond;
    private final int burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    RateLimitFilter(SecuritySettings.RateLimit settings) {
        this.perSecond = settings.requestsPerMinute() / 60.0;
        this.burst = settings.burst();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isSignedIn()) {
            long wait =
                    buckets.get(request.getRemoteAddr(), k -> new Bucket(burst)).take(perSecond, burst);
            if (wait > 0) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
                Problems.write(
                        response,
                        429,
                        "Too many requests",
                        "this client sent more requests than the server allows anonymous clients; retry after " + wait
                                + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isSignedIn() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return auth != null
                && auth.isAuthenticated()
                && !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
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
