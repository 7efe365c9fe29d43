package luqiao.map.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Programs' sign-in, for this request only (no session): {@code Authorization: Bearer lq_…} (an API
 * token) or {@code Authorization: Basic …} (user name and password, through the throttled, audited
 * {@link AuditedAuthenticationProvider}). Runs before the CSRF check: a request this filter signed in
 * carries {@link #SIGNED_IN_BY_HEADER} and only such a request is exempt from CSRF.
 *
 * <p>A malformed, unknown or expired token, or wrong Basic credentials, are a 401 problem (429 while
 * sign-in is paused), never a silent fall-back to the session or the public view. Any other
 * {@code Authorization} header (another scheme, empty) signs nothing in and is left alone: the request
 * goes on as its session or anonymously, CSRF check included. Basic credentials are always checked,
 * even when a session cookie names the same user.
 */
class AuthorizationHeaderFilter extends OncePerRequestFilter {

    /** Request attribute: this request was signed in by its own {@code Authorization} header. */
    static final String SIGNED_IN_BY_HEADER = AuthorizationHeaderFilter.class.getName() + ".signedIn";

    private static final Logger log = LoggerFactory.getLogger(AuthorizationHeaderFilter.class);
    private static final Pattern TOKEN = Pattern.compile("lq_[A-Za-z0-9_-]{43}");

    private final Accounts accounts;
    private final AuthenticationManager passwords;
    private final AuthenticationEntryPoint refused;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    AuthorizationHeaderFilter(Accounts accounts, AuthenticationManager passwords, AuthenticationEntryPoint refused) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Authentication user;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            Optional<Authentication> found =
                    TOKEN.matcher(token).matches() ? accounts.authenticateToken(token) : Optional.empty();
            if (found.isEmpty()) {
                log.warn(
                        "Refused a {} bearer token from {}",
                        TOKEN.matcher(token).matches() ? "unknown or expired" : "malformed",
                        request.getRemoteAddr());
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"luqiao\", error=\"invalid_token\"");
                Problems.write(response, 401, "Unauthorized", "the bearer token is malformed, unknown or expired");
                return;
            }
            user = found.get();
        } else if (header != null
                && (header.regionMatches(true, 0, "Basic ", 0, 6)
                        || header.strip().equalsIgnoreCase("Basic"))) {
            try {
                user = passwords.authenticate(basic.convert(request));
            } catch (AuthenticationException e) {
                refused.commence(request, response, e);
                return;
            }
        } else {
            chain.doFilter(request, response);
            return;
        }
        // A new context, not the session's: the header's user is never written into a session.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(user);
        SecurityContextHolder.setContext(context);
        request.setAttribute(SIGNED_IN_BY_HEADER, Boolean.TRUE);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
