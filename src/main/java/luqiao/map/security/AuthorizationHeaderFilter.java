package luqiao.map.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Programs' sign-in, for this request only (no session): {@code Authorization: Bearer lq_…} (an API
 * token), {@code Authorization: Basic …} (user name and password, through the throttled, audited
 * {@link AuditedAuthenticationProvider}), or {@code X-Esri-Authorization: Bearer lq_…}, the same API
 * token in the header QGIS's "ESRI token" authentication method sends (QGIS 3.22 has no other way to send a
 * bearer token). Runs before the CSRF check: a request this filter signed in carries
 * {@link #SIGNED_IN_BY_HEADER} and only such a request is exempt from CSRF.
 *
 * <p>A credential the server does not accept is a 401 problem (429 while sign-in is paused), never a
 * silent fall-back to the session or the public view: a malformed, unknown or expired token, wrong Basic
 * credentials, an {@code Authorization} header of any other scheme (Negotiate, Digest, …) or with an
 * empty or garbled value, an {@code X-Esri-Authorization} header that is not {@code Bearer} and a token,
 * and a request carrying both headers. A caller that meant to be someone learns it is not, rather than
 * getting the public answer as if it were theirs. The challenge is {@code Bearer realm="luqiao"}, never
 * Basic, so browsers show no password dialog. Basic credentials are always checked, even when a session
 * cookie names the same user. Requests with neither header go on as their session or anonymously.
 *
 * <p>The metrics token ({@code luqiao.metrics.token}, see {@link MetricsSettings}) is a bearer token too, but
 * only on {@link #METRICS_PATH}: there it signs in a caller whose one authority is {@link #METRICS_AUTHORITY};
 * anywhere else it is an unknown token like any other.
 */
class AuthorizationHeaderFilter extends OncePerRequestFilter {

    /**
     * Request attribute: this request was signed in by its own {@code Authorization} or {@code
     * X-Esri-Authorization} header.
     */
    static final String SIGNED_IN_BY_HEADER = AuthorizationHeaderFilter.class.getName() + ".signedIn";

    /** The header of QGIS's "ESRI token" method (and of ArcGIS clients): {@code Bearer <token>}. */
    static final String ESRI_AUTHORIZATION = "X-Esri-Authorization";

    private static final Logger log = LoggerFactory.getLogger(AuthorizationHeaderFilter.class);
    /** The Prometheus scrape endpoint, the one path the metrics token is good for. */
    static final String METRICS_PATH = "/actuator/prometheus";

    /** The only authority of a caller signed in with the metrics token. */
    static final String METRICS_AUTHORITY = "METRICS";

    private static final Pattern TOKEN = Pattern.compile("lq_[A-Za-z0-9_-]{43}");

    private final Accounts accounts;
    private final AuthenticationManager passwords;
    private final AuthenticationEntryPoint refused;
    private final byte[] metricsToken;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    AuthorizationHeaderFilter(
            Accounts accounts,
            AuthenticationManager passwords,
            AuthenticationEntryPoint refused,
            MetricsSettings metrics) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.refused = refused;
        this.metricsToken = metrics.token().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String esri = request.getHeader(ESRI_AUTHORIZATION);
        if (header == null && esri == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authentication> user;
        if (header != null && esri != null) {
            user = refuse(request, response, "send one credential: an Authorization or an X-Esri-Authorization header");
        } else if (esri != null) {
            user = hasScheme(esri, "Bearer")
                    ? token(request, response, esri)
                    : refuse(request, response, "X-Esri-Authorization takes an API token: Bearer lq_…");
        } else if (hasScheme(header, "Bearer")) {
            user = token(request, response, header);
        } else if (hasScheme(header, "Basic")) {
            user = password(request, response);
        } else {
            user = refuse(
                    request,
                    response,
                    "the Authorization header is empty or of a scheme this server does not accept; send Bearer and"
                            + " an API token, or Basic");
        }
        if (user.isEmpty()) {
            return;
        }
        // A new context, not the session's: the header's user is never written into a session.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(user.get());
        SecurityContextHolder.setContext(context);
        request.setAttribute(SIGNED_IN_BY_HEADER, Boolean.TRUE);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Whether the header value is {@code scheme} followed by a space and its credentials, or the scheme alone. */
    private static boolean hasScheme(String header, String scheme) {
        String value = header.strip();
        return value.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1) || value.equalsIgnoreCase(scheme);
    }

    /** The user of the bearer token in {@code header}, or empty after answering 401. */
    private Optional<Authentication> token(HttpServletRequest request, HttpServletResponse response, String header)
            throws IOException {
        // QGIS's ESRI token method writes "Bearer <token> " with a trailing space.
        String token = header.strip().substring("Bearer".length()).strip();
        if (isMetricsToken(request, token)) {
            return Optional.of(new UsernamePasswordAuthenticationToken(
                    "metrics", null, List.of(new SimpleGrantedAuthority(METRICS_AUTHORITY))));
        }
        boolean wellFormed = TOKEN.matcher(token).matches();
        Optional<Authentication> found = wellFormed ? accounts.authenticateToken(token) : Optional.empty();
        if (found.isEmpty()) {
            log.warn(
                    "Refused a {} bearer token from {}",
                    wellFormed ? "unknown or expired" : "malformed",
                    request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"luqiao\", error=\"invalid_token\"");
            Problems.write(response, 401, "Unauthorized", "the bearer token is malformed, unknown or expired");
        }
        return found;
    }

    /** Whether this is the configured metrics token, on the metrics path (compared in constant time). */
    private boolean isMetricsToken(HttpServletRequest request, String token) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return metricsToken.length > 0
                && path.equals(METRICS_PATH)
                && MessageDigest.isEqual(metricsToken, token.getBytes(StandardCharsets.UTF_8));
    }

    /** The user of the request's Basic credentials, or empty after answering 401 (or 429). */
    private Optional<Authentication> password(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        try {
            return Optional.of(passwords.authenticate(basic.convert(request)));
        } catch (AuthenticationException e) {
            refused.commence(request, response, e);
            return Optional.empty();
        }
    }

    /** Answers 401 for a credential the server does not read; always empty. */
    private static Optional<Authentication> refuse(
            HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        log.warn("Refused an unusable credential header from {}: {}", request.getRemoteAddr(), detail);
        // Bearer, not Basic: a Basic challenge would make browsers pop up a password dialog.
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"luqiao\"");
        Problems.write(response, 401, "Unauthorized", detail);
        return Optional.empty();
    }
}
