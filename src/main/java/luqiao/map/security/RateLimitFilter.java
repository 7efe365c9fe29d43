package luqiao.map.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits anonymous requests per client address with a token bucket (burst, then a steady rate,
 * {@link AnonymousRateLimit}); over it the answer is 429 with {@code Retry-After}. Signed-in users are not limited here. Runs after
 * authentication, in memory, with no database access.
 *
 * <p>The client is {@code request.getRemoteAddr()}: the TCP peer, or behind a proxy listed in
 * {@code luqiao.security.trusted-proxies} the address it forwards ({@link ProxyHeadersFilter}); an
 * {@code X-Forwarded-For} from anyone else changes nothing.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final AnonymousRateLimit limit;

    RateLimitFilter(AnonymousRateLimit limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isSignedIn()) {
            long wait = limit.take(request.getRemoteAddr());
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
}
