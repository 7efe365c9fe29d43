package luqiao.map.security;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer lq_…}: signs the request in as the token's user for this request only
 * (no session). A malformed, unknown or expired token is a 401 problem, never a silent fall-back to
 * the public view, so a program learns its token is bad.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final Pattern TOKEN = Pattern.compile("lq_[A-Za-z0-9_-]{43}");

    private final Accounts accounts;

    BearerTokenFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7).trim();
        Optional<Authentication> user = TOKEN.matcher(token).matches() ? accounts.authenticateToken(token) : Optional.empty();
        if (user.isEmpty()) {
            log.warn("Refused a {} bearer token from {}", TOKEN.matcher(token).matches() ? "unknown or expired" : "malformed",
                    request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"luqiao\", error=\"invalid_token\"");
            Problems.write(response, 401, "Unauthorized", "the bearer token is malformed, unknown or expired");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(user.get());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
