package luqiao.map.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * For answers given ahead of the security chain (the cached public tiles, {@code tiles.CachedTileFilter}): which
 * requests may skip it, and what it would have done to their answers.
 *
 * <p>A request may skip the chain when the chain could only treat it as an anonymous read that leaves no trace: a
 * GET with no {@code Cookie} (no session that could sign it in, none to create), no credentials ({@code
 * Authorization}, {@code X-Esri-Authorization}), no {@code Origin} (the CORS answers stay the chain's) and no body.
 * Its answer is the public one, and carries what the chain adds to an anonymous GET: CORS's {@code Vary} headers
 * first, the {@link SecurityHeaders} last. HEAD does not qualify: the chain sends it the CSRF cookie. Such a request
 * still takes its token from the client's anonymous rate limit ({@link AnonymousRateLimit}).
 */
@Component
public class PublicShortcut {

    private final AnonymousRateLimit limit;
    private final SecurityHeaders headers;
    private final CorsConfigurationSource cors;
    private final CorsProcessor corsProcessor = new DefaultCorsProcessor();

    PublicShortcut(AnonymousRateLimit limit, SecurityHeaders headers, SecuritySettings settings) {
        this.limit = limit;
        this.headers = headers;
        this.cors = SecurityConfig.cors(settings);
    }

    /** Whether the security chain would take the request for an anonymous GET that changes nothing. */
    public boolean qualifies(HttpServletRequest request) {
        return "GET".equals(request.getMethod())
                && request.getHeader(HttpHeaders.COOKIE) == null
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getHeader(AuthorizationHeaderFilter.ESRI_AUTHORIZATION) == null
                && request.getHeader(HttpHeaders.ORIGIN) == null
                && request.getContentLengthLong() <= 0
                && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    /**
     * Takes the request's token from its client's anonymous rate limit: false when the client is over it, and then
     * nothing is taken (the chain answers such a request with its 429).
     */
    public boolean admits(HttpServletRequest request) {
        return !limit.enabled() || limit.take(request.getRemoteAddr()) == 0;
    }

    /** The headers the chain writes before the answer's own: CORS's {@code Vary} (the request is not a CORS one). */
    public void writeHeadersBefore(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CorsConfiguration configuration = cors.getCorsConfiguration(request);
        if (configuration != null) {
            corsProcessor.processRequest(configuration, request, response);
        }
    }

    /** The headers the chain writes after the answer's own, as the answer is sent: the {@link SecurityHeaders}. */
    public void writeHeadersAfter(HttpServletRequest request, HttpServletResponse response) {
        headers.write(request, response);
    }
}
